import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { storedCounts } from '../../../src/db/counts';
import type { Scheduler } from '../../../src/background/scheduler/scheduler';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { eraseEverything } = await import('../../../src/background/data/erase');

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`erase-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('erase everything', () => {
  it('clears settings first, lets requests on the wire land, then empties every table and storage again', async () => {
    await db.people.put({ id: 'a@b.com', email: 'a@b.com', name: 'A', domain: 'b.com', firstSeenAt: 1, lastSeenAt: 1, lookups: {} });
    await db.notes.put({ personId: 'a@b.com', text: 'n', updatedAt: 1 });
    await db.jobs.add({ key: 'k', source: 'bluesky', kind: 'resolve', personId: 'a@b.com', priority: 0, payload: {}, attempts: 0, notBefore: 0, createdAt: 0, state: 'running' });
    const steps: string[] = [];
    // A request already on the wire finishes after the erase began and writes what it found.
    const scheduler = {
      idle: async () => {
        steps.push(`idle (jobs ${await db.jobs.count()})`);
        await db.posts.put({ id: 'late', personId: 'a@b.com', identityId: 'i', network: 'bluesky', url: 'u', text: 't', createdAt: 1, fetchedAt: 1, kind: 'post' });
      },
    } as unknown as Scheduler;
    const clearStorage = async () => {
      steps.push('storage cleared');
    };
    await eraseEverything({ db, scheduler }, clearStorage);
    expect(steps).toEqual(['storage cleared', 'idle (jobs 0)', 'storage cleared']);
    expect(await storedCounts(db)).toEqual({ people: 0, identities: 0, posts: 0, notes: 0, threads: 0, requestLog: 0, jobs: 0 });
    // The database is still open and usable.
    await db.people.put({ id: 'c@d.com', email: 'c@d.com', name: 'C', domain: 'd.com', firstSeenAt: 1, lastSeenAt: 1, lookups: {} });
    expect(await db.people.count()).toBe(1);
  });
});
