import 'fake-indexeddb/auto';
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { saveIdentity } from '../../../src/db/activity';
import { evictionNote, evictionSize, isQuotaExceeded, makeRoom, StorageFullError, writeMakingRoom } from '../../../src/db/evict';
import { runJob } from '../../../src/background/scheduler/run-job';
import type { Source, SourceHttp } from '../../../src/background/sources/source';
import type { IdentityRecord, JobRecord } from '../../../src/shared/domain';
import { parseSettings } from '../../../src/shared/settings';
import { identity, NOW, person, post } from '../helpers/seed';

// fake-indexeddb has no quota, so this database gets one the way a browser's disk behaves: while
// "full", every add or put is refused with the DOMException a browser throws (which aborts the
// transaction, as in a browser), until enough posts were deleted to free the room it needs.
interface Disk {
  /** Posts that must be deleted before writes fit again (0: not full). */
  mustFree: number;
  refused: number;
}

function withDisk(db: EarshotDatabase, disk: Disk): void {
  db.use({
    stack: 'dbcore',
    name: 'test-disk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          async mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            if (request.type === 'add' || request.type === 'put') {
              if (disk.mustFree > 0) {
                disk.refused += 1;
                throw new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
              }
            }
            const response = await table.mutate(request);
            if (name === 'posts' && request.type === 'delete') disk.mustFree = Math.max(0, disk.mustFree - request.keys.length);
            return response;
          },
        };
      },
    }),
  });
}

const HOUR = 3_600_000;
let db: EarshotDatabase;
let disk: Disk;

beforeEach(() => {
  db = new EarshotDatabase(`quota-${Math.random()}`);
  disk = { mustFree: 0, refused: 0 };
  withDisk(db, disk);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const maya = identity({ handle: 'maya.northwind-labs.com' });
const mine = identity({ handle: 'maya-by-hand', addedByUser: true, verdict: 'confirmed', tier: 'D' });
const notHer = identity({ handle: 'not-maya', verdict: 'rejected', tier: 'D' });

/** A full database as a user has it: a person with notes and verdicts, and `count` posts fetched an hour apart, oldest first. */
async function fill(count: number): Promise<string[]> {
  await db.people.put(person());
  await db.identities.bulkPut([maya, mine, notHer]);
  await db.notes.put({ personId: maya.personId, text: 'Met at the fair; call back in May.', updatedAt: NOW - 9 * HOUR });
  const posts = Array.from({ length: count }, (_, n) => post(maya, n + 1, { fetchedAt: NOW - (count - n) * HOUR }));
  await db.posts.bulkPut(posts);
  return posts.map((saved) => saved.id);
}

function activityJob(of: IdentityRecord): JobRecord {
  return {
    key: `bluesky:activity:${of.id}`, source: 'bluesky', kind: 'activity', personId: of.personId, priority: 0,
    payload: { identityId: of.id }, attempts: 0, notBefore: 0, createdAt: NOW, state: 'running',
  };
}

const twoNewPosts: Source = {
  id: 'bluesky',
  activityNetwork: 'bluesky',
  fetchActivity: async () => [
    { id: 'bluesky:new-1', network: 'bluesky', url: 'https://bsky.app/x/new-1', kind: 'post', createdAt: NOW - 60_000, text: 'Shipping the new export today.' },
    { id: 'bluesky:new-2', network: 'bluesky', url: 'https://bsky.app/x/new-2', kind: 'post', createdAt: NOW - 120_000, text: 'Forecasting notes, part two.' },
  ],
};

async function runActivity(): Promise<void> {
  await runJob(activityJob(maya), {
    db, sources: new Map([['bluesky', twoNewPosts]]), http: {} as SourceHttp, settings: parseSettings({ onboarded: true }), now: () => NOW,
  });
}

describe('isQuotaExceeded', () => {
  it('knows the browser\'s error and Dexie\'s wrappings of it, and nothing else', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaExceeded(quota)).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
    expect(isQuotaExceeded(new Dexie.BulkError('1 of 2 failed', { 1: quota }))).toBe(true);
    expect(isQuotaExceeded({ name: 'DOMException', code: 22 })).toBe(true);
    // Firefox's refusal of a put in the transaction that follows a refused one (seen in quota.e2e.ts).
    const cleanupOnly = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    expect(isQuotaExceeded(cleanupOnly)).toBe(true);
    expect(isQuotaExceeded(new Dexie.InvalidStateError(cleanupOnly.message, cleanupOnly))).toBe(true);
    expect(isQuotaExceeded(new DOMException('The object is in an invalid state.', 'InvalidStateError'))).toBe(false);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', new DOMException('gone', 'AbortError')))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaExceeded(undefined)).toBe(false);
    expect(isQuotaExceeded('QuotaExceededError')).toBe(false);
  });
});

