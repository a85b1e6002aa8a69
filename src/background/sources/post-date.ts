import type { PostDraft } from './source';

/** The largest distance from 1970 a JavaScript Date can hold; beyond it a date is Invalid Date. */
const DATE_RANGE_MS = 8.64e15;

/** True when `ms` is a time a Date can hold (a hostile epoch of 9e15 would make toISOString throw). */
export function isPostTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= DATE_RANGE_MS;
}

/**
 * Posts as of `now`: a date in the future would pin a post above everything else, so it is clamped to
 * the fetch, as the feed parser does for feed items.
 */
export function notAfter(posts: readonly PostDraft[], now: number): PostDraft[] {
  return posts.map((post) => (post.createdAt > now ? { ...post, createdAt: now } : post));
}
