import type { IdentityRecord, SourceLookup } from '../shared/domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Per-source freshness from the issue: profiles a week, posts an hour, misses a day. */
export const PROFILE_FRESH_MS = 7 * DAY;
export const POSTS_FRESH_MS = HOUR;
export const MISS_FRESH_MS = DAY;

export function lookupIsFresh(lookup: SourceLookup | undefined, now: number): boolean {
  if (!lookup) return false;
  const age = now - lookup.at;
  switch (lookup.state) {
    case 'found': return age < PROFILE_FRESH_MS;
    case 'none': return age < MISS_FRESH_MS;
    // Work already under way is not queued twice.
    case 'queued':
    case 'running': return age < 10 * 60_000;
    default: return false;
  }
}

export function activityIsFresh(identity: IdentityRecord, now: number): boolean {
  return identity.activityFetchedAt !== undefined && now - identity.activityFetchedAt < POSTS_FRESH_MS;
}
