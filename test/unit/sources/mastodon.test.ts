import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { identityId, saveIdentity } from '../../../src/db/activity';
import { upsertPerson } from '../../../src/db/people';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { activityJobsFor, resolveJobsFor } from '../../../src/background/resolver';
import { mastodonSource } from '../../../src/background/sources/mastodon';
import { statusToPost } from '../../../src/background/sources/mastodon-posts';
import { statusSchema, type MastodonStatus } from '../../../src/background/sources/mastodon-schemas';
import type { IdentityRecord, PersonRecord } from '../../../src/shared/domain';
import { parseAcct, readJrd } from '../../../src/background/sources/webfinger';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { directHttp, postsOf } from './direct-http';

/**
 * The Mastodon source on recorded Mastodon answers (a test server at http://localhost:3000, served here
 * as https://social.acme.example: see fixtures/api/mastodon/webfinger/README.md) and the WebFinger
 * answer written for them.
 */
const DIR = join(__dirname, '../../fixtures/api/mastodon');
const INSTANCE = 'social.acme.example';

function fixture(file: string): unknown {
  const text = readFileSync(join(DIR, file), 'utf8').replaceAll('http://localhost:3000', `https://${INSTANCE}`);
  return JSON.parse(text);
}

function status(file: string): MastodonStatus {
  return statusSchema.parse(fixture(file));
}

const ACCOUNT = fixture('accounts-lookup-localhost-mastodonpy_test.json') as Record<string, unknown>;
const ACCOUNT_2 = fixture('accounts-lookup-localhost-mastodonpy_test_2.json') as Record<string, unknown>;
const WEBFINGER = fixture('webfinger/acct-mastodonpy_test-at-acme.example.json') as { subject: string; links: unknown[] };
const ID = '117020565966271181';

type Answer = { status: number; body: unknown };
const NOT_FOUND: Answer = { status: 404, body: fixture('error-404-accounts-lookup-record-not-found.json') };

/** A fake network serving the recorded answers, recording every URL asked for. */
function network(overrides: (url: URL) => Answer | undefined = () => undefined) {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.href);
    const answer = overrides(url) ?? recorded(url);
    const body = answer.body === '' ? '' : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

function recorded(url: URL): Answer {
  if (url.host === 'acme.example' && url.pathname === '/.well-known/webfinger') {
    // Mastodon answers an unknown account with an empty 404.
    return url.searchParams.get('resource') === 'acct:mastodonpy_test@acme.example' ? { status: 200, body: WEBFINGER } : { status: 404, body: '' };
  }
  if (url.host !== INSTANCE) return { status: 404, body: '' };
  if (url.pathname === '/api/v1/accounts/lookup') {
    const acct = url.searchParams.get('acct');
    if (acct === 'mastodonpy_test') return { status: 200, body: ACCOUNT };
    if (acct === 'mastodonpy_test_2') return { status: 200, body: ACCOUNT_2 };
    return NOT_FOUND;
  }
  if (url.pathname === `/api/v1/accounts/${ID}/statuses`) return { status: 200, body: fixture('accounts-statuses-localhost-limit5.json') };
  // mastodonpy_test_2's only recorded post is in the #hoot timeline (recorded on another run, so its
  // account id there differs from the lookup's).
  if (url.pathname === `/api/v1/accounts/${ACCOUNT_2.id as string}/statuses`) return { status: 200, body: fixture('timelines-tag-hoot-localhost-with-tags.json') };
  return { status: 404, body: fixture('error-404-status-not-found.json') };
}

const jane: Participant = { name: 'John Lennon', email: 'mastodonpy_test@acme.example', roles: ['from'], messageCount: 1, isPerson: true };
const PERSON: PersonRecord = { id: 'mastodonpy_test@acme.example', email: 'mastodonpy_test@acme.example', name: 'John Lennon', domain: 'acme.example', firstSeenAt: 0, lastSeenAt: 0, lookups: {} };

