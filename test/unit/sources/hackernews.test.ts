import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { EarshotDatabase } from '../../../src/db/database';
import { saveIdentity } from '../../../src/db/activity';
import { upsertPerson } from '../../../src/db/people';
import { activityJobsFor, resolveJobsFor } from '../../../src/background/resolver';
import { sourceHttp } from '../../../src/background/scheduler/http';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { hackerNewsSource, postFromHit, siteUrl, storiesOnSite } from '../../../src/background/sources/hackernews';
import { hitSchema, searchSchema, type HackerNewsHit } from '../../../src/background/sources/hackernews-schemas';
import { validItems } from '../../../src/background/sources/validate';
import type { PostDraft } from '../../../src/background/sources/source';
import type { IdentityRecord } from '../../../src/shared/domain';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { hackerNewsRoute } from '../../e2e/harness/routes/hackernews';

/**
 * The Hacker News source against Algolia answers WRITTEN HERE from the recorded Firebase items
 * (test/fixtures/api/hackernews/algolia/README.md), served by the browser tests' fake route.
 */
const dir = join(__dirname, '../../fixtures/api/hackernews');
const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const hitsOf = (name: string): HackerNewsHit[] => validItems(hitSchema, z.parse(searchSchema, read(`algolia/${name}`)).hits);

let db: EarshotDatabase;
let settings: Settings;
let clock: number;

