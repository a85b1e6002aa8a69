import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { PURGE_CHUNK_SIZE, purgeExpired, retentionCutoff } from '../../../src/background/retention';
import type { IdentityRecord, PersonRecord, PostRecord, RequestLogRecord, ThreadRecord } from '../../../src/shared/domain';

// The alarm and settings wiring is not under test here: only the purge, on a real (fake-indexeddb) database.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const DAY = 24 * 3600_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`retention-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const person = (id: string, lastSeenAt: number): PersonRecord => ({
  id, email: id, name: id, domain: id.split('@')[1] ?? null, firstSeenAt: lastSeenAt, lastSeenAt,
  lookups: { bluesky: { state: 'found', at: lastSeenAt } },
});
const identity = (personId: string, handle: string, fetchedAt: number, extra: Partial<IdentityRecord> = {}): IdentityRecord => ({
  id: `${personId}|bluesky:${handle}`, personId, network: 'bluesky', handle, url: `https://bsky.app/profile/${handle}`,
  tier: 'A', evidence: [], verdict: null, fetchedAt, ...extra,
});
const post = (identityId: string, personId: string, n: number, fetchedAt: number): PostRecord => ({
  id: `${identityId}|bluesky:${n}`, personId, identityId, network: 'bluesky', url: `https://bsky.app/p/${n}`, text: `post ${n}`,
  createdAt: fetchedAt - DAY, fetchedAt, kind: 'post',
});
const logEntry = (at: number): RequestLogRecord => ({ at, source: 'bluesky', host: 'public.api.bsky.app', path: '/x', identifierKind: 'handle', status: 200, durationMs: 5 });
const thread = (key: string, seenAt: number): ThreadRecord => ({ key, client: 'gmail', threadId: key, subject: 's', participants: [], self: 'me@acme.com', seenAt });

async function seed() {
  const old = NOW - 40 * DAY;
  const recent = NOW - 2 * DAY;
  await db.people.bulkPut([person('old@a.com', old), person('noted@a.com', old), person('judged@a.com', old), person('new@a.com', recent)]);
  const oldId = identity('old@a.com', 'old.a.com', old);
  const refreshed = identity('new@a.com', 'stale-profile.a.com', old, { activityFetchedAt: recent });
  const fresh = identity('new@a.com', 'new.a.com', recent);
  const rejected = identity('judged@a.com', 'wrong.a.com', old, { verdict: 'rejected' });
  const added = identity('judged@a.com', 'mine.a.com', old, { verdict: 'confirmed', addedByUser: true });
  const expiredWithNewPost = identity('noted@a.com', 'noted.a.com', old);
  await db.identities.bulkPut([oldId, refreshed, fresh, rejected, added, expiredWithNewPost]);
  await db.posts.bulkPut([
    post(oldId.id, 'old@a.com', 1, old), post(fresh.id, 'new@a.com', 2, recent), post(refreshed.id, 'new@a.com', 3, recent),
    post(added.id, 'judged@a.com', 4, old), post(expiredWithNewPost.id, 'noted@a.com', 5, recent),
  ]);
  await db.notes.put({ personId: 'noted@a.com', text: 'met at the fair', updatedAt: old });
  await db.requestLog.bulkAdd([logEntry(old), logEntry(recent)]);
  await db.threads.bulkPut([thread('gmail:old', old), thread('gmail:new', recent)]);
}

