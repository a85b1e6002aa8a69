/**
 * Is a post English? The topic, organisation and sentiment models are English-only, and reading
 * French with an English lexicon gives confident nonsense, so anything else gets hashtags and
 * mentions only. A source's language tag wins; without one, a cheap guess from the script and from
 * common function words. Posts with no evidence either way (short ones) are read as English.
 */

/** Frequent English words that are rare as words in other Latin-script languages. */
const ENGLISH = new Set(('the and is are was were to of for with that this it its on at we our you your i my not be have has ' +
  'just from will would can about they their there what when which who but so if or as by an').split(' '));

/**
 * Frequent function words of French, German, Spanish, Portuguese, Italian and Dutch that are not
 * English words.
 */
const OTHER = new Set(('le la les des du une est et pour avec dans sur qui que ce cette nous vous ils sont très mais ' +
  'der das und ist nicht ein eine mit für auf sich auch ich wir sie dem zu von bei nach ' +
  'el los las del y es por para una muy pero como más este esta está ' +
  'o os da em uma não com mais ao às é são ' +
  'il di che della sono gli anche questo ' +
  'de het een en niet voor zijn ook maar wij').split(' '));

export function isEnglish(text: string, lang?: string): boolean {
  if (lang) return /^en\b/i.test(lang.trim());
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return true;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin / letters < 0.5) return false;
  let english = 0;
  let other = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (ENGLISH.has(word)) english += 1;
    else if (OTHER.has(word)) other += 1;
  }
  return !(other >= 2 && other > english);
}