beforeEach(() => {
  db = new EarshotDatabase(`hackernews-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
  clock = Date.parse('2026-11-22T10:00:00Z');
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function routedFetch() {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.href);
    const answer = url.hostname === 'hn.algolia.com'
      ? await hackerNewsRoute.handle({ method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, headers: {}, body: '' })
      : undefined;
    return new Response(answer?.body === undefined ? 'not found' : String(answer.body), { status: answer?.status ?? 404, headers: answer?.headers });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

function http(fetchImpl: typeof fetch) {
  return sourceHttp('hackernews', { db, loadSettings: async () => settings, fetch: fetchImpl, now: () => clock, onRateLimited: () => undefined , hasHostPermission: async () => true });
}

const person = (email: string | null) => ({ id: email ?? 'name:x', email, name: '', domain: null, firstSeenAt: 0, lastSeenAt: 0, lookups: {} });

/** Posts of an activity answer, whether a source returns them alone or with profile facts. */
const postsOf = (result: PostDraft[] | { posts: PostDraft[] }): PostDraft[] => (Array.isArray(result) ? result : result.posts);

function hnIdentity(handle: string, url = `https://news.ycombinator.com/user?id=${handle}`): IdentityRecord {
  return { id: `p|hackernews:${handle.toLowerCase()}`, personId: 'p', network: 'hackernews', handle, url, tier: 'B', evidence: [], verdict: null, fetchedAt: 0 };
}

describe('the written Algolia answers', () => {
  it('restate the recorded Firebase items field by field', () => {
    const items = ['docs-firebase-v0-item-8863-story.json', 'docs-firebase-v0-item-121003-ask-hn.json', 'docs-firebase-v0-item-2921983-comment.json']
      .map((name) => read(name) as { id: number; by: string; time: number; title?: string; url?: string; text?: string });
    const hits = ['search-by-date-story-url-getdropbox.com.json', 'search-by-date-author-tel.json', 'search-by-date-author-norvig.json'].flatMap(hitsOf);
    expect(hits.map((hit) => [Number(hit.objectID), hit.author, hit.created_at_i, hit.title ?? undefined, hit.url ?? '', hit.story_text ?? hit.comment_text ?? undefined]))
      .toEqual(items.map((item) => [item.id, item.by, item.time, item.title, item.url ?? '', item.text]));
    expect(hitsOf('search-by-date-empty.json')).toEqual([]);
  });
});

describe('hits as posts', () => {
  it('reads a story with a link: title, HN page, points and comments', () => {
    expect(hitsOf('search-by-date-story-url-getdropbox.com.json').map(postFromHit)).toEqual([{
      id: 'hackernews:8863',
      network: 'hackernews',
      url: 'https://news.ycombinator.com/item?id=8863',
      createdAt: 1175714200_000,
      text: 'My YC app: Dropbox - Throw away your USB drive',
      kind: 'post',
      counts: { likes: 111, replies: 71 },
      link: { url: 'http://www.getdropbox.com/u/2/screencast.html', title: 'My YC app: Dropbox - Throw away your USB drive' },
    }]);
  });

  it('reads an Ask HN story: title and its text as plain text, no link', () => {
    expect(hitsOf('search-by-date-author-tel.json').map(postFromHit)).toEqual([{
      id: 'hackernews:121003',
      network: 'hackernews',
      url: 'https://news.ycombinator.com/item?id=121003',
      createdAt: 1203647620_000,
      text: 'Ask HN: The Arc Effect\n\nor HN: the Next Iteration\n\nI get the impression that with Arc being released a lot of people who never had time for HN before are suddenly dropping in more often. (PG: what are the numbers on this? I\'m envisioning a spike.)\n\nNot to say that isn\'t great, but I\'m wary of Diggification. Between links comparing programming to sex and a flurry of gratuitous, ostentatious adjectives in the headlines it\'s a bit concerning.\n\n80% of the stuff that makes the front page is still pretty awesome, but what\'s in place to keep the signal/noise ratio high? Does the HN model still work as the community scales? What\'s in store for (++ HN)?',
      kind: 'post',
      counts: { likes: 25, replies: 16 },
    }]);
  });

  it('reads a comment as a reply; its story is linked only when the answer names it', () => {
    const [comment] = hitsOf('search-by-date-author-norvig.json');
    expect(postFromHit(comment!)).toEqual({
      id: 'hackernews:2921983',
      network: 'hackernews',
      url: 'https://news.ycombinator.com/item?id=2921983',
      createdAt: 1314211127_000,
      text: 'Aw shucks, guys ... you make me blush with your compliments.\n\nTell you what, Ill make a deal: I\'ll keep writing if you keep reading. K?',
      kind: 'reply',
    });
    expect(postFromHit({ ...comment!, story_title: 'Norvig\'s essays' })?.link).toEqual({ url: 'https://news.ycombinator.com/item?id=2921506', title: 'Norvig\'s essays' });
    expect(postFromHit({ ...comment!, comment_text: null })).toBeNull();
  });

  it('shows HN\'s HTML as plain text', () => {
    const [comment] = hitsOf('search-by-date-author-norvig.json');
    const html = 'It&#x27;s <i>fine</i>:<p><a href="https:&#x2F;&#x2F;example.com" rel="nofollow">https:&#x2F;&#x2F;example.com</a> &amp; more';
    expect(postFromHit({ ...comment!, comment_text: html })?.text).toBe('It\'s fine:\n\nhttps://example.com & more');
  });

  it('keeps only stories whose link is on the domain or a subdomain', () => {
    const [story] = hitsOf('search-by-date-story-url-getdropbox.com.json');
    expect(storiesOnSite([story!], 'getdropbox.com')).toHaveLength(1);
    expect(storiesOnSite([story!], 'dropbox.com')).toHaveLength(0);
    expect(storiesOnSite([{ ...story!, url: 'https://notgetdropbox.com/x' }], 'getdropbox.com')).toHaveLength(0);
  });
});

describe('hackerNewsSource through the real HTTP layer', () => {
  it('finds the company by stories on its domain: tier C at HN\'s from?site= page', async () => {
    const api = routedFetch();
    const found = await hackerNewsSource.resolve!(person('drew@getdropbox.com'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") });
    expect(api.requests).toEqual(['https://hn.algolia.com/api/v1/search_by_date?tags=story&query=getdropbox.com&restrictSearchableAttributes=url']);
    expect(found).toEqual([{
      network: 'hackernews',
      handle: 'getdropbox.com',
      url: 'https://news.ycombinator.com/from?site=getdropbox.com',
      displayName: 'getdropbox.com',
      tier: 'C',
      evidence: [{ kind: 'company-domain-stories', text: 'Hacker News stories link to getdropbox.com, the sender\'s mail domain.', url: 'https://news.ycombinator.com/from?site=getdropbox.com' }],
    }]);
  });

  it('finds no company without stories, and asks nothing for free-mail domains or people without an address', async () => {
    const api = routedFetch();
    expect(await hackerNewsSource.resolve!(person('jane@example.org'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(await hackerNewsSource.resolve!(person('jane@gmail.com'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(await hackerNewsSource.resolve!(person(null), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") })).toEqual([]);
    expect(api.requests).toEqual(['https://hn.algolia.com/api/v1/search_by_date?tags=story&query=example.org&restrictSearchableAttributes=url']);
  });

  it('reads a linked username\'s stories and comments by author tag', async () => {
    const api = routedFetch();
    const posts = postsOf(await hackerNewsSource.fetchActivity!(hnIdentity('norvig'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") }));
    expect(api.requests).toEqual(['https://hn.algolia.com/api/v1/search_by_date?tags=author_norvig']);
    expect(posts.map((p) => [p.id, p.kind])).toEqual([['hackernews:2921983', 'reply']]);
  });

  it('sends nothing for a handle that cannot be an HN username', async () => {
    const api = routedFetch();
    expect(postsOf(await hackerNewsSource.fetchActivity!(hnIdentity('a&tags=story'), http(api.fetch), { settings, now: () => Date.parse("2026-11-22T10:00:00Z") }))).toEqual([]);
    expect(api.requests).toEqual([]);
  });
});

describe('scheduler with the Hacker News source', () => {
  const drew: Participant = { name: 'Drew Houston', email: 'drew@getdropbox.com', roles: ['from'], messageCount: 1, isPerson: true };
  const free: Participant = { name: 'Jane Doe', email: 'jane@gmail.com', roles: ['to'], messageCount: 0, isPerson: true };

  function scheduler(fetchImpl: typeof fetch) {
    return new Scheduler({ db, sources: [hackerNewsSource], fetch: fetchImpl, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
  }

  it('stores the company\'s stories under a tier C identity, showing who posted them', async () => {
    const api = routedFetch();
    const s = scheduler(api.fetch);
    const stored = await upsertPerson(db, drew, clock);
    await s.enqueue(resolveJobsFor(stored, [hackerNewsSource], settings, 0, clock));
    await s.idle();

    const siteSearch = 'https://hn.algolia.com/api/v1/search_by_date?tags=story&query=getdropbox.com&restrictSearchableAttributes=url';
    expect(api.requests).toEqual([siteSearch, siteSearch]);
    const log = await db.requestLog.toArray();
    expect(log.map((entry) => [entry.source, entry.host, entry.path, entry.identifierKind])).toEqual([
      ['hackernews', 'hn.algolia.com', '/api/v1/search_by_date', 'domain'],
      ['hackernews', 'hn.algolia.com', '/api/v1/search_by_date', 'domain'],
    ]);
    const identities = await db.identities.toArray();
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.url])).toEqual([['hackernews', 'getdropbox.com', 'C', siteUrl('getdropbox.com')]]);
    const posts = await db.posts.toArray();
    expect(posts.map((p) => [p.id, p.author, p.text, p.identityId])).toEqual([
      [`${stored.id}|hackernews:getdropbox.com|hackernews:8863`, 'dhouston', 'My YC app: Dropbox - Throw away your USB drive', `${stored.id}|hackernews:getdropbox.com`],
    ]);
    expect((await db.people.get(stored.id))?.lookups.hackernews?.state).toBe('found');
  });

  it('asks nothing about a free-mail address', async () => {
    const api = routedFetch();
    const s = scheduler(api.fetch);
    const stored = await upsertPerson(db, free, clock);
    await s.enqueue(resolveJobsFor(stored, [hackerNewsSource], settings, 0, clock));
    await s.idle();
    expect(api.requests).toEqual([]);
    expect((await db.people.get(stored.id))?.lookups.hackernews?.state).toBe('none');
  });

  it('reads the activity of a username another identity links to', async () => {
    const api = routedFetch();
    const s = scheduler(api.fetch);
    const stored = await upsertPerson(db, { ...free, name: 'Peter Norvig', email: 'peter@norvig.example' }, clock);
    const linked = await saveIdentity(db, { ...hnIdentity('norvig'), id: `${stored.id}|hackernews:norvig`, personId: stored.id, fetchedAt: clock });
    await s.enqueue(activityJobsFor([linked], [hackerNewsSource], 0, clock));
    await s.idle();
    expect(api.requests).toEqual(['https://hn.algolia.com/api/v1/search_by_date?tags=author_norvig']);
    expect((await db.posts.toArray()).map((p) => [p.id, p.identityId, p.author])).toEqual([[`${linked.id}|hackernews:2921983`, linked.id, undefined]]);
  });
});
