import type { SourceId } from '../../shared/domain';

/** Each public API's published keyless limits, kept with a margin. */
export interface SourceLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /**
   * The most requests one job of the source can make (GitHub's activity: profile, social accounts,
   * events). A job starts only when the window has room for all of them, or its last requests would
   * overrun the limit.
   */
  requestsPerJob: number;
  timeoutMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SOURCE_LIMITS: Record<SourceId, SourceLimit> = {
  // The public AppView allows 3,000 requests per 5 minutes per IP.
  bluesky: { limit: 2_500, windowMs: 5 * MINUTE, concurrency: 4, requestsPerJob: 3, timeoutMs: 10_000 },
  gravatar: { limit: 100, windowMs: HOUR, concurrency: 2, requestsPerJob: 1, timeoutMs: 10_000 },
  // Mastodon's default is 300 per 5 minutes per instance; counted per source here, per host in the source.
  mastodon: { limit: 300, windowMs: 5 * MINUTE, concurrency: 3, requestsPerJob: 3, timeoutMs: 10_000 },
  github: { limit: 60, windowMs: HOUR, concurrency: 2, requestsPerJob: 3, timeoutMs: 10_000 },
  hackernews: { limit: 1_000, windowMs: HOUR, concurrency: 2, requestsPerJob: 2, timeoutMs: 10_000 },
  // Wikidata asks clients to send one request at a time.
  wikidata: { limit: 500, windowMs: HOUR, concurrency: 1, requestsPerJob: 1, timeoutMs: 15_000 },
  companySite: { limit: 200, windowMs: HOUR, concurrency: 2, requestsPerJob: 4, timeoutMs: 10_000 },
};

/** Attempts before a failing job is given up and its lookup marked as failed. */
export const MAX_ATTEMPTS = 4;

export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** attempts, 5 * MINUTE);
}

/**
 * When a rate-limited answer says the source may be asked again: Retry-After (seconds or an HTTP date)
 * or X-RateLimit-Reset (epoch seconds), else a default backoff.
 */
export function retryAt(headers: Headers, now: number, attempts: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(now, date);
  }
  // GitHub sends epoch seconds; Mastodon sends an ISO date.
  const resetHeader = headers.get('x-ratelimit-reset');
  if (resetHeader && headers.get('x-ratelimit-remaining') === '0') {
    const seconds = Number(resetHeader);
    const at = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(resetHeader);
    if (Number.isFinite(at) && at > 0) return Math.max(now, at);
  }
  return now + backoffMs(attempts);
}
