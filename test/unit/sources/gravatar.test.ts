import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { upsertPerson } from '../../../src/db/people';
import { resolveJobsFor } from '../../../src/background/resolver';
import { sourceHttp } from '../../../src/background/scheduler/http';
import { RateLimitedError } from '../../../src/background/scheduler/errors';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { accountFromUrl, websiteRef } from '../../../src/background/sources/account-urls';
import { gravatarHash, gravatarSource, identityFromProfile, profileApiUrl } from '../../../src/background/sources/gravatar';
import { linkFromVerifiedAccount } from '../../../src/background/sources/gravatar-accounts';
import { parseProfile } from '../../../src/background/sources/gravatar-schemas';
import { InvalidResponseError } from '../../../src/background/sources/source';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';

/** Recorded Gravatar answers (test/fixtures/api/gravatar), read as text and served byte for byte. */
const dir = join(__dirname, '../../fixtures/api/gravatar');
const recorded = (name: string) => readFileSync(join(dir, name), 'utf8');
const FULL_V3 = recorded('gravatar-sdk-ios-v3-fullProfile.json');
const PUBLIC_V3 = recorded('mcp-server-gravatar-test-fixture-v3-profile-synthetic.json');
const LEGACY = recorded('gravatar-sdk-ios-legacy-json-FullProfileWithBoolsAsStrings.json');

// WRITTEN HERE: no recording of Gravatar's 404 body exists; the source reads only the status.
const NOT_FOUND = JSON.stringify({ error: 'Profile not found', code: 'not_found' });

const HASH = 'a'.repeat(64);

let db: EarshotDatabase;
let settings: Settings;
let clock: number;

