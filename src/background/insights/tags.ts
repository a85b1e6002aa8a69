/**
 * Hashtags, mentions and links, found by pattern: they are spelled the same in every language, so
 * this part of the analysis needs no language model.
 */

/** At most this many of each list are kept per post. */
export const MAX_ITEMS = 20;
const MAX_TAG_LENGTH = 64;

/**
 * `#` then letters, marks, digits or `_`, with at least one letter, not glued to a word or a path
 * (`C#`, `page#section`, `#1` are not hashtags). A longer run than a network allows is not one either.
 */
const HASHTAG = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_&/#@])#([\\p{L}\\p{M}\\p{N}_]{1,${MAX_TAG_LENGTH}})(?![\\p{L}\\p{M}\\p{N}_#])`, 'gu');

/**
 * `@handle`, `@name.bsky.social`, `@ana@mastodon.social`; never the middle of an address
 * (`bob@example.com`) because the `@` must not follow a word character.
 */
const MENTION = /(?<![\p{L}\p{M}\p{N}_.@/+-])@([\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]{0,100}[\p{L}\p{M}\p{N}_])?(?:@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8})?)/gu;

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
// Both start only where a token starts, so a long run of letters is read once, not once per letter.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,253}\.\p{L}{2,}/gu;
/** `contoso/widgets`, `and/or`, `24/7`, file paths: not prose. */
const PATH = /(?<!\S)[^\s/]*\/\S*?([.,:;!?)"”’]*)(?=\s|$)/gu;

export function hashtagsOf(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const match of text.replace(URL, ' ').matchAll(HASHTAG)) {
    const body = match[1] ?? '';
    const key = body.toLowerCase();
    if (!/\p{L}/u.test(body) || seen.has(key)) continue;
    seen.add(key);
    tags.push(`#${body}`);
    if (tags.length === MAX_ITEMS) break;
  }
  return tags;
}

export function mentionsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.replace(URL, ' ').matchAll(MENTION)) {
    seen.add(`@${(match[1] ?? '').toLowerCase()}`);
    if (seen.size === MAX_ITEMS) break;
  }
  return [...seen];
}

/**
 * The prose left for the language model: links, addresses, paths and mentions become spaces (they
 * are not words, and handles would be misread as names); hashtags stay, so sentences keep their shape.
 */
export function proseOf(text: string): string {
  return text.replace(URL, ' ').replace(EMAIL, ' ').replace(MENTION, ' ').replace(PATH, ' $1');
}
