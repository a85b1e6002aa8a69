/**
 * English sentiment from the `sentiment` package's lexicons: AFINN-165 (3,382 words and phrases
 * rated −5…5 by hand) and the Emoji Sentiment Ranking. The package's own scorer only flips a word
 * right after "not"; social posts need a little more, so the rules here follow VADER (Hutto &
 * Gilbert, 2014): negation up to three words back, "but" shifting weight to what follows, boosters,
 * and the sum normalised to −1…1 with VADER's x/√(x²+15).
 *
 * The lexicons are imported directly: the package's entry point loads languages with a computed
 * require() that bundles badly (and mutates its shared lexicon when given extra words), and its
 * scorer adds nothing the rules below don't do.
 */
import english from 'sentiment/languages/en/index.js';
import emoji from 'sentiment/build/emoji.json';

/**
 * Words a product or vendor post uses that AFINN-165 does not rate, or rates for another sense:
 * "support" (+2 in AFINN, the verb) is mostly the noun in "Contoso support", which says nothing.
 */
const DOMAIN: Record<string, number> = {
  support: 0, buggy: -2, unusable: -3, unreliable: -2, laggy: -2, slow: -1, sluggish: -2, crashes: -2, crashed: -2,
  crashing: -2, nightmare: -3, unresponsive: -2, overpriced: -2, downtime: -2, outages: -2, clunky: -2, meh: -1,
  yikes: -2, smh: -2, ripoff: -3, scam: -3, bloated: -2, flaky: -2, painful: -2, broke: -2, intuitive: 2, smooth: 2,
  reliable: 2, breaks: -1, 'does not work': -3, "doesn't work": -3, 'doesnt work': -3, 'not working': -3,
  'stopped working': -3, 'is down': -2, 'are down': -2, 'was down': -2, 'went down': -2, 'down again': -2,
  // Forms of address and politeness ("Dear @ContosoHelp, … Please respond.") are not warmth.
  dear: 0, please: 0, 'fine print': 0,
  // Newer than the Emoji Sentiment Ranking (2015).
  '🙄': -1, '🤬': -3, '🤦': -1,
};

let lexicon: Map<string, number> | undefined;

/** Built on first use, not when the service worker starts. */
function ratings(): Map<string, number> {
  lexicon ??= new Map<string, number>([
    ...Object.entries(english.labels),
    ...Object.entries(emoji as Record<string, number>),
    ...Object.entries(DOMAIN),
  ]);
  return lexicon;
}

/** The longest lexicon entry, in words ("does not work"). */
const MAX_PHRASE = 3;

const NEGATORS = new Set(('not no never none nobody nothing neither nor nowhere without hardly barely cannot ' +
  "cant can't dont don't doesnt doesn't didnt didn't isnt isn't arent aren't wasnt wasn't werent weren't wont won't " +
  "wouldnt wouldn't couldnt couldn't shouldnt shouldn't havent haven't hasnt hasn't hadnt hadn't aint ain't").split(' '));

const BOOSTERS = new Set(('very really so extremely incredibly totally absolutely super highly truly completely utterly ' +
  'seriously insanely hugely deeply especially particularly remarkably').split(' '));

/** VADER's constants: a negated word keeps 74 % of its weight, reversed; a booster adds 0.293. */
const NEGATION_SCALE = -0.74;
const BOOST = 0.293;
const ALPHA = 15;

/**
 * Lower-case words, apostrophes kept ("don't"), emoji as words of their own. The same characters
 * are dropped as the `sentiment` package drops, so its lexicon's spellings match.
 */
export function sentimentTokens(sentence: string): string[] {
  return sentence
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '')
    .replace(/\p{Extended_Pictographic}/gu, ' $& ')
    .replace(/[.,/#!?$%^&*;:{}=_`"~()[\]<>|\\+@…–—]/g, ' ')
    .split(/\s+/)
    .map((token) => token.replace(/^'+|'+$/g, '').replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0);
}

/** One sentence's raw score: the sum of its rated words and phrases, after the rules above. */
export function sentenceScore(sentence: string): number {
  const tokens = sentimentTokens(sentence);
  const but = tokens.indexOf('but');
  let score = 0;
  for (let i = 0; i < tokens.length; ) {
    const [length, rating] = lookup(tokens, i);
    if (length === 0) {
      i += 1;
      continue;
    }
    let value = rating;
    if (tokens[i] === 'no' && length === 1 && lookup(tokens, i + 1)[0] > 0) value = 0; // "no problems": the next word carries it.
    if (value !== 0) {
      if (BOOSTERS.has(tokens[i - 1] ?? '')) value += Math.sign(value) * BOOST;
      if (negated(tokens, i)) value *= NEGATION_SCALE;
      if (but >= 0) value *= i < but ? 0.5 : i > but ? 1.5 : 1;
    }
    score += value;
    i += length;
  }
  return score;
}

/** Sentences for the "but" rule: split after . ! ? … and at line breaks (a cheap split is enough here). */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/u).filter((sentence) => sentence.trim().length > 0);
}

/** Whole text: sentences summed, then squashed into −1…1 and rounded to 3 decimals. */
export function sentimentOf(sentences: readonly string[]): number {
  const total = sentences.reduce((sum, sentence) => sum + sentenceScore(sentence), 0);
  if (total === 0 || !Number.isFinite(total)) return 0;
  const normalised = total / Math.sqrt(total * total + ALPHA);
  return Math.round(normalised * 1000) / 1000 || 0;
}

/** The longest lexicon phrase starting at `i`: [words used, rating], or [0, 0]. */
function lookup(tokens: readonly string[], i: number): [number, number] {
  for (let length = Math.min(MAX_PHRASE, tokens.length - i); length >= 1; length -= 1) {
    const rating = ratings().get(tokens.slice(i, i + length).join(' '));
    if (rating !== undefined) return [length, rating];
  }
  return [0, 0];
}

function negated(tokens: readonly string[], i: number): boolean {
  for (let back = 1; back <= 3 && i - back >= 0; back += 1) {
    const token = tokens[i - back] ?? '';
    if (NEGATORS.has(token) || token.endsWith("n't")) return true;
  }
  return false;
}