describe('a write refused for lack of space', () => {
  it('evicts the oldest posts, stores the new ones, keeps notes and verdicts, and says so next to the source', async () => {
    const stored = await fill(120);
    disk.mustFree = 10;

    await runActivity();

    expect(disk.refused).toBe(1);
    const evicted = evictionSize(120);
    expect(evicted).toBe(50);
    const left = await db.posts.toCollection().primaryKeys();
    expect(left.sort()).toEqual([...stored.slice(evicted), `${maya.id}|bluesky:new-1`, `${maya.id}|bluesky:new-2`].sort());
    expect((await db.identities.get(maya.id))?.activityFetchedAt).toBe(NOW);
    expect(await db.identities.get(mine.id)).toEqual(mine);
    expect(await db.identities.get(notHer.id)).toEqual(notHer);
    expect((await db.notes.get(maya.personId))?.text).toBe('Met at the fair; call back in May.');
    expect((await db.people.get(maya.personId))?.lookups.bluesky).toEqual({ state: 'found', at: NOW, detail: evictionNote(50) });
  });

  it('keeps the state a lookup already had when it notes an eviction', async () => {
    await fill(60);
    await db.people.update(maya.personId, { lookups: { bluesky: { state: 'none', at: NOW - HOUR } } });
    disk.mustFree = 1;
    await runActivity();
    expect((await db.people.get(maya.personId))?.lookups.bluesky).toEqual({ state: 'none', at: NOW, detail: evictionNote(50) });
  });

  it('fails with a clear error when removing posts does not free enough, and loses nothing it was not allowed to', async () => {
    await fill(40);
    disk.mustFree = 1_000;
    const failure = await runActivity().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFullError);
    expect((failure as Error).message).toBe('storage is full, even after removing the 40 oldest posts');
    expect(disk.refused).toBe(2);
    expect(await db.identities.count()).toBe(3);
    expect(await db.notes.count()).toBe(1);
  });

  it('says so when there is not a single post to remove', async () => {
    await db.people.put(person());
    disk.mustFree = 1;
    await expect(saveIdentity(db, maya)).rejects.toThrow('storage is full and holds no posts to remove');
  });

  it('makes room for an identity too', async () => {
    const stored = await fill(8);
    disk.mustFree = 3;
    const found = identity({ handle: 'maya.example', network: 'mastodon' });
    expect(await saveIdentity(db, found)).toEqual(found);
    // Eight posts are fewer than the smallest eviction: all of them went.
    expect(await db.posts.count()).toBe(0);
    expect(stored).toHaveLength(8);
    expect(await db.identities.get(found.id)).toEqual(found);
  });

  it('passes any other failure through untouched, evicting nothing', async () => {
    await fill(5);
    const broken = new Error('disk on fire');
    await expect(writeMakingRoom(db, async () => { throw broken; })).rejects.toBe(broken);
    expect(await db.posts.count()).toBe(5);
  });

  it('evicts once for writes refused together: they join the eviction under way', async () => {
    const stored = await fill(400);
    disk.mustFree = 1;
    const writes = [1, 2, 3].map((n) => writeMakingRoom(db, () => db.threads.put({ key: `thread-${n}`, seenAt: NOW } as never)));
    const outcomes = await Promise.all(writes);
    // Each write was refused and made room, and one quarter of the posts went, not three quarters.
    expect(outcomes.map((outcome) => outcome.evicted)).toEqual([100, 100, 100]);
    expect(await db.posts.toCollection().primaryKeys()).toEqual(stored.slice(100).sort());
    expect(await db.threads.count()).toBe(3);
    // Once it is over, the next refusal evicts anew.
    disk.mustFree = 1;
    expect(await makeRoom(db)).toBe(75);
  });

  it('writes at once when there is room', async () => {
    await fill(5);
    expect(await writeMakingRoom(db, async () => 'done')).toEqual({ result: 'done', evicted: 0 });
  });
});
