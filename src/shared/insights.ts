/**
 * What Earshot reads out of a person's posts, and the small sums the sidebar and the call brief make
 * of it. The analysis itself (an NLP library, lexicons) runs in the background when posts are saved
 * (src/background/insights); this file stays free of any library, because the sidebar imports it.
 */
import type { PostRecord } from './domain';

/** One post's analysis, stored with the post. Every list is de-duplicated and capped. */
export interface PostAnalysis {
  /** As written, with the '#': `#SupplyChainSummit`. */
  hashtags: string[];
  /** Lower-cased, with the '@': `@github`, `@maya.northwind-labs.com`, `@ana@mastodon.social`. */
  mentions: string[];
  /** Organisations and brands, as written: `Contoso`, `Northwind Labs`, `GitHub`. English only. */
  organisations: string[];
  /** Subjects (noun phrases), lower-cased and singular, stop-words removed: `analytics vendor`. English only. */
  topics: string[];
  /** −1 (hostile) … 0 (neutral, or a language Earshot cannot score) … 1 (delighted). */
  sentiment: number;
}

/** Only the start of a post is analysed or matched: a 1 MB post costs what a long one does. */
export const ANALYSIS_MAX_CHARS = 5_000;

/**
 * Characters that change nothing a reader sees but can hide a word from a match or reorder text:
 * format characters (zero-width spaces and joiners, direction overrides, soft hyphens, tags),
 * controls other than line breaks and tabs, variation selectors and the Hangul fillers.
 */
// eslint-disable-next-line no-misleading-character-class -- matching combining characters one by one is the point.
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]|[^\P{Cc}\t\n\r]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** How much of a post is searched for the visible text to analyse (a flood of invisible characters is not). */
const MAX_SCANNED_CHARS = 65_536;

/**
 * The text every analysis and match reads: invisible and direction-control characters removed, a
 * lone surrogate replaced by U+FFFD, compatibility forms folded (NFKC: full-width and "bold" letters
 * become plain ones), at most ANALYSIS_MAX_CHARS long, cut at a space when one is near the end,
 * never inside a surrogate pair.
 */
export function cleanText(text: string): string {
  const head = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  let clean = head.replace(INVISIBLE, '');
  if (clean.length > ANALYSIS_MAX_CHARS * 2) clean = clean.slice(0, ANALYSIS_MAX_CHARS * 2);
  clean = clean.replace(LONE_SURROGATE, '\uFFFD').normalize('NFKC');
  if (clean.length <= ANALYSIS_MAX_CHARS) return clean;
  clean = clean.slice(0, ANALYSIS_MAX_CHARS);
  const space = clean.search(/\s\S{0,100}$/u);
  if (space > 0) return clean.slice(0, space);
  const last = clean.charCodeAt(clean.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? clean.slice(0, -1) : clean;
}

export interface Counted {
  label: string;
  count: number;
}

export interface TalkingPoints {
  topics: Counted[];
  hashtags: Counted[];
  organisations: Counted[];
}

const DAY = 86_400_000;
const TOP = 8;

/**
 * What a person talks about: the labels found in most of their posts of the last `days` days (each
 * post counts a label once), top 8 of each kind, ties broken alphabetically. Labels are grouped
 * case-insensitively and shown in their most frequent spelling. Posts not yet analysed are skipped.
 */
export function talkingPoints(posts: PostRecord[], now: number, days = 90): TalkingPoints {
  const since = now - days * DAY;
  const recent = uniquePosts(posts).filter((post) => post.analysis && post.createdAt >= since && post.createdAt <= now + DAY);
  const top = (pick: (analysis: PostAnalysis) => string[]): Counted[] => countLabels(recent.map((post) => pick(post.analysis as PostAnalysis)));
  return { topics: top((a) => a.topics), hashtags: top((a) => a.hashtags), organisations: top((a) => a.organisations) };
}

function uniquePosts(posts: PostRecord[]): PostRecord[] {
  const seen = new Set<string>();
  return posts.filter((post) => !seen.has(post.id) && Boolean(seen.add(post.id)));
}

function countLabels(lists: string[][]): Counted[] {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const list of lists) {
    const keys = new Set<string>();
    for (const label of list) {
      const key = label.toLowerCase();
      if (keys.has(key)) continue;
      keys.add(key);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { count: 0, spellings: new Map() }));
      group.count += 1;
      group.spellings.set(label, (group.spellings.get(label) ?? 0) + 1);
    }
  }
  const counted = [...groups].map(([key, group]) => ({ key, count: group.count, label: preferred(group.spellings) }));
  counted.sort((a, b) => b.count - a.count || compare(a.key, b.key) || compare(a.label, b.label));
  return counted.slice(0, TOP).map(({ label, count }) => ({ label, count }));
}

/** The most used spelling; among equals, the first in code-point order. */
function preferred(spellings: Map<string, number>): string {
  let best = '';
  let most = -1;
  for (const [spelling, count] of spellings) {
    if (count > most || (count === most && compare(spelling, best) < 0)) [best, most] = [spelling, count];
  }
  return best;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Attention {
  post: PostRecord;
  /** The brand, or the domain's name, as the user's settings spell it. */
  matched: string;
  sentiment: number;
}

/**
 * Posts that name the user's company or brands and read negative (sentiment at or below `threshold`),
 * newest first. A brand matches as a whole word, case-insensitively, in the post's text, hashtags,
 * mentions or organisations; a domain (`northwind-labs.com`) matches by its name (`northwind-labs`,
 * also written `northwind labs` or `northwindlabs`). Posts not yet analysed are skipped.
 */
export function needsAttention(posts: PostRecord[], brands: string[], myDomains: string[], threshold = -0.2): Attention[] {
  const terms = [...brands.map((brand) => ({ matched: brand.trim(), variants: [brand.trim()] })), ...myDomains.map(domainTerm)]
    .filter((term) => term.matched.length >= 2)
    .map((term) => ({ matched: term.matched, pattern: wholeWords(term.variants) }));
  if (terms.length === 0) return [];
  const found: Attention[] = [];
  for (const post of uniquePosts(posts)) {
    const analysis = post.analysis;
    if (!analysis || !(analysis.sentiment <= threshold)) continue;
    const haystack = [cleanText(post.text), ...analysis.hashtags, ...analysis.mentions, ...analysis.organisations].join('\n');
    const term = terms.find((candidate) => candidate.pattern.test(haystack));
    if (term) found.push({ post, matched: term.matched, sentiment: analysis.sentiment });
  }
  return found.sort((a, b) => b.post.createdAt - a.post.createdAt || compare(a.post.id, b.post.id));
}

/** Second-level labels under which names are registered (`contoso.co.uk`): a short list, not the PSL. */
const SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'ltd', 'net', 'ne', 'or', 'org', 'plc']);

function domainTerm(domain: string): { matched: string; variants: string[] } {
  const host = domain.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^.*@/, '').replace(/[/:?#].*$/, '').replace(/\.$/, '');
  const labels = host.split('.').filter(Boolean);
  if (labels.length > 2 && SECOND_LEVEL.has(labels[labels.length - 2] ?? '') && (labels[labels.length - 1] ?? '').length === 2) labels.pop();
  const name = labels.length > 1 ? (labels[labels.length - 2] ?? '') : (labels[0] ?? '');
  return { matched: name, variants: name.includes('-') ? [name, name.replace(/-/g, '')] : [name] };
}

function wholeWords(variants: string[]): RegExp {
  // A space or hyphen in a name matches either: `northwind-labs` finds "Northwind Labs".
  const alternatives = variants.map((variant) => variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}