describe('retention', () => {
  it('keeps everything when the period is forever', async () => {
    await seed();
    const result = await purgeExpired(db, 0, NOW + 1000 * DAY);
    expect(result).toEqual({ cutoff: null, people: 0, identities: 0, posts: 0, threads: 0, requestLog: 0 });
    expect(await db.posts.count()).toBe(5);
  });

  it('purges looked-up rows older than the period, and keeps notes and the user\'s own verdicts', async () => {
    await seed();
    const result = await purgeExpired(db, 30, NOW);
    expect(result.cutoff).toBe(retentionCutoff(30, NOW));
    expect((await db.people.toCollection().primaryKeys()).sort()).toEqual(['judged@a.com', 'new@a.com', 'noted@a.com']);
    expect((await db.identities.toArray()).map((i) => i.handle).sort()).toEqual(['mine.a.com', 'new.a.com', 'stale-profile.a.com', 'wrong.a.com']);
    // Old posts go; so does a newer post of an identity that expired.
    expect((await db.posts.toArray()).map((p) => p.text).sort()).toEqual(['post 2', 'post 3']);
    expect(await db.notes.get('noted@a.com')).toMatchObject({ text: 'met at the fair' });
    expect((await db.requestLog.toArray()).map((e) => e.at)).toEqual([NOW - 2 * DAY]);
    expect(await db.threads.toCollection().primaryKeys()).toEqual(['gmail:new']);
    expect(result).toMatchObject({ people: 1, identities: 2, posts: 3, threads: 1, requestLog: 1 });
    // A kept person forgets lookups older than the period, so the next conversation looks them up again.
    expect((await db.people.get('noted@a.com'))?.lookups).toEqual({});
    expect((await db.people.get('new@a.com'))?.lookups).toEqual({ bluesky: { state: 'found', at: NOW - 2 * DAY } });
  });

  it('purges what a moved clock makes old, and nothing that is still within the period', async () => {
    await seed();
    expect(await purgeExpired(db, 90, NOW)).toMatchObject({ people: 0, identities: 0, posts: 0, threads: 0, requestLog: 0 });
    const later = await purgeExpired(db, 7, NOW + 30 * DAY);
    expect(later).toMatchObject({ threads: 2, requestLog: 2 });
    expect(await db.posts.count()).toBe(0);
    expect(await db.notes.count()).toBe(1);
    expect((await db.identities.toArray()).map((i) => i.handle).sort()).toEqual(['mine.a.com', 'wrong.a.com']);
    expect((await db.people.toCollection().primaryKeys()).sort()).toEqual(['judged@a.com', 'noted@a.com']);
  });

  it('gives the same result in chunks of one row as in one chunk', async () => {
    await seed();
    const result = await purgeExpired(db, 30, NOW, { chunkSize: 1 });
    expect(result).toMatchObject({ people: 1, identities: 2, posts: 3, threads: 1, requestLog: 1 });
    expect((await db.posts.toArray()).map((p) => p.text).sort()).toEqual(['post 2', 'post 3']);
    expect((await db.requestLog.toArray()).map((e) => e.at)).toEqual([NOW - 2 * DAY]);
  });
});

