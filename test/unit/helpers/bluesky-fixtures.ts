import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The recorded AppView answers (converted from the atproto snapshots, values unchanged). */
const dir = join(__dirname, '../../fixtures/api/bluesky/json');

export function readFixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(join(dir, relative), 'utf8')) as T;
}

export const PROFILES = readFixture<{ handle: string; did: string }[]>(
  'atproto-appview-snapshot-profile/pds-profile-views-fetches-multiple-profiles-1.json',
);

/** alice.test's own feed, newest first. */
export const ALICE_FEED = readFixture<unknown[]>(
  'atproto-appview-snapshot-author-feed/pds-author-feed-views-fetches-full-author-feeds-for-self-sorted-minimal-viewer-state-1.json',
);

export const PROFILE_NOT_FOUND = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/api/bluesky/error-400-getProfile-profile-not-found-public-api-pds-issue-342.json'), 'utf8'),
);
