import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { upsertPerson } from '../../../src/db/people';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { resolveJobsFor } from '../../../src/background/resolver';
import { blueskySource } from '../../../src/background/sources/bluesky';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { ALICE_FEED, PROFILES, PROFILE_NOT_FOUND } from '../helpers/bluesky-fixtures';

/**
 * The real scheduler, queue, database and Bluesky source, with the network replaced by recorded
 * AppView answers.
 */
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

function appView(overrides: (url: URL) => Answer | undefined = () => undefined) {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.href);
    const answer = overrides(url) ?? recorded(url);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

function recorded(url: URL): Answer {
  const actor = url.searchParams.get('actor');
  const profile = PROFILES.find((p) => p.handle === actor || p.did === actor);
  if (url.pathname.endsWith('app.bsky.actor.getProfile')) return profile ? { status: 200, body: profile } : { status: 400, body: PROFILE_NOT_FOUND };
  if (url.pathname.endsWith('app.bsky.feed.getAuthorFeed') && profile?.handle === 'alice.test') return { status: 200, body: { feed: ALICE_FEED } };
  return { status: 400, body: PROFILE_NOT_FOUND };
}

const alice: Participant = { name: 'ali', email: 'alice@test', roles: ['from'], messageCount: 1, isPerson: true };
const nobody: Participant = { name: 'Zed Nobody', email: 'zed@test', roles: ['to'], messageCount: 0, isPerson: true };

let db: EarshotDatabase;
let settings: Settings;
let clock: number;

beforeEach(() => {
  db = new EarshotDatabase(`test-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
  clock = Date.parse('2026-11-22T10:00:00Z');
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function scheduler(fetchImpl: typeof fetch) {
  return new Scheduler({
    db, sources: [blueskySource], fetch: fetchImpl, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true,
  });
}

async function lookUp(s: Scheduler, participant: Participant) {
  const person = await upsertPerson(db, participant, clock);
  await s.enqueue(resolveJobsFor(person, [blueskySource], settings, 0, clock));
  await s.idle();
  return person.id;
}

describe('scheduler with the Bluesky source', () => {
  it('resolves a domain handle, fetches its feed and logs every request without the identifier', async () => {
    const api = appView();
    const s = scheduler(api.fetch);
    const personId = await lookUp(s, alice);
    const identities = await db.identities.where('personId').equals(personId).toArray();
    expect(identities.map((i) => [i.handle, i.tier, i.displayName])).toEqual([['alice.test', 'A', 'ali']]);
    const posts = await db.posts.where('personId').equals(personId).toArray();
    expect(posts.map((p) => p.text).sort()).toEqual(['again', 'hey there', 'thanks bob', 'yoohoo label_me']);
    expect(posts.find((p) => p.text === 'thanks bob')?.kind).toBe('reply');
    expect(posts.find((p) => p.text === 'yoohoo label_me')?.kind).toBe('quote');
    expect(api.requests).toEqual([
      'https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=alice.test',
      'https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=user(0)&limit=20',
    ]);
    const log = await db.requestLog.toArray();
    expect(log.map((entry) => [entry.source, entry.host, entry.path, entry.identifierKind, entry.status])).toEqual([
      ['bluesky', 'public.api.bsky.app', '/xrpc/app.bsky.actor.getProfile', 'handle', 200],
      ['bluesky', 'public.api.bsky.app', '/xrpc/app.bsky.feed.getAuthorFeed', 'handle', 200],
    ]);
    expect(JSON.stringify(log)).not.toContain('alice');
    expect((await db.people.get(personId))?.lookups.bluesky?.state).toBe('found');
    expect(await db.jobs.count()).toBe(0);
  });

  it('records "nothing found" for a handle the AppView does not know', async () => {
    const s = scheduler(appView().fetch);
    const personId = await lookUp(s, nobody);
    expect(await db.identities.count()).toBe(0);
    expect((await db.people.get(personId))?.lookups.bluesky?.state).toBe('none');
  });

  it('sends nothing for a source switched off after the job was queued', async () => {
    const api = appView();
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, alice, clock);
    const jobs = resolveJobsFor(person, [blueskySource], settings, 0, clock);
    settings = { ...settings, sources: { ...settings.sources, bluesky: false } };
    await s.enqueue(jobs);
    await s.idle();
    expect(api.requests).toEqual([]);
    expect((await db.people.get(person.id))?.lookups.bluesky?.state).toBe('skipped');
  });

  it('waits out a 429 until its Retry-After, then succeeds', async () => {
    let first = true;
    const api = appView((url) => {
      if (first && url.pathname.endsWith('getProfile')) {
        first = false;
        return { status: 429, body: { error: 'RateLimitExceeded' }, headers: { 'retry-after': '30' } };
      }
      return undefined;
    });
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, alice, clock);
    await s.enqueue(resolveJobsFor(person, [blueskySource], settings, 0, clock));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = await db.jobs.toArray();
    expect(waiting.map((job) => [job.state, job.attempts, job.notBefore - clock])).toEqual([['queued', 1, 30_000]]);
    clock += 30_000;
    s.kick();
    await s.idle();
    expect((await db.identities.toArray()).map((i) => i.handle)).toEqual(['alice.test']);
    expect(api.requests.filter((url) => url.includes('getProfile'))).toHaveLength(2);
  });

  it('records a malformed answer as a source error, never a crash', async () => {
    const api = appView((url) => (url.pathname.endsWith('getProfile') ? { status: 200, body: { handle: 42 } } : undefined));
    const s = scheduler(api.fetch);
    const personId = await lookUp(s, alice);
    const lookup = (await db.people.get(personId))?.lookups.bluesky;
    expect(lookup?.state).toBe('error');
    expect(lookup?.detail).toContain('Unexpected answer');
  });

  it('puts jobs a stopped worker left running back in the queue and finishes them once', async () => {
    const api = appView();
    const person = await upsertPerson(db, alice, clock);
    const [job] = resolveJobsFor(person, [blueskySource], settings, 0, clock);
    await db.jobs.add({ ...job!, attempts: 0, notBefore: clock, createdAt: clock, state: 'running' });
    const s = scheduler(api.fetch);
    await s.resume();
    await s.idle();
    expect(await db.identities.count()).toBe(1);
    expect(api.requests.filter((url) => url.includes('getProfile'))).toHaveLength(1);
  });

  it('makes one request when two tabs report the same person at once', async () => {
    const api = appView();
    const s = scheduler(api.fetch);
    const person = await upsertPerson(db, alice, clock);
    const jobs = resolveJobsFor(person, [blueskySource], settings, 0, clock);
    await Promise.all([s.enqueue(jobs), s.enqueue(jobs)]);
    await s.idle();
    expect(api.requests.filter((url) => url.includes('getProfile'))).toHaveLength(1);
  });
});
