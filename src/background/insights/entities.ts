/**
 * Organisations and topics in English prose, from compromise's part-of-speech tagger
 * (`compromise/two`: its lexicon knows thousands of organisations, people, places and words, and it
 * tags the rest from suffixes, capitals and neighbours). The chunking into names and subjects is
 * done here from the tags, because compromise's own noun phrases keep determiners, adjectives and
 * punctuation that make poor labels for counting.
 */
import type Compromise from 'compromise/two';
import { MAX_ITEMS } from './tags';
import { requireCompromise } from './tagger.cjs';

/** One word as compromise's json() gives it, with its tags. */
export interface Term {
  text: string;
  pre: string;
  post: string;
  normal: string;
  tags?: Set<string>;
}

interface Tagger {
  nlp: typeof Compromise;
  lexicon: Record<string, unknown>;
  singular: (word: string) => string;
}

let loaded: Tagger | undefined;

/** The tagger and its lexicon, loaded on first use (see tagger.cts). */
function tagger(): Tagger {
  if (loaded) return loaded;
  const nlp = requireCompromise();
  const model = nlp.model() as { one: { lexicon: Record<string, unknown> } };
  const toSingular = (nlp.methods() as { two: { transform: { noun: { toSingular: (word: string, model: unknown) => string } } } })
    .two.transform.noun.toSingular;
  loaded = { nlp, lexicon: model.one.lexicon, singular: (word) => toSingular(word, model) };
  return loaded;
}

export interface Entities {
  organisations: string[];
  topics: string[];
}

/** Tags that end a name or a subject: a word with one of them is neither. */
const NEVER = ['Pronoun', 'Person', 'Place', 'Date', 'Value', 'Duration', 'Month', 'WeekDay', 'Honorific', 'HashTag',
  'AtMention', 'Url', 'Email', 'Emoji', 'Emoticon', 'PhoneNumber', 'Demonym', 'Possessive', 'Expression', 'Determiner'];

/** Common-noun endings: a capitalised unknown word at a sentence's start with one is not a name. */
const COMMON_ENDING = /(?:ing|ion|ment|ness|ity|ance|ence|ism|ist|ers|ed|ly|able|ible|ful|less|ous|ive|ship|hood|s)$/;

/** Nouns too general to be a talking point. */
const GENERIC = new Set(('thing things stuff lot lots way ways time times today tomorrow yesterday tonight here there people ' +
  'person anyone anything someone something everyone everything nothing nobody somebody everybody one ones bit kind sort ' +
  'part week weeks day days month months year years hour hours minute minutes moment guy guys folks yes ok okay thanks ' +
  'thank please lol rt via amp etc http https www com co end start other others place world life morning evening night ' +
  'news update lots idea ideas question questions point number example case fact reason side piece use back forth').split(' '));

/** Plural-looking words that are not plurals of anything. */
const NOT_PLURAL = /(?:ics|ss|us|is|news|series|species|data|media|chaos)$/;

const MAX_TOPIC_WORDS = 3;
const MAX_LABEL = 60;

/**
 * `hints`: lower-cased names the post spells as a hashtag or a mention (`#Contoso`, `@contoso.com`
 * give `contoso`), which confirm a capitalised word at a sentence's start as a name.
 */
export function entitiesOf(prose: string, hints: ReadonlySet<string> = new Set()): Entities {
  const sentences = (tagger().nlp(taggable(prose)).docs as Term[][]).map((terms) => terms.filter((term) => term.text.length > 0));
  const organisations = new Labels();
  const topics = new Labels();
  const found = sentences.map((terms) => namesIn(terms));
  // A word the post also capitalises mid-sentence is a name at a sentence's start too.
  const named = new Set([...hints, ...found.flatMap(({ runs, weak }) => runs.flatMap((run) => run.words).filter((term) => !weak.has(term)).map(bare))]);
  sentences.forEach((terms, n) => {
    const { runs, weak, shouting } = found[n] as Names;
    const used = new Set<Term>();
    for (const { words, person } of runs) {
      const first = words[0] as Term;
      if (words.length === 1 && weak.has(first) && !named.has(bare(first))) continue; // unconfirmed: may still be a topic
      for (const term of words) used.add(term);
      if (!person) organisations.add(words.map(nameWord).join(' '));
    }
    for (const run of subjectRuns(terms, used, shouting)) topics.add(topicLabel(run, shouting));
  });
  return {
    organisations: organisations.list(),
    topics: topics.list().filter((topic) => !organisations.has(topic)),
  };
}

/**
 * The tagger reads about 25 words a millisecond, so it gets the first TAGGER_MAX_CHARS characters,
 * cut at a sentence's or a word's end: a long feed item's opening names its subjects.
 */
export const TAGGER_MAX_CHARS = 2_000;

