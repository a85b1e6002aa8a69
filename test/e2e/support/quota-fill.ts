// Fills the running background's database with old posts of a person nobody will look up, until the
// browser refuses a write for lack of space: the state a long-used Earshot reaches on a small disk.
// The rows are written straight into `earshot.context.db.posts` (the background's own Dexie), so no
// code of ours decides anything here; what is measured is what the browser allowed.

import type { Background } from './faults-background';

/** The person the filler posts belong to (no participant of any test conversation). */
export const FILLER_PERSON = 'filler@quota.example';

/** How the browser refused a write: Dexie's error name, and the browser's own error inside it. */
export interface Refusal {
  name: string;
  inner: string;
  message: string;
}

export interface FillResult {
  /** Filler rows stored when the browser refused the last and smallest batch. */
  rows: number;
  /** Every refusal met on the way, biggest batches first. */
  refusals: Refusal[];
}

interface FillBatch {
  /** Index of the batch's first row: orders the rows by age. */
  first: number;
  count: number;
  /** Milliseconds since the epoch of the oldest row; row i is `oldest + i` seconds. */
  oldest: number;
}

type BatchOutcome = { ok: true } | { ok: false; refusal: Refusal };

/** Writes one batch of filler posts in one transaction; a refusal is returned, not thrown. */
async function writeBatch(background: Background, batch: FillBatch): Promise<BatchOutcome> {
  return background.run(async (scope, { first, count, oldest, person }) => {
    interface PostsTable { bulkPut(rows: unknown[]): Promise<unknown> }
    const db = (scope.earshot as { context: { db: { posts: PostsTable; transaction(mode: string, table: unknown, body: () => Promise<unknown>): Promise<unknown> } } }).context.db;
    // Words and numbers in no pattern: Firefox compresses what it stores, and repeated text would
    // take far less room than the posts a person really reads.
    const words = ['harbour', 'quarterly', 'forecast', 'lantern', 'supplier', 'onboarding', 'cobalt', 'meadow', 'procurement', 'granite',
      'thistle', 'analytics', 'saffron', 'roadmap', 'willow', 'latency', 'ember', 'invoice', 'orbit', 'migration', 'Lisbon', 'kernel'];
    const rows: Record<string, unknown>[] = [];
    for (let offset = 0; offset < count; offset += 1) {
      const index = first + offset;
      const length = 2_048 + ((index * 997) % 2_048);
      let text = '';
      while (text.length < length) {
        text += `${words[Math.floor(Math.random() * words.length)]} ${Math.random().toString(36).slice(2, 2 + (index % 5) + 2)}${Math.random() < 0.12 ? '. ' : ' '}`;
      }
      const at = oldest + index * 1_000;
      rows.push({
        id: `${person}|bluesky:filler.example|bluesky:${index}`,
        personId: person,
        identityId: `${person}|bluesky:filler.example`,
        network: 'bluesky',
        url: `https://bsky.app/profile/filler.example/post/${index}`,
        text: text.slice(0, length),
        createdAt: at - 3_600_000,
        fetchedAt: at,
        kind: 'post',
      });
    }
    try {
      await db.transaction('rw', db.posts, () => db.posts.bulkPut(rows));
      return { ok: true as const };
    } catch (error) {
      const found = error as { name?: string; message?: string; inner?: { name?: string } };
      return { ok: false as const, refusal: { name: String(found.name), inner: String(found.inner?.name ?? ''), message: String(found.message).slice(0, 200) } };
    }
  }, { ...batch, person: FILLER_PERSON });
}

/**
 * Firefox lets the first read-write transaction after a refused one only delete (its "cleanup" mode,
 * IDBDatabase::Transaction); opening one here, empty, leaves the database as a browser restart would:
 * full, with nothing pending. In Chromium it is an empty transaction and changes nothing.
 */
async function settleAfterRefusal(background: Background): Promise<void> {
  await background.run(async (scope) => {
    interface Table { where(index: string): { equals(value: string): { delete(): Promise<number> } } }
    const db = (scope.earshot as { context: { db: { posts: Table; transaction(mode: string, table: unknown, body: () => Promise<unknown>): Promise<unknown> } } }).context.db;
    await db.transaction('rw', db.posts, () => db.posts.where('id').equals('\u0000no such post').delete());
  }, null);
}

/**
 * Writes batches of each size in turn, each size until the browser refuses one, so the database ends
 * within one post of full. `maxRows` bounds the run should the browser never refuse.
 */
export async function fillUntilRefused(background: Background, options: { batchSizes: number[]; oldest: number; maxRows: number }): Promise<FillResult> {
  let rows = 0;
  const refusals: Refusal[] = [];
  for (const count of options.batchSizes) {
    for (;;) {
      if (rows + count > options.maxRows) throw new Error(`the browser stored ${rows} filler posts without refusing one (quota too large?)`);
      const outcome = await writeBatch(background, { first: rows, count, oldest: options.oldest });
      if (outcome.ok) {
        rows += count;
        continue;
      }
      refusals.push(outcome.refusal);
      await settleAfterRefusal(background);
      break;
    }
  }
  return { rows, refusals };
}

/** The filler posts still stored, oldest first, by their index. */
export async function fillerLeft(background: Background): Promise<number[]> {
  return background.run(async (scope, person) => {
    interface Table { where(index: string): { equals(value: string): { primaryKeys(): Promise<string[]> } } }
    const db = (scope.earshot as { context: { db: { posts: Table } } }).context.db;
    const keys = await db.posts.where('personId').equals(person).primaryKeys();
    return keys.map((key) => Number(key.slice(key.lastIndexOf(':') + 1))).sort((a, b) => a - b);
  }, FILLER_PERSON);
}