function identity(fields: Partial<IdentityRecord>): IdentityRecord {
  return {
    id: 'x', personId: PERSON.id, network: 'mastodon', handle: 'mastodonpy_test@social.acme.example', url: `https://${INSTANCE}/@mastodonpy_test`,
    tier: 'B', evidence: [], verdict: null, fetchedAt: 0, ...fields,
  };
}

describe('WebFinger', () => {
  it('finds the home instance from the self link of the written answer', () => {
    expect(readJrd(WEBFINGER as never, { user: 'mastodonpy_test', host: 'acme.example' })).toEqual({
      subject: { user: 'mastodonpy_test', host: 'acme.example' },
      instance: INSTANCE,
      actor: `https://${INSTANCE}/ap/users/${ID}`,
      profilePage: `https://${INSTANCE}/@mastodonpy_test`,
    });
  });

  it('refuses a domain that answers every address with one account (a static file)', () => {
    expect(readJrd(WEBFINGER as never, { user: 'someone.else', host: 'acme.example' })).toBeNull();
  });

  it('accepts a personal domain pointing at the same user name on a big instance', () => {
    const jrd = { subject: 'acct:jane@mastodon.example', links: [{ rel: 'self', type: 'application/activity+json', href: 'https://mastodon.example/users/jane' }] };
    expect(readJrd(jrd, { user: 'jane', host: 'jane.example' })?.instance).toBe('mastodon.example');
  });

  it('never sends the extension to a private address a hostile answer names', () => {
    for (const href of ['https://127.0.0.1/users/jane', 'https://localhost/users/jane', 'https://router.lan/u', 'https://mastodon.example:8443/users/jane', 'https://[::1]/u']) {
      const jrd = { subject: 'acct:jane@acme.example', links: [{ rel: 'self', type: 'application/activity+json', href }] };
      expect(readJrd(jrd, { user: 'jane', host: 'acme.example' })).toBeNull();
    }
  });

  it('parses addresses in the forms profiles write them', () => {
    expect(['jane@mastodon.social', '@jane@mastodon.social', 'acct:jane@mastodon.social'].map(parseAcct)).toEqual(Array(3).fill({ user: 'jane', host: 'mastodon.social' }));
    expect(['jane', 'jane@localhost', 'ja ne@x.example', 'jane@10.0.0.1'].map(parseAcct)).toEqual([null, null, null, null]);
  });
});

