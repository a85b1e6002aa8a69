/**
 * People and organisations named in the bodies of one conversation: the senders' own prose only (no
 * greeting line, valediction, signature block, mobile footer, legal notice or quoted remnant), tagged by
 * compromise (`compromise/two`, loaded lazily as for the insights, see ../insights/tagger.cjs) and
 * chunked here into names, plus organisations written with a legal form ("Fabrikam GmbH") and the names
 * after "at" / "bei" / "chez", or after "from" when a person comes just before ("Dana Whitfield from
 * Litware"). Names of the people already in the conversation and their organisations are left out.
 */
import type Compromise from 'compromise/two';
import type { ConversationMentions, MessageBody } from '../../shared/message-body';
import type { Term } from '../insights/entities';
import { requireCompromise } from '../insights/tagger.cjs';
import { MentionList, excluded } from './mention-list';
import { senderTokens } from './person-name';
import { compact, hasLegalForm, hasOrganisationWord } from './roles';
import { signatureBlock } from './signature-block';
import { isMobileFooter, isNotice, quotedFrom, valediction } from './text-markers';

/**
 * The tagger reads about ten words a millisecond (and fewer on repetitive, hostile text): a conversation
 * gives it this much prose at most, the first bodies first, so that opening one costs a tenth of a second.
 */
export const MENTIONS_MAX_CHARS = 8_000;
const PER_BODY_MAX_CHARS = 4_000;

/** The text up to `max` characters, ended at a line's or a word's end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  return end > max / 2 ? head.slice(0, end) : head;
}

let nlp: typeof Compromise | undefined;
let lexicon: Record<string, unknown> = {};
function tagger(): typeof Compromise {
  if (!nlp) {
    nlp = requireCompromise();
    lexicon = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  }
  return nlp;
}
const known = (term: Term): boolean => Object.hasOwn(lexicon, term.normal);

export function extractMentions(bodies: readonly MessageBody[], exclude: readonly string[]): ConversationMentions {
  const people = new MentionList('person');
  const organisations = new MentionList('organisation');
  // The senders are in the conversation whether or not the caller listed them.
  const left = excluded([...exclude, ...bodies.flatMap((body) => [body.senderName, body.senderEmail ?? ''])]);
  try {
    let budget = MENTIONS_MAX_CHARS;
    for (const body of bodies) {
      if (budget <= 0) break;
      const text = cut(proseLines(body).join('\n'), Math.min(budget, PER_BODY_MAX_CHARS));
      budget -= text.length;
      for (const found of namesIn(text)) {
        if (found.kind === 'person') people.add(found.label, left);
        else organisations.add(found.label, left);
      }
    }
  } catch {
    // A tagger failure on odd input leaves what was found so far.
  }
  const named = organisations.list();
  // "Tailspin Toys" read as a person where the conversation also writes "Tailspin Toys Inc.".
  return { people: people.list().filter((person) => !named.some((organisation) => sameCore(person, organisation))), organisations: named };
}

const GREETING = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe|lieber|sehr geehrte[rs]?|guten (?:tag|morgen)|moin|servus|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|buenos días|buenas tardes|estimad[oa]s?|querid[oa]s?)\b/iu;

function sameCore(person: string, organisation: string): boolean {
  const core = organisation.split(/\s+/).filter((word, i, all) => i === 0 || !(i === all.length - 1 && hasLegalForm(word))).join(' ');
  return compact(person) === compact(core);
}

/** The sender's own prose lines: before quoted text, the signature block and any footer or notice. */
export function proseLines(body: MessageBody): string[] {
  const lines = body.text.split('\n').map((line) => line.trim());
  let end = quotedFrom(lines);
  const block = signatureBlock(body.text, senderTokens(body.senderName, body.senderEmail));
  if (block && block.start < end) {
    // A block the message goes on after (a name line mid-message) is left out alone; a trailing one ends the prose.
    const next = lines.slice(block.end, end).find((line) => line !== '');
    if (next === undefined || isMobileFooter(next) || isNotice(next) || /^[-—–_=*]{2,}$/.test(next)) end = block.start;
    else lines.fill('', block.start, block.end);
  }
  // "Best,\nDana" before a separated signature: the sign-off is no prose either.
  const signOff = lines.slice(0, end).findLastIndex((line) => line !== '' && valediction(line) !== null);
  if (signOff >= 0 && lines.slice(signOff + 1, end).every((line) => line.split(/\s+/).length <= 4)) end = signOff;
  const prose: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, end)) {
    if (isMobileFooter(line) || isNotice(line)) break;
    if (!line || valediction(line) !== null || (GREETING.test(line) && line.split(/\s+/).length <= 6)) continue;
    if (/^[-—–_=*]{2,}$/.test(line)) break;
    prose.push(line);
    length += line.length;
    if (length > PER_BODY_MAX_CHARS) break;
  }
  return prose;
}

