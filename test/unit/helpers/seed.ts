import type { IdentityRecord, PersonRecord, PostRecord } from '../../../src/shared/domain';

/** Records as the background writes them, for UI tests that start from a filled database. */
export const NOW = Date.parse('2026-11-22T12:00:00Z');
const HOUR = 3_600_000;

export function person(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'maya@northwind-labs.com', email: 'maya@northwind-labs.com', name: 'Maya Okafor', domain: 'northwind-labs.com',
    firstSeenAt: NOW - 2 * HOUR, lastSeenAt: NOW - HOUR, lookups: {}, ...overrides,
  };
}

export function identity(overrides: Partial<IdentityRecord> & Pick<IdentityRecord, 'handle'>): IdentityRecord {
  return {
    id: `maya@northwind-labs.com|${overrides.network ?? 'bluesky'}:${overrides.handle}`,
    personId: 'maya@northwind-labs.com', network: 'bluesky', url: `https://bsky.app/profile/${overrides.handle}`,
    tier: 'A', evidence: [{ kind: 'domain-handle', text: `${overrides.handle} is on the sender's own domain.` }],
    verdict: null, fetchedAt: NOW - HOUR, ...overrides,
  };
}

export function post(identityRecord: IdentityRecord, n: number, overrides: Partial<PostRecord> = {}): PostRecord {
  return {
    id: `${identityRecord.id}|bluesky:at://x/app.bsky.feed.post/${n}`, personId: identityRecord.personId, identityId: identityRecord.id,
    network: identityRecord.network, url: `https://bsky.app/profile/${identityRecord.handle}/post/${n}`, text: `post ${n}`,
    createdAt: NOW - n * HOUR, fetchedAt: NOW - HOUR, kind: 'post', ...overrides,
  };
}