describe('retention in chunks', () => {
  const old = NOW - 40 * DAY;
  const recent = NOW - 2 * DAY;

  /** `count` posts of one fresh identity, every third one fetched long ago; several share one fetchedAt. */
  async function seedMany(count: number): Promise<{ expired: string[]; kept: string[] }> {
    const owner = identity('many@a.com', 'many.a.com', recent);
    await db.people.put(person('many@a.com', recent));
    await db.identities.put(owner);
    const posts = Array.from({ length: count }, (_, n) => post(owner.id, 'many@a.com', n, n % 3 === 0 ? old + (n % 2) * 1000 : recent));
    await db.posts.bulkPut(posts);
    await db.requestLog.bulkAdd(Array.from({ length: count }, (_, n) => logEntry(n % 3 === 0 ? old + n : recent + n)));
    return {
      expired: posts.filter((p) => p.fetchedAt < recent).map((p) => p.id).sort(),
      kept: posts.filter((p) => p.fetchedAt === recent).map((p) => p.id).sort(),
    };
  }

  it('deletes every old row across chunk boundaries, whatever the chunk size, and nothing newer', async () => {
    for (const chunkSize of [1, 2, 7, 34, 35, 1000]) {
      await db.posts.clear();
      await db.requestLog.clear();
      const { expired, kept } = await seedMany(103);
      const result = await purgeExpired(db, 30, NOW, { chunkSize });
      expect(result.posts, `chunk size ${chunkSize}`).toBe(expired.length);
      expect(result.requestLog, `chunk size ${chunkSize}`).toBe(35);
      expect((await db.posts.toCollection().primaryKeys()).sort(), `chunk size ${chunkSize}`).toEqual(kept);
      expect(await db.requestLog.where('at').below(recent).count()).toBe(0);
      expect(await db.requestLog.count()).toBe(103 - 35);
    }
  });

  it('deletes in transactions of at most one chunk each, so readers get in between', async () => {
    await seedMany(103);
    const transaction = vi.spyOn(db, 'transaction');
    await purgeExpired(db, 30, NOW, { chunkSize: 10 });
    // For 35 old posts: one read of their keys, then 4 chunks; the same for 35 old log rows; then the final pass.
    expect(transaction).toHaveBeenCalledTimes(1 + 4 + 1 + 4 + 1);
  });

  it('finishes the job when run again after being stopped midway', async () => {
    const { expired, kept } = await seedMany(103);
    const transaction = vi.spyOn(db, 'transaction');
    let calls = 0;
    const real = EarshotDatabase.prototype.transaction;
    transaction.mockImplementation(function (this: EarshotDatabase, ...args: unknown[]) {
      calls += 1;
      // The worker stops after the keys were read and one chunk was committed.
      if (calls === 3) return Promise.reject(new Error('service worker stopped'));
      return (real as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof db.transaction);
    await expect(purgeExpired(db, 30, NOW, { chunkSize: 10 })).rejects.toThrow('service worker stopped');
    expect(await db.posts.count()).toBe(103 - 10);
    transaction.mockRestore();

    const again = await purgeExpired(db, 30, NOW, { chunkSize: 10 });
    expect(again.posts).toBe(expired.length - 10);
    expect((await db.posts.toCollection().primaryKeys()).sort()).toEqual(kept);
    expect(await db.requestLog.where('at').below(recent).count()).toBe(0);
  });

  it('spares an old post that a source fetched again while the purge ran', async () => {
    const { expired, kept } = await seedMany(30);
    const refetched = (await db.posts.get(expired[expired.length - 1] as string)) as PostRecord;
    const transaction = vi.spyOn(db, 'transaction');
    const real = EarshotDatabase.prototype.transaction;
    let calls = 0;
    transaction.mockImplementation(async function (this: EarshotDatabase, ...args: unknown[]) {
      calls += 1;
      const result = await (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      // After the purge read which posts are old, a lookup stores one of them again, fresh.
      if (calls === 1) await db.posts.put({ ...refetched, fetchedAt: NOW });
      return result;
    } as typeof db.transaction);
    const result = await purgeExpired(db, 30, NOW, { chunkSize: 3 });
    expect(result.posts).toBe(expired.length - 1);
    expect((await db.posts.toCollection().primaryKeys()).sort()).toEqual([...kept, refetched.id].sort());
  });

  it('also takes an old post written after the keys were read, in its final pass', async () => {
    const { kept } = await seedMany(30);
    const owner = 'many@a.com|bluesky:many.a.com';
    const transaction = vi.spyOn(db, 'transaction');
    const real = EarshotDatabase.prototype.transaction;
    let calls = 0;
    transaction.mockImplementation(async function (this: EarshotDatabase, ...args: unknown[]) {
      calls += 1;
      const result = await (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      // After the first chunk, another page stores an old post whose key sorts before the chunk's end.
      if (calls === 1) await db.posts.put(post(owner, 'many@a.com', -1, old));
      return result;
    } as typeof db.transaction);
    const result = await purgeExpired(db, 30, NOW, { chunkSize: 3 });
    expect(result.posts).toBe(10 + 1);
    expect((await db.posts.toCollection().primaryKeys()).sort()).toEqual(kept);
  });

  it('refuses a chunk size that is not a positive whole number', async () => {
    await seedMany(5);
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      await expect(purgeExpired(db, 30, NOW, { chunkSize })).rejects.toThrow(RangeError);
    }
    expect(await db.posts.count()).toBe(5);
  });

  it('uses chunks small enough for a reader to get in between on a slow machine', () => {
    expect(PURGE_CHUNK_SIZE).toBeGreaterThan(0);
    expect(PURGE_CHUNK_SIZE).toBeLessThanOrEqual(2_000);
  });
});
