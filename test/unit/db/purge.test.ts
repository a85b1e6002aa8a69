import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { chunksOf, deleteBelowInChunks, neighbourRuns, nextNumberUp } from '../../../src/db/purge';
import type { PostRecord } from '../../../src/shared/domain';
import { identity, NOW, post } from '../helpers/seed';

const DAY = 24 * 3600_000;
const OLD = NOW - 40 * DAY;
const RECENT = NOW - DAY;
const CUTOFF = NOW - 30 * DAY;

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`purge-${Math.random()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const gone = identity({ handle: 'gone.bsky.social' });
const mixed = identity({ handle: 'mixed.bsky.social' });
const fresh = identity({ handle: 'fresh.bsky.social' });

/** Posts as lookups leave them: one identity fetched long ago, one with an old tail, one fetched lately. */
async function seed(): Promise<{ expired: string[]; kept: string[] }> {
  const posts: PostRecord[] = [
    ...Array.from({ length: 12 }, (_, n) => post(gone, n, { fetchedAt: OLD })),
    ...Array.from({ length: 9 }, (_, n) => post(mixed, n, { fetchedAt: n < 4 ? RECENT : OLD })),
    ...Array.from({ length: 5 }, (_, n) => post(fresh, n, { fetchedAt: RECENT })),
  ];
  await db.posts.bulkPut(posts);
  return {
    expired: posts.filter((p) => p.fetchedAt < CUTOFF).map((p) => p.id).sort(),
    kept: posts.filter((p) => p.fetchedAt >= CUTOFF).map((p) => p.id).sort(),
  };
}

const keys = async () => (await db.posts.toCollection().primaryKeys()).sort();

/** Runs `after` once, right after the purge's first transaction (the read of the keys) has ended. */
function afterKeyRead(after: () => Promise<unknown>) {
  const real = EarshotDatabase.prototype.transaction;
  let calls = 0;
  return vi.spyOn(db, 'transaction').mockImplementation(async function (this: EarshotDatabase, ...args: unknown[]) {
    calls += 1;
    const result = await (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    if (calls === 1) await after();
    return result;
  } as typeof db.transaction);
}

describe('neighbourRuns', () => {
  it('groups the doomed keys into stretches with no other key between them', () => {
    expect(neighbourRuns(['a', 'b', 'c', 'd', 'e', 'f', 'g'], ['b', 'c', 'e', 'g'])).toEqual([['b', 'c'], ['e'], ['g']]);
    expect(neighbourRuns([1, 2, 3], [1, 2, 3])).toEqual([[1, 2, 3]]);
    expect(neighbourRuns(['a', 'b'], [])).toEqual([]);
    expect(neighbourRuns([], [])).toEqual([]);
  });
});

describe('chunksOf', () => {
  it('fills every chunk to the size, splitting a run that does not fit', () => {
    expect(chunksOf([[1, 2, 3], [4], [5, 6, 7, 8, 9]], 4)).toEqual([[[1, 2, 3], [4]], [[5, 6, 7, 8]], [[9]]]);
    expect(chunksOf([[1], [2]], 1)).toEqual([[[1]], [[2]]]);
    expect(chunksOf([], 3)).toEqual([]);
  });
});

describe('deleteBelowInChunks', () => {
  it('deletes every row below the bound and nothing else, whatever the chunk size', async () => {
    for (const chunkSize of [1, 2, 3, 5, 8, 17, 500]) {
      await db.posts.clear();
      const { expired, kept } = await seed();
      expect(await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, chunkSize), `chunk size ${chunkSize}`).toBe(expired.length);
      expect(await keys(), `chunk size ${chunkSize}`).toEqual(kept);
    }
  });

  it('deletes a stretch of neighbouring keys with one range request, not one request a key', async () => {
    const { expired } = await seed();
    const bulkDelete = vi.spyOn(db.posts, 'bulkDelete');
    await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 500);
    // Two stretches: the 12 posts of the identity fetched long ago, and the old tail of the other one.
    expect(bulkDelete.mock.calls.flatMap(([deleted]) => deleted)).toEqual([]);
    expect(await db.posts.where('fetchedAt').below(CUTOFF).count()).toBe(0);
    expect(expired).toHaveLength(17);
  });

  it('keeps every transaction to one chunk of rows, so readers get in between', async () => {
    await seed();
    const transaction = vi.spyOn(db, 'transaction');
    await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 5);
    // One read of the keys, then 17 old rows in chunks of 5.
    expect(transaction).toHaveBeenCalledTimes(1 + 4);
  });

  it('spares a post fetched again after the keys were read, inside a stretch', async () => {
    const { expired, kept } = await seed();
    const refetched = (await db.posts.get(post(gone, 5).id)) as PostRecord;
    afterKeyRead(() => db.posts.put({ ...refetched, fetchedAt: NOW }));
    expect(await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 500)).toBe(expired.length - 1);
    expect(await keys()).toEqual([...kept, refetched.id].sort());
  });

  it('spares a new post written after the keys were read whose key falls inside a stretch', async () => {
    const { expired, kept } = await seed();
    // Its key sorts among the old posts of the identity fetched long ago.
    const between: PostRecord = { ...post(gone, 1), id: `${post(gone, 1).id}5`, fetchedAt: NOW };
    afterKeyRead(() => db.posts.put(between));
    expect(await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 500)).toBe(expired.length);
    expect(await keys()).toEqual([...kept, between.id].sort());
  });

  it('leaves only rows still below the bound when stopped midway, and finishes on the next run', async () => {
    const { expired, kept } = await seed();
    const real = EarshotDatabase.prototype.transaction;
    let calls = 0;
    vi.spyOn(db, 'transaction').mockImplementation(function (this: EarshotDatabase, ...args: unknown[]) {
      calls += 1;
      // The worker stops after the keys were read and one chunk was committed.
      if (calls === 3) return Promise.reject(new Error('service worker stopped'));
      return (real as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof db.transaction);
    await expect(deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 5)).rejects.toThrow('service worker stopped');
    expect(await db.posts.count()).toBe(expired.length + kept.length - 5);
    expect(await db.posts.where('fetchedAt').aboveOrEqual(CUTOFF).count()).toBe(kept.length);
    vi.restoreAllMocks();

    expect(await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 5)).toBe(expired.length - 5);
    expect(await keys()).toEqual(kept);
  });

  it('works on a table with numeric keys (the request log)', async () => {
    await db.requestLog.bulkAdd(Array.from({ length: 20 }, (_, n) => ({
      at: n < 8 || n === 12 ? OLD + n : RECENT, source: 'bluesky', host: 'public.api.bsky.app', path: '/x', identifierKind: 'handle' as const, status: 200, durationMs: 5,
    })));
    expect(await deleteBelowInChunks(db, db.requestLog, 'at', CUTOFF, 3)).toBe(9);
    expect(await db.requestLog.where('at').below(CUTOFF).count()).toBe(0);
    expect(await db.requestLog.count()).toBe(11);
  });

  it('refuses a chunk size that is not a positive whole number, and deletes nothing', async () => {
    await seed();
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      await expect(deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, chunkSize)).rejects.toThrow(RangeError);
    }
    expect(await db.posts.count()).toBe(26);
  });
});

describe('nextNumberUp', () => {
  it('gives the next double above, so that nothing fits between', () => {
    for (const value of [0, 1, -1, 0.1, -0.1, NOW, 1e300, -Number.MIN_VALUE, -Number.MAX_VALUE]) {
      const up = nextNumberUp(value);
      expect(up, String(value)).toBeGreaterThan(value);
      const halfway = value + (up - value) / 2;
      expect(halfway === value || halfway === up, String(value)).toBe(true);
    }
    expect(nextNumberUp(0)).toBe(Number.MIN_VALUE);
    expect(nextNumberUp(NOW)).toBe(NOW + 2 ** -12);
    expect(nextNumberUp(Number.MAX_VALUE)).toBe(Infinity);
  });
});