function taggable(prose: string): string {
  if (prose.length <= TAGGER_MAX_CHARS) return prose;
  const head = prose.slice(0, TAGGER_MAX_CHARS);
  const sentenceEnd = head.search(/[.!?…]\s[^.!?…]*$/u);
  if (sentenceEnd > TAGGER_MAX_CHARS / 2) return head.slice(0, sentenceEnd + 1);
  const space = head.search(/\s\S*$/u);
  return space > 0 ? head.slice(0, space) : head;
}

/** De-duplicated case-insensitively, first spelling kept, capped. */
class Labels {
  private readonly keys = new Set<string>();
  private readonly labels: string[] = [];
  add(label: string): void {
    const key = label.toLowerCase();
    if (!label || label.length > MAX_LABEL || this.keys.has(key) || this.labels.length >= MAX_ITEMS) return;
    this.keys.add(key);
    this.labels.push(label);
  }
  has(label: string): boolean {
    return this.keys.has(label.toLowerCase());
  }
  list(): string[] {
    return [...this.labels];
  }
}

const has = (term: Term, tag: string): boolean => term.tags?.has(tag) ?? false;
/** In compromise's lexicon, as written or as a singular (`toys` → `toy`). */
const known = (word: string): boolean => {
  const { lexicon, singular } = tagger();
  return Object.hasOwn(lexicon, word) || Object.hasOwn(lexicon, singular(word));
};
const bare = (term: Term): string => term.normal.replace(/['’]s$/, '');
const capitalised = (term: Term): boolean => /^\p{Lu}/u.test(term.text);
/** `GitHub`, `iPhone`, `LinkedIn`: a capital after a lower-case letter is a brand's spelling. */
const mixedCase = (term: Term): boolean => /\p{Ll}\p{Lu}/u.test(term.text);

function startsClause(terms: Term[], i: number): boolean {
  const before = terms[i - 1];
  return !before || /[.!?:;\n•"“(]/.test(before.post) || /["“(]/.test(terms[i]?.pre ?? '');
}

interface Names {
  /** Runs of capitalised words; `person` when they look like a person's name rather than an organisation. */
  runs: { words: Term[]; person: boolean }[];
  /** Capitalised words at a sentence's start, names only if the post confirms them. */
  weak: Set<Term>;
  /** Mostly capitals: case says nothing about names here, and acronyms are shouted words. */
  shouting: boolean;
}

const SMALL_WORDS = new Set('a an and as at but by for from in into nor of on or over the to up via vs with'.split(' '));

/** Job titles are capitalised mid-sentence ("joined Northwind Labs as Head of Data") but name no organisation. */
const TITLES = new Set(('head chief director manager lead vp svp evp president founder cofounder co-founder officer engineer ' +
  'principal senior staff intern ceo cto cfo coo cmo cpo ciso dear').split(' '));

/**
 * Names of organisations and brands in one sentence: words compromise tags Organization, and
 * capitalised words it could not place otherwise (not a person, a place, a date, a title…):
 * mid-sentence, a proper noun or a brand spelling (`GitHub`); at a sentence's start, where every
 * word is capitalised, a word unknown to the lexicon that does not end like a common noun, and
 * then only when it leads a longer name (`Northwind Forecast`), is possessive (`Contoso's`), or the
 * post confirms it (see entitiesOf) — compromise's lexicon lacks too many common nouns ("Revenue",
 * "Roadmap") to trust it alone. Two or more unknown capitalised words with no organisation word
 * ("Priya Natarajan") are most often a person, and are left out.
 */
function namesIn(terms: Term[]): Names {
  const words = terms.filter((term) => /\p{L}/u.test(term.text));
  const shouting = words.length >= 3 && words.filter((term) => !/\p{Ll}/u.test(term.text)).length / words.length > 0.6;
  // A headline ("Forecasting: Principles and Practice") leaves only small words in lower case.
  const titleCase = shouting || (words.length >= 4 && words.every((term) => capitalised(term) || SMALL_WORDS.has(term.normal)));
  const candidate = (term: Term, i: number): boolean => {
    if (TITLES.has(bare(term))) return false;
    if (has(term, 'Organization')) {
      // compromise stretches a name over a lower-case word after it ("EU data-residency"): only its lexicon's own stay.
      const written = capitalised(term) || mixedCase(term) || tagger().lexicon[term.normal] === 'Organization';
      return written && !/^(?:\p{Lu}\.){2,}$/u.test(term.text) && !has(term, 'Place') && !has(term, 'Person');
    }
    if (titleCase || NEVER.some((tag) => has(term, tag) && tag !== 'Possessive') || has(term, 'Acronym')) return false;
    if (mixedCase(term)) return true;
    if (!capitalised(term) || /[/\\]/.test(term.text)) return false;
    if (!startsClause(terms, i)) return has(term, 'ProperNoun');
    const word = bare(term);
    return has(term, 'Noun') && !known(word) && !COMMON_ENDING.test(word);
  };
  const runs: Names['runs'] = [];
  const weak = new Set<Term>();
  let run: Term[] = [];
  const close = (): void => {
    // In a headline compromise stretches a name over the capitalised words before it ("Half With Northwind Labs").
    while (titleCase && run.length > 1 && headlineWord(run[0] as Term)) run.shift();
    const organisation = run.some((term) => has(term, 'Organization'));
    const unknownOnly = run.length >= 2 && run.every((term) => !known(bare(term)) && !mixedCase(term));
    // "at Tailspin Toys": people are met with, worked with, thanked; work happens at an organisation.
    const at = terms[terms.indexOf(run[0] as Term) - 1]?.normal === 'at';
    if (run.length > 0) runs.push({ words: run, person: unknownOnly && !organisation && !at });
    run = [];
  };
  terms.forEach((term, i) => {
    if (!candidate(term, i)) return close();
    if (run.length > 0 && /[,;:!?.()"“”–—]/.test(terms[i - 1]?.post ?? '')) close();
    if (startsClause(terms, i) && !has(term, 'Organization') && !mixedCase(term) && !has(term, 'Possessive')) weak.add(term);
    run.push(term);
    if (has(term, 'Possessive')) close();
  });
  close();
  return { runs, weak, shouting };
}

function headlineWord(term: Term): boolean {
  return SMALL_WORDS.has(term.normal) || (known(bare(term)) && tagger().lexicon[bare(term)] !== 'Organization');
}

function nameWord(term: Term): string {
  return term.text.replace(/['’]s$/u, '');
}

/** Runs of nouns (no pronouns, names, dates, numbers or adjectives): the sentence's subjects. */
function subjectRuns(terms: Term[], names: Set<Term>, shouting: boolean): Term[][] {
  const runs: Term[][] = [];
  let run: Term[] = [];
  const close = (): void => {
    runs.push(...splitOnGeneric(run));
    run = [];
  };
  terms.forEach((term, i) => {
    const proper = has(term, 'ProperNoun') && capitalised(term) && !shouting;
    const common = has(term, 'Noun') && !proper && !NEVER.some((tag) => has(term, tag)) && !has(term, 'Unit');
    const acronym = (has(term, 'Acronym') && !has(term, 'Organization')) || acronymNumeral(terms, i);
    const noun = !names.has(term) && (common || acronym || countedNoun(terms, i)) && /\p{L}/u.test(term.text) && !/[/\\]/.test(term.text);
    if (noun) {
      if (run.length > 0 && /[,;:!?.()"“”/–—]/.test(terms[i - 1]?.post ?? '')) close();
      run.push(term);
    } else close();
  });
  close();
  return runs;
}

/** "two data engineers": after a number and a noun, compromise can read the plural head noun as a verb. */
function countedNoun(terms: Term[], i: number): boolean {
  const term = terms[i] as Term;
  const [count, noun] = [terms[i - 2], terms[i - 1]];
  return has(term, 'PresentTense') && term.normal.endsWith('s') && !has(term, 'Copula') && Boolean(noun && count)
    && has(noun as Term, 'Noun') && !has(noun as Term, 'Pronoun') && has(count as Term, 'Cardinal') && !/[,;:.!?]/.test(noun?.post ?? '');
}

/** "our CI", "CD pipeline": compromise reads two capitals as a Roman numeral unless a name precedes them (Louis XIV). */
function acronymNumeral(terms: Term[], i: number): boolean {
  const term = terms[i] as Term;
  const before = terms[i - 1];
  return has(term, 'RomanNumeral') && /^\p{Lu}{2,}$/u.test(term.text) && !(before && (has(before, 'ProperNoun') || has(before, 'Value')));
}

/** A run without its too-general words, in parts of at most MAX_TOPIC_WORDS (the head nouns, at the end). */
function splitOnGeneric(run: Term[]): Term[][] {
  const parts: Term[][] = [];
  let part: Term[] = [];
  for (const term of run) {
    if (GENERIC.has(term.normal) || term.normal.length <= 1) {
      if (part.length > 0) parts.push(part.slice(-MAX_TOPIC_WORDS));
      part = [];
    } else part.push(term);
  }
  if (part.length > 0) parts.push(part.slice(-MAX_TOPIC_WORDS));
  return parts;
}

/** Lower-case, the last word singular, a repeated word once; acronyms keep their capitals (`CRM`, `IFC file`). */
function topicLabel(run: Term[], shouting: boolean): string {
  const words = run.map((term, i) => {
    const acronym = !shouting && (has(term, 'Acronym') || has(term, 'RomanNumeral'));
    const word = acronym ? term.text.replace(/\.$/, '') : term.normal;
    const plural = i === run.length - 1 && (has(term, 'Plural') || has(term, 'Verb')) && !acronym && word.endsWith('s') && !NOT_PLURAL.test(word);
    return plural ? tagger().singular(word) : word;
  });
  return words.filter((word, i) => word !== words[i - 1]).join(' ');
}