interface Found {
  kind: 'person' | 'organisation';
  label: string;
  /** Where the name starts and ends in the text. */
  at: number;
  end: number;
  /** For a tagged run, the index of its last term. */
  last?: number;
}

/**
 * Names in a body's prose (its lines joined with line breaks, which end every name), in the order
 * written. A name written with its legal form is read whole ("Wide World Importers GmbH & Co. KG"),
 * over the tagger's pieces of it.
 */
function namesIn(text: string): Found[] {
  const legal = legalNames(text);
  const tagged = taggedNames(text).filter((found) => !legal.some((name) => found.at < name.end && found.end > name.at));
  return [...tagged, ...legal].sort((a, b) => a.at - b.at);
}

const HONORIFIC = /^(?:mr|mrs|ms|mx|dr|prof|herr|herrn|frau|mme|mlle|m|sr|sra|srta|don|doña)\.?$/i;
const PARTICLE = /^(?:van|von|der|den|de|del|della|di|du|da|la|le|y|zu|ter|ten|bin|al)$/;
/** Tags a name word never has (compromise's, on a capitalised word). */
const NOT_NAME = ['Pronoun', 'Date', 'Month', 'WeekDay', 'Duration', 'Value', 'Url', 'Email', 'PhoneNumber', 'HashTag', 'AtMention',
  'Determiner', 'Preposition', 'Conjunction', 'Verb', 'Adverb', 'Expression', 'QuestionWord', 'Demonym', 'Emoticon', 'Emoji'];
