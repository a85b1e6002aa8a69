import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { postsOf } from '../../../src/db/activity';
import { deleteBelowInChunks } from '../../../src/db/purge';
import { identity, NOW, post } from '../helpers/seed';

// The sidebar shows posts through Dexie live queries. However the purge deletes, every open live query
// over posts must answer again once the rows are gone, or the sidebar keeps showing purged posts.
const DAY = 24 * 3600_000;
const OLD = NOW - 40 * DAY;
const CUTOFF = NOW - 30 * DAY;

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`purge-live-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The values a live query emits, and a way to wait for the first one that passes `test`. */
function watch<T>(query: () => Promise<T>) {
  const seen: T[] = [];
  const waiting: { test: (value: T) => boolean; resolve: (value: T) => void }[] = [];
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      seen.push(value);
      for (const waiter of [...waiting]) {
        if (waiter.test(value)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(value);
        }
      }
    },
  });
  const until = (test: (value: T) => boolean): Promise<T> => {
    const already = seen.findIndex(test);
    if (already >= 0) return Promise.resolve(seen[already] as T);
    return new Promise((resolve) => waiting.push({ test, resolve }));
  };
  return { seen, until, stop: () => subscription.unsubscribe() };
}

async function seedPosts(): Promise<{ expired: string[]; kept: string[] }> {
  const owner = identity({ handle: 'maya.bsky.social' });
  // Every sixth kept: the old ones lie in runs of neighbours long enough to go as key ranges.
  const posts = Array.from({ length: 40 }, (_, n) => post(owner, n, { fetchedAt: n % 6 === 0 ? NOW - DAY : OLD }));
  await db.posts.bulkPut(posts);
  return {
    expired: posts.filter((p) => p.fetchedAt < CUTOFF).map((p) => p.id).sort(),
    kept: posts.filter((p) => p.fetchedAt >= CUTOFF).map((p) => p.id).sort(),
  };
}

const ids = (posts: { id: string }[]) => posts.map((p) => p.id).sort();

describe('the purge and live queries', () => {
  it('makes an open live query of one person\'s posts (the sidebar\'s) answer without the purged posts', async () => {
    const { expired, kept } = await seedPosts();
    const sidebar = watch(() => postsOf(db, 'maya@northwind-labs.com', 200));
    await sidebar.until((posts) => posts.length === expired.length + kept.length);

    const deleted = await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 7);

    expect(deleted).toBe(expired.length);
    expect(ids(await sidebar.until((posts) => posts.length === kept.length))).toEqual(kept);
    sidebar.stop();
  });

  it('makes live queries over the index it deletes by, over the primary key and over a count answer again', async () => {
    const { expired, kept } = await seedPosts();
    const byFetchedAt = watch(() => db.posts.where('fetchedAt').below(CUTOFF).primaryKeys());
    const byKey = watch(() => db.posts.get(expired[0] as string));
    const counted = watch(() => db.posts.count());
    await byFetchedAt.until((keys) => keys.length === expired.length);
    await byKey.until((found) => found !== undefined);
    await counted.until((count) => count === expired.length + kept.length);

    await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 500);

    expect(await byFetchedAt.until((keys) => keys.length === 0)).toEqual([]);
    expect(await byKey.until((found) => found === undefined)).toBeUndefined();
    expect(await counted.until((count) => count === kept.length)).toBe(kept.length);
    for (const watched of [byFetchedAt, byKey, counted]) watched.stop();
  });

  it('makes a live query on a second connection (as another extension page has) answer again', async () => {
    const { kept } = await seedPosts();
    const page = new EarshotDatabase(db.name);
    try {
      const sidebar = watch(() => postsOf(page, 'maya@northwind-labs.com', 200));
      await sidebar.until((posts) => posts.length === 40);

      await deleteBelowInChunks(db, db.posts, 'fetchedAt', CUTOFF, 500);

      expect(ids(await sidebar.until((posts) => posts.length === kept.length))).toEqual(kept);
      sidebar.stop();
    } finally {
      page.close();
    }
  });
});