beforeEach(() => {
  db = new EarshotDatabase(`gravatar-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
  clock = Date.parse('2026-11-22T10:00:00Z');
});
afterEach(async () => {
  db.close();
  await db.delete();
});

type Answer = { status: number; body: string; headers?: Record<string, string> };

/** A fetch that answers from `answer(url)` and remembers every URL asked for. */
function fakeFetch(answer: (url: URL) => Answer) {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.href);
    const { status, body, headers } = answer(url);
    return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

function http(fetchImpl: typeof fetch) {
  return sourceHttp('gravatar', { db, loadSettings: async () => settings, fetch: fetchImpl, now: () => clock, onRateLimited: () => undefined , hasHostPermission: async () => true });
}

const person = (email: string) => ({ id: email, email, name: '', domain: null, firstSeenAt: 0, lastSeenAt: 0, lookups: {} });

describe('gravatarHash', () => {
  it('is SHA-256 of the trimmed, lower-cased address (the example in Gravatar\'s docs)', async () => {
    expect(await gravatarHash('MyEmailAddress@example.com ')).toBe('84059b07d4be67b806386c0aad8070a23f18836bbaae342275dc0a83414c32ee');
  });
});

describe('recorded v3 profiles', () => {
  it('reads the full profile: card facts, and its one verified account as a verified link', () => {
    expect(identityFromProfile(parseProfile(JSON.parse(FULL_V3)), HASH)).toEqual({
      network: 'gravatar',
      handle: 'notreal',
      url: 'https://gravatar.com/notreal',
      externalId: HASH,
      tier: 'A',
      evidence: [{ kind: 'gravatar-hash', text: 'The Gravatar profile registered to this exact address.', url: 'https://gravatar.com/notreal' }],
      displayName: 'John Appleseed',
      avatarUrl: 'https://2.gravatar.com/avatar/hashhash',
      description: "I'm a beach tennis player who enjoys the dynamic challenges and camaraderie of the game on the sand. Embracing the strategic aspects, beach tennis has become a fulfilling pastime for me, offering both excitement and a sense of community.\n\nBy Chat GPT.",
      profile: { jobTitle: 'Engineer', company: 'A company', location: 'Atlanta GA' },
      links: [
        { network: 'other', handle: 'notreal.wordpress.com', url: 'http://notreal.wordpress.com/', verified: true, evidenceText: 'Listed as a verified WordPress account on their Gravatar profile.' },
      ],
    });
  });

  it('reads the public profile: GitHub by login, the rest as plain links, a Bluesky URL off bsky.app not guessed at', () => {
    expect(identityFromProfile(parseProfile(JSON.parse(PUBLIC_V3)), HASH)).toEqual({
      network: 'gravatar',
      handle: 'testuser',
      url: 'https://gravatar.com/testuser',
      externalId: HASH,
      tier: 'A',
      evidence: [{ kind: 'gravatar-hash', text: 'The Gravatar profile registered to this exact address.', url: 'https://gravatar.com/testuser' }],
      displayName: 'Test User',
      avatarUrl: 'https://1.gravatar.com/avatar/00000000000000000000000000000000',
      description: 'This is a test user profile for unit testing',
      profile: { jobTitle: 'Software Engineer', company: 'Test Company', location: 'Test City' },
      links: [
        { network: 'github', handle: 'testuser', url: 'https://github.com/testuser', verified: true, evidenceText: 'Listed as a verified GitHub account on their Gravatar profile.' },
        { network: 'other', handle: 'testuser.wordpress.com', url: 'https://testuser.wordpress.com/', verified: true, evidenceText: 'Listed as a verified WordPress account on their Gravatar profile.' },
        { network: 'other', handle: 'stackoverflow.com/users/12345/test-user', url: 'https://stackoverflow.com/users/12345/test-user', verified: true, evidenceText: 'Listed as a verified Stack Overflow account on their Gravatar profile.' },
        { network: 'other', handle: 'testuser.link/bluesky', url: 'https://testuser.link/bluesky', verified: true, evidenceText: 'Listed as a verified Bluesky account on their Gravatar profile.' },
      ],
    });
  });

  it('does not read the legacy {"entry":[…]} shape (the v3 endpoint never sends it): a source error', () => {
    expect(() => parseProfile(JSON.parse(LEGACY))).toThrow(InvalidResponseError);
    expect(() => parseProfile(JSON.parse(LEGACY))).toThrow('legacy');
  });

  it('treats empty texts as not filled in and leaves out hidden accounts', () => {
    const sparse = {
      hash: HASH, profile_url: 'https://gravatar.com/sparse', display_name: '', avatar_url: '', location: '', description: '',
      job_title: '', company: '', verified_accounts: [
        { service_type: 'github', service_label: 'GitHub', url: 'https://github.com/hidden', is_hidden: true },
        { service_type: 'github', url: 42 },
      ],
    };
    expect(identityFromProfile(parseProfile(sparse), HASH)).toEqual({
      network: 'gravatar', handle: 'sparse', url: 'https://gravatar.com/sparse', externalId: HASH, tier: 'A',
      evidence: [{ kind: 'gravatar-hash', text: 'The Gravatar profile registered to this exact address.', url: 'https://gravatar.com/sparse' }],
    });
  });
});

describe('verified accounts to links', () => {
  const link = (service_type: string, url: string) => linkFromVerifiedAccount({ service_type, service_label: 'L', url });

  it('reads the handle of every network Earshot models from its profile URL', () => {
    expect([
      link('bluesky', 'https://bsky.app/profile/Alice.Bsky.Social'),
      link('mastodon', 'https://mastodon.social/@fakeuser'),
      link('mastodonsocial', 'https://hachyderm.io/users/jane'),
      link('twitter', 'https://twitter.com/noone'),
      link('github', 'https://github.com/jacquev6/'),
      link('linkedin', 'https://www.linkedin.com/in/marco-koepcke/'),
    ].map((l) => l && [l.network, l.handle])).toEqual([
      ['bluesky', 'alice.bsky.social'],
      ['mastodon', 'fakeuser@mastodon.social'],
      ['mastodon', 'jane@hachyderm.io'],
      ['x', 'noone'],
      ['github', 'jacquev6'],
      ['linkedin', 'marco-koepcke'],
    ]);
  });

  it('keeps a URL that is not the service\'s profile page as a plain link instead of guessing a handle', () => {
    expect(link('github', 'https://github.com/jacquev6/PyGithub')).toMatchObject({ network: 'other', handle: 'github.com/jacquev6/PyGithub' });
    expect(link('mastodon', 'https://medium.com/@someone')).toMatchObject({ network: 'other', handle: 'medium.com/@someone' });
    expect(link('tumblr', 'not a url')).toBeNull();
  });
});

describe('accountFromUrl', () => {
  it('names accounts on the networks Earshot models', () => {
    expect([
      'https://bsky.app/profile/did:plc:abc123',
      'https://m.cmx.im/@someone',
      'https://mastodon.social/@jane@fosstodon.org',
      'https://x.com/@Jack',
      'https://mobile.twitter.com/jack',
      'https://news.ycombinator.com/user?id=pg',
      'https://www.linkedin.com/company/acme',
    ].map((url) => accountFromUrl(url)).map((ref) => ref && [ref.network, ref.handle])).toEqual([
      ['bluesky', 'did:plc:abc123'],
      ['mastodon', 'someone@m.cmx.im'],
      ['mastodon', 'jane@fosstodon.org'],
      ['x', 'Jack'],
      ['x', 'jack'],
      ['hackernews', 'pg'],
      ['linkedin', 'company/acme'],
    ]);
  });

  it('names no account for pages that are not one', () => {
    expect([
      'https://github.com/orgs/acme', 'https://github.com/acme/api', 'https://x.com/i/status/1', 'https://youtube.com/@channel',
      'https://example.com/users/jane', 'https://example.com/', 'mailto:jane@example.com', 'ftp://example.com/@jane',
    ].map((url) => accountFromUrl(url))).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('gives other pages a handle made of host and path', () => {
    expect(websiteRef('https://Example.com/blog/', 'web')).toEqual({ network: 'web', handle: 'example.com/blog', url: 'https://example.com/blog/' });
  });
});

describe('gravatarSource.resolve through the real HTTP layer', () => {
  it('asks for the hash, never the address, and reads the answer', async () => {
    const api = fakeFetch(() => ({ status: 200, body: PUBLIC_V3 }));
    const found = await gravatarSource.resolve!(person('Test.User@Example.com'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(api.requests).toEqual([profileApiUrl(await gravatarHash('test.user@example.com'))]);
    expect(api.requests[0]).toMatch(/^https:\/\/api\.gravatar\.com\/v3\/profiles\/[0-9a-f]{64}$/);
    expect(found.map((identity) => [identity.network, identity.handle, identity.tier])).toEqual([['gravatar', 'testuser', 'A']]);
  });

  it('finds nothing on 404, and sends nothing for a person without an address', async () => {
    const api = fakeFetch(() => ({ status: 404, body: NOT_FOUND }));
    expect(await gravatarSource.resolve!(person('nobody@example.com'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(await gravatarSource.resolve!({ ...person('x'), email: null }, http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('waits on 429 (Gravatar\'s documented limit answer)', async () => {
    const api = fakeFetch(() => ({ status: 429, body: '{}', headers: { 'retry-after': '120' } }));
    const error = await gravatarSource.resolve!(person('a@example.com'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(clock + 120_000);
  });
});

describe('scheduler with the Gravatar source', () => {
  const testUser: Participant = { name: 'Test User', email: 'test.user@example.com', roles: ['from'], messageCount: 1, isPerson: true };

  async function lookUp(fetchImpl: typeof fetch, participant: Participant) {
    const s = new Scheduler({ db, sources: [gravatarSource], fetch: fetchImpl, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
    const stored = await upsertPerson(db, participant, clock);
    await s.enqueue(resolveJobsFor(stored, [gravatarSource], settings, 0, clock));
    await s.idle();
    return stored.id;
  }

  it('sends one request carrying a 64-hex hash, stores the profile as tier A and its verified accounts as tier B', async () => {
    const hash = await gravatarHash(testUser.email!);
    const api = fakeFetch((url) => (url.pathname === `/v3/profiles/${hash}` ? { status: 200, body: PUBLIC_V3 } : { status: 404, body: NOT_FOUND }));
    const personId = await lookUp(api.fetch, testUser);

    expect(api.requests).toEqual([`https://api.gravatar.com/v3/profiles/${hash}`]);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(api.requests.join(' ')).not.toMatch(/test\.user|%40|@/i);
    const log = await db.requestLog.toArray();
    expect(log.map((entry) => [entry.source, entry.host, entry.identifierKind, entry.status])).toEqual([['gravatar', 'api.gravatar.com', 'hash', 200]]);
    expect(JSON.stringify(log)).not.toContain('test.user');

    const identities = await db.identities.where('personId').equals(personId).sortBy('id');
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.linkedFrom ?? null])).toEqual([
      ['github', 'testuser', 'B', `${personId}|gravatar:testuser`],
      ['gravatar', 'testuser', 'A', null],
      ['other', 'stackoverflow.com/users/12345/test-user', 'B', `${personId}|gravatar:testuser`],
      ['other', 'testuser.link/bluesky', 'B', `${personId}|gravatar:testuser`],
      ['other', 'testuser.wordpress.com', 'B', `${personId}|gravatar:testuser`],
    ]);
    expect(identities.find((i) => i.network === 'gravatar')?.profile).toEqual({ jobTitle: 'Software Engineer', company: 'Test Company', location: 'Test City' });
    expect((await db.people.get(personId))?.lookups.gravatar?.state).toBe('found');
  });

  it('records "nothing found" on 404', async () => {
    const api = fakeFetch(() => ({ status: 404, body: NOT_FOUND }));
    const personId = await lookUp(api.fetch, testUser);
    expect(await db.identities.count()).toBe(0);
    expect((await db.people.get(personId))?.lookups.gravatar?.state).toBe('none');
  });

  it('records the legacy shape as a source error, never a crash', async () => {
    const api = fakeFetch(() => ({ status: 200, body: LEGACY }));
    const personId = await lookUp(api.fetch, testUser);
    const lookup = (await db.people.get(personId))?.lookups.gravatar;
    expect(lookup?.state).toBe('error');
    expect(lookup?.detail).toContain('Unexpected answer (Gravatar profile: the legacy');
    expect(await db.identities.count()).toBe(0);
  });
});