const BREAK = /[,;:!?.()[\]"“”«»/\n]|\s[-–—]\s/;

const has = (term: Term, tag: string): boolean => term.tags?.has(tag) ?? false;
const capitalised = (term: Term): boolean => /^\p{Lu}/u.test(term.text) || /\p{Ll}\p{Lu}/u.test(term.text);
const isHonorific = (term: Term): boolean => has(term, 'Honorific') || HONORIFIC.test(term.text);
const personal = (term: Term): boolean => ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'].some((tag) => has(term, tag));

/** Runs of capitalised words compromise did not place elsewhere, read as a person or an organisation. */
function taggedNames(text: string): Found[] {
  const terms = (tagger()(text).docs as Term[][]).flat().filter((term) => /\p{L}/u.test(term.text));
  const positions = termPositions(text, terms);
  const found: Found[] = [];
  let run: number[] = [];
  const close = (): void => {
    const chosen = run;
    run = [];
    while (chosen.length > 0 && (LEADING_WORDS.has((terms[chosen[0] as number] as Term).normal) || LEADING_SMALL.test((terms[chosen[0] as number] as Term).text))) chosen.shift();
    while (chosen.length > 0 && PARTICLE.test(terms[chosen.at(-1) as number]?.text ?? '')) chosen.pop();
    if (chosen.length === 0) return;
    const kind = runKind(terms, chosen, found);
    if (!kind) return;
    const { label, at, end } = labelOf(text, terms, positions, chosen);
    found.push({ kind, label, at, end, last: chosen.at(-1) as number });
  };
  terms.forEach((term, i) => {
    const candidate = (run.length > 0 && particleInName(terms, run, i)) || (capitalised(term) &&
      (isHonorific(term) || personal(term) || has(term, 'Organization') || !NOT_NAME.some((tag) => has(term, tag))));
    const previous = terms[i - 1];
    const broken = previous !== undefined && BREAK.test(previous.post) && !isHonorific(previous);
    if (!candidate || (run.length > 0 && broken)) close();
    if (candidate) run.push(i);
  });
  close();
  return found;
}

/**
 * "Anke van der Berg": particles inside a name, when one capitalised word ends the name after them.
 * "Frau Keller von Fabrikam" is someone from somewhere: after a German honorific and a surname "von" is "from".
 */
function particleInName(terms: readonly Term[], run: readonly number[], i: number): boolean {
  let next = i;
  while (terms[next] && PARTICLE.test((terms[next] as Term).text)) next++;
  const name = terms[next];
  const after = terms[next + 1];
  if (next === i || !name || !capitalised(name) || (after && !BREAK.test(name.post) && capitalised(after))) return false;
  const german = run.length === 2 && /^(?:herr|frau)$/i.test(terms[run[0] as number]?.text ?? '');
  return !(german && /^von$/i.test(terms[i]?.text ?? ''));
}

function termPositions(text: string, terms: readonly Term[]): number[] {
  let cursor = 0;
  return terms.map((term) => {
    const at = text.indexOf(term.text, cursor);
    if (at < 0) return cursor;
    cursor = at + term.text.length;
    return at;
  });
}

/**
 * The name as written (its hyphens, ampersands and apostrophes kept), without a leading honorific unless
 * only a surname follows it ("Mr. O'Neill", "Frau Keller" stay whole), with the dot of a legal form ("Inc.").
 */
function labelOf(text: string, terms: readonly Term[], positions: readonly number[], run: readonly number[]): { label: string; at: number; end: number } {
  const named = run.filter((i) => !isHonorific(terms[i] as Term));
  const from = named.length >= 2 ? (named[0] as number) : (run[0] as number);
  const last = terms[run.at(-1) as number] as Term;
  const at = positions[from] ?? 0;
  let end = (positions[run.at(-1) as number] ?? 0) + last.text.length;
  if (/^\./.test(last.post) && hasLegalForm(`${last.text}.`) && !hasLegalForm(last.text)) end++;
  return { label: text.slice(at, end).replace(/\s+/g, ' '), at, end };
}

/** Words that open a sentence with a capital before a name: "Merci Sophie", "Thanks Priya", "Ask Dana". */
const LEADING_WORDS = new Set(('hi hello hey dear thanks thank cheers ok okay yes no please also and but so ask call tell cc ' +
  'hallo danke bitte liebe lieber merci bonjour salut cher chère oui non hola gracias querido querida si sí').split(' '));
const STARTS_CLAUSE = /[.!?:;\n]\s*$/;
const CONNECTOR = /^(?:at|bei|chez)$/i;
const DETERMINER = /^(?:the|a|an|our|your|their|this|that|these|those|my|his|her|its|der|die|das|den|dem|des|ein|eine|unser|unsere|le|la|les|un|une|notre|votre|el|los|las|nuestro|nuestra)$/i;

function runKind(terms: readonly Term[], run: readonly number[], earlier: readonly Found[]): Found['kind'] | null {
  const words = run.map((i) => terms[i] as Term);
  const first = run[0] as number;
  const before = terms[first - 1];
  const text = words.map((term) => term.text).join(' ');
  // compromise guesses that short capitals ("PO", "SLA") name an organisation; its lexicon knows the real ones (IBM, SAP).
  const acronym = words.every((term) => /^\p{Lu}{1,4}$/u.test(term.text));
  if (acronym && !words.some((term) => lexicon[term.normal] === 'Organization')) return null;
  if (words.every((term) => LEGAL_FORM_ONLY.test(term.text) || LEADING_SMALL.test(term.text))) return null;
  const organisation = words.some((term) => has(term, 'Organization')) || hasOrganisationWord(text);
  if (organisation && !words.every((term) => personal(term) && !has(term, 'Organization'))) return 'organisation';
  if (words.some((term) => has(term, 'Place'))) return null;
  if (before && CONNECTOR.test(before.text)) return 'organisation';
  // "Dana Whitfield from Litware": an organisation when a person is named just before.
  if (before && /^from$/i.test(before.text) && !words.some(personal)) {
    const previous = earlier.at(-1);
    return previous?.kind === 'person' && previous.last === first - 2 ? 'organisation' : null;
  }
  const named = words.filter((term) => !isHonorific(term) && !PARTICLE.test(term.text));
  if (named.length === 0 || named.length > 4) return null;
  if (words.some((term) => isHonorific(term) || personal(term))) return 'person';
  const atStart = first === 0 || STARTS_CLAUSE.test(before?.post ?? '');
  // Capitalised words the lexicon does not know, two or three in a row, are most often a person's name;
  // at a sentence's start every word is capitalised, so there none of them may be a word it knows. Not
  // after a determiner ("the Product Roadmap") nor before the noun they qualify ("Customer Success team").
  const shaped = named.every((term) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(term.text));
  const lastTerm = words.at(-1) as Term;
  const after = terms[(run.at(-1) as number) + 1];
  const qualifies = after !== undefined && !BREAK.test(lastTerm.post) && !has(lastTerm, 'Possessive') && has(after, 'Noun') &&
    !has(after, 'Pronoun') && !capitalised(after);
  // "the Q3 Business Review", "our new Product Roadmap": a determiner a number or an adjective away counts too.
  let article = first - 1;
  while (article > first - 3 && terms[article] && ['Value', 'Date', 'Adjective'].some((tag) => has(terms[article] as Term, tag))) article--;
  const determined = !atStart && DETERMINER.test(terms[article]?.text ?? '');
  if (shaped && named.length >= 2 && named.length <= 3 && !(atStart && named.some(known)) && !qualifies && !determined) return 'person';
  return null;
}

/** "Fabrikam Maschinenbau GmbH", "Tailspin Toys, Inc.": capitalised words before a legal form. */
const LEGAL_FORM_ONLY = /^(?:inc|ltd|limited|gmbh|ag|kg|se|sa|sas|sarl|sl|bv|llc|llp|plc|corp|corporation|co|spa|srl|oy|ab)\.?$/i;
const LEGAL_NAME = /((?:\p{Lu}[\p{L}\p{N}&'’.-]*[ \t]+){0,3}\p{Lu}[\p{L}\p{N}&'’.-]*),?[ \t]+(?:&[ \t]+Co\.[ \t]+)?(GmbH[ \t]+&[ \t]+Co\.[ \t]+KG\b|Inc\.|Inc\b|Ltd\.|Ltd\b|Limited\b|GmbH\b|AG\b|KG\b|SE\b|SA\b|S\.A\.|SAS\b|SARL\b|S\.L\.|SL\b|BV\b|B\.V\.|LLC\b|LLP\b|PLC\b|Corp\.|Corp\b|Corporation\b|Co\.|S\.p\.A\.|SpA\b|Srl\b|Oy\b|AB\b)/gu;
const LEADING_SMALL = /^(?:the|at|from|with|for|and|by|to|der|die|das|den|dem|bei|von|und|mit|für|la|le|les|l'|chez|et|avec|pour|el|los|las|en|con|para|y|de)$/i;

function legalNames(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(LEGAL_NAME)) {
    const words = (match[1] ?? '').split(/[ \t]+/);
    while (words.length > 0 && LEADING_SMALL.test(words[0] ?? '')) words.shift();
    if (words.length === 0) continue;
    const start = text.indexOf(words[0] ?? '', match.index);
    const end = match.index + match[0].length;
    found.push({ kind: 'organisation', label: text.slice(start, end).replace(/\s+/g, ' '), at: start, end });
  }
  return found;
}