describe('statuses to posts', () => {
  it('reads the recorded statuses of an account', () => {
    const list = fixture('accounts-statuses-localhost-limit5.json') as unknown[];
    const posts = list.map((item) => statusToPost(statusSchema.parse(item), INSTANCE));
    expect(posts.map((post) => [post?.text, post?.kind, post?.createdAt])).toEqual([9, 8, 7, 6, 5].map((n, index) => [
      `Toot number ${n}!`, 'post', Date.parse(['2026-08-01T13:52:34.108Z', '2026-08-01T13:52:33.996Z', '2026-08-01T13:52:33.877Z', '2026-08-01T13:52:33.768Z', '2026-08-01T13:52:33.658Z'][index] ?? ''),
    ]));
    expect(posts[0]).toEqual({
      id: `mastodon:https://${INSTANCE}/ap/users/${ID}/statuses/117020580518794573`,
      network: 'mastodon',
      url: `https://${INSTANCE}/@mastodonpy_test/117020580518794573`,
      text: 'Toot number 9!',
      createdAt: Date.parse('2026-08-01T13:52:34.108Z'),
      kind: 'post',
      counts: { replies: 0, reposts: 0, likes: 0 },
    });
  });

  it('marks a reblog as a repost by its author, with the original text and counts', () => {
    const post = statusToPost(status('status-reblog-localhost.json'), INSTANCE);
    expect(post).toMatchObject({
      kind: 'repost',
      author: `mastodonpy_test@${INSTANCE}`,
      text: 'Toot!',
      url: `https://${INSTANCE}/@mastodonpy_test/117020586019094258`,
      createdAt: Date.parse('2026-08-01T13:53:58.160Z'),
      counts: { replies: 0, reposts: 1, likes: 0 },
    });
  });

  it('turns a card into the link and keeps the text', () => {
    expect(statusToPost(status('status-with-card-localhost.json'), INSTANCE)).toMatchObject({
      text: 'example.org/', kind: 'post', link: { url: 'http://example.org/', title: 'Example Domain' },
    });
  });

  it('marks a quote, drops its fallback line and links the quoted post', () => {
    expect(statusToPost(status('status-post-with-quote-localhost.json'), INSTANCE)).toMatchObject({
      text: 'yoooooooo', kind: 'quote',
      link: { url: `https://${INSTANCE}/@mastodonpy_test/117020582917124092`, title: `Quoted post by mastodonpy_test@${INSTANCE}` },
    });
  });

  it('shows media previews with their descriptions', () => {
    expect(statusToPost(status('status-post-with-multiple-media-localhost.json'), INSTANCE)?.images).toEqual([
      { url: `https://${INSTANCE}/system/media_attachments/files/117/020/576/646/493/592/small/963111bc1b0bd6b6.jpg`, alt: 'John Lennon doing a funny walk' },
      { url: `https://${INSTANCE}/system/media_attachments/files/117/020/576/661/238/952/small/c71a1b53ce29a852.jpg`, alt: 'hololives #1 detective, watson ameliachan' },
    ]);
  });

  it('keeps public and unlisted statuses only, and marks replies and content warnings', () => {
    const home = (fixture('timelines-home-localhost-with-mentions.json') as unknown[]).map((item) => statusSchema.parse(item));
    const posts = home.flatMap((item) => statusToPost(item, INSTANCE) ?? []);
    expect(home).toHaveLength(13);
    expect(posts.map((post) => post.text)).toEqual([
      'Toot!', "you can't say that on television", "it's cool guy too", "it's cool guy",
      "on the internet, nobody knows you're a plane", '@mastodonpy_test beep beep I\'m a jeep', 'do not @ me', 'nice',
      'I have never stolen a ham in my life.',
    ]);
    const reply = statusToPost({ ...status('status-with-card-localhost.json'), in_reply_to_id: '1', spoiler_text: 'spoilers' }, INSTANCE);
    expect(reply).toMatchObject({ kind: 'reply', text: 'CW: spoilers\n\nexample.org/' });
  });

  it('skips a reblog of someone who opted out of indexing', () => {
    const reblog = status('status-reblog-localhost.json');
    const hidden = { ...reblog, reblog: { ...reblog.reblog!, account: { ...reblog.reblog!.account, indexable: false } } };
    expect(statusToPost(hidden, INSTANCE)).toBeNull();
  });
});

describe('mastodonSource.resolve', () => {
  it('finds the account through WebFinger on the sender\'s own domain, with verified links', async () => {
    const withField = { ...ACCOUNT, fields: [...(ACCOUNT.fields as unknown[]), {
      name: 'Site', verified_at: '2026-08-01T00:00:00.000+00:00',
      value: '<a href="https://lennon.example/" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">https://</span><span class="">lennon.example/</span><span class="invisible"></span></a>',
    }, { name: 'Code', verified_at: '2026-08-01T00:00:00.000+00:00', value: '<a href="https://github.com/lennon" rel="me">github.com/lennon</a>' }] };
    const api = network((url) => (url.pathname === '/api/v1/accounts/lookup' ? { status: 200, body: withField } : undefined));
    const [found, ...rest] = await mastodonSource.resolve!(PERSON, directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      network: 'mastodon', handle: 'mastodonpy_test@acme.example', url: `https://${INSTANCE}/@mastodonpy_test`, tier: 'A',
      externalId: `${ID}@${INSTANCE}`, displayName: 'John Lennon', description: 'I walk funny',
      avatarUrl: `https://${INSTANCE}/system/accounts/avatars/117/020/565/966/271/181/original/5784df1febb9890a.jpg`,
    });
    expect(found?.evidence.map((e) => e.kind)).toEqual(['webfinger-own-domain']);
    expect(found?.links?.map((link) => [link.network, link.handle, link.url, link.verified])).toEqual([
      ['web', 'lennon.example', 'https://lennon.example/', true],
      ['github', 'lennon', 'https://github.com/lennon', true],
    ]);
  });

  it('keeps the WebFinger answer when the instance does not know the account', async () => {
    const api = network((url) => (url.pathname === '/api/v1/accounts/lookup' ? NOT_FOUND : undefined));
    const [found] = await mastodonSource.resolve!(PERSON, directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(found).toMatchObject({ handle: 'mastodonpy_test@acme.example', url: `https://${INSTANCE}/@mastodonpy_test`, tier: 'A' });
    expect(found?.externalId).toBeUndefined();
  });

  it('refuses a lookup answer that is not the actor WebFinger named', async () => {
    const api = network((url) => (url.pathname === '/api/v1/accounts/lookup' ? { status: 200, body: { ...ACCOUNT, uri: 'https://elsewhere.example/users/x' } } : undefined));
    const [found] = await mastodonSource.resolve!(PERSON, directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(found?.externalId).toBeUndefined();
    expect(found?.displayName).toBeUndefined();
  });

  it('says so when the account opted out of indexing', async () => {
    const api = network((url) => (url.pathname === '/api/v1/accounts/lookup' ? { status: 200, body: { ...ACCOUNT, noindex: true } } : undefined));
    const [found] = await mastodonSource.resolve!(PERSON, directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(found?.evidence.map((e) => e.kind)).toEqual(['webfinger-own-domain', 'no-index']);
  });

  it('treats an HTML page at /.well-known/webfinger as "no fediverse here" and skips free mail', async () => {
    const asked: string[] = [];
    const html = directHttp(async (input) => {
      asked.push(String(input));
      return new Response('<!doctype html><title>Acme</title>', { status: 200 });
    });
    expect(await mastodonSource.resolve!(PERSON, html, { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(asked).toEqual(['https://acme.example/.well-known/webfinger?resource=acct%3Amastodonpy_test%40acme.example']);
    const gmail = { ...PERSON, email: 'mastodonpy_test@gmail.com', domain: 'gmail.com' };
    expect(await mastodonSource.resolve!(gmail, html, { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});

describe('mastodonSource.fetchActivity', () => {
  it('honours noindex and indexable:false: no posts at all', async () => {
    for (const optOut of [{ noindex: true }, { indexable: false }]) {
      const api = network((url) => (url.pathname === '/api/v1/accounts/lookup' ? { status: 200, body: { ...ACCOUNT, ...optOut } } : undefined));
      const result = await mastodonSource.fetchActivity!(identity({}), directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") });
      expect(postsOf(result)).toEqual([]);
      expect(api.requests).toEqual([`https://${INSTANCE}/api/v1/accounts/lookup?acct=mastodonpy_test`]);
    }
    // An opt-out made after the lookup still shows on the statuses themselves.
    const statuses = (fixture('accounts-statuses-localhost-limit5.json') as Array<{ account: object }>).map((s) => ({ ...s, account: { ...s.account, indexable: false } }));
    const api = network((url) => (url.pathname.endsWith('/statuses') ? { status: 200, body: statuses } : undefined));
    expect(await mastodonSource.fetchActivity!(identity({ externalId: `${ID}@${INSTANCE}` }), directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
  });

  it('reads nothing when the instance wants a token for statuses (401)', async () => {
    const api = network((url) => (url.pathname.endsWith('/statuses') ? { status: 401, body: fixture('error-401-access-token-invalid.json') } : undefined));
    expect(await mastodonSource.fetchActivity!(identity({ externalId: `${ID}@${INSTANCE}` }), directHttp(api.fetch), { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
  });
});

let db: EarshotDatabase;
let settings: Settings;
const clock = Date.parse('2026-11-22T10:00:00Z');

beforeEach(() => {
  db = new EarshotDatabase(`test-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function scheduler(fetchImpl: typeof fetch) {
  return new Scheduler({ db, sources: [mastodonSource], fetch: fetchImpl, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
}

describe('scheduler with the Mastodon source', () => {
  it('resolves by WebFinger, looks the account up on its instance and reads its statuses: three requests', async () => {
    const api = network();
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, jane, clock);
    await s.enqueue(resolveJobsFor(person, [mastodonSource], settings, 0, clock));
    await s.idle();
    expect(api.requests).toEqual([
      'https://acme.example/.well-known/webfinger?resource=acct%3Amastodonpy_test%40acme.example',
      `https://${INSTANCE}/api/v1/accounts/lookup?acct=mastodonpy_test`,
      `https://${INSTANCE}/api/v1/accounts/${ID}/statuses?limit=20&exclude_replies=false`,
    ]);
    const identities = await db.identities.where('personId').equals(person.id).toArray();
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.externalId])).toEqual([['mastodon', 'mastodonpy_test@acme.example', 'A', `${ID}@${INSTANCE}`]]);
    const posts = await db.posts.where('personId').equals(person.id).sortBy('createdAt');
    expect(posts.map((p) => p.text)).toEqual(['Toot number 5!', 'Toot number 6!', 'Toot number 7!', 'Toot number 8!', 'Toot number 9!']);
    const log = await db.requestLog.toArray();
    expect(log.map((e) => [e.source, e.host, e.path, e.identifierKind, e.status])).toEqual([
      ['mastodon', 'acme.example', '/.well-known/webfinger', 'address', 200],
      ['mastodon', INSTANCE, '/api/v1/accounts/lookup', 'handle', 200],
      ['mastodon', INSTANCE, `/api/v1/accounts/${ID}/statuses`, 'id', 200],
    ]);
    expect((await db.people.get(person.id))?.lookups.mastodon?.state).toBe('found');
  });

  it('reads a linked user@instance handle without an id: lookup first, then statuses; the id is kept', async () => {
    // The account verifies (rel=me) the GitHub profile that linked to it: a link back.
    const verified = { ...ACCOUNT_2, fields: [{ name: 'GitHub', value: '<a href="https://github.com/lennon" rel="me">github.com/lennon</a>', verified_at: '2026-08-01T00:00:00.000+00:00' }] };
    const api = network((url) => (url.searchParams.get('acct') === 'mastodonpy_test_2' ? { status: 200, body: verified } : undefined));
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, jane, clock);
    const github = await saveIdentity(db, identity({ id: identityId(person.id, 'github', 'lennon'), personId: person.id, network: 'github', handle: 'lennon', url: 'https://github.com/lennon', tier: 'A' }));
    const linked = await saveIdentity(db, identity({
      id: identityId(person.id, 'mastodon', `mastodonpy_test_2@${INSTANCE}`), personId: person.id, handle: `mastodonpy_test_2@${INSTANCE}`,
      url: `https://${INSTANCE}/@mastodonpy_test_2`, tier: 'B', linkedFrom: github.id,
    }));
    await s.enqueue(activityJobsFor([linked], [mastodonSource], 0, clock));
    await s.idle();
    expect(api.requests).toEqual([
      `https://${INSTANCE}/api/v1/accounts/lookup?acct=mastodonpy_test_2`,
      `https://${INSTANCE}/api/v1/accounts/${ACCOUNT_2.id as string}/statuses?limit=20&exclude_replies=false`,
    ]);
    const posts = await db.posts.where('identityId').equals(linked.id).toArray();
    expect(posts.map((p) => [p.text, p.link?.url])).toEqual([['#hoot (hashtag toot)', undefined]]);
    const stored = await db.identities.get(linked.id);
    expect(stored?.externalId).toBe(`${ACCOUNT_2.id as string}@${INSTANCE}`);
    expect(stored?.avatarUrl).toBeUndefined();
    expect(stored?.evidence.map((e) => e.kind)).toEqual(['links-back']);
  });

  it('records "nothing found" after one request for a domain without the account', async () => {
    const api = network();
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, { ...jane, email: 'nobody@acme.example' }, clock);
    await s.enqueue(resolveJobsFor(person, [mastodonSource], settings, 0, clock));
    await s.idle();
    expect(api.requests).toEqual(['https://acme.example/.well-known/webfinger?resource=acct%3Anobody%40acme.example']);
    expect((await db.people.get(person.id))?.lookups.mastodon?.state).toBe('none');
  });
});
