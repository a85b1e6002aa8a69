import { cmp, type IndexableType, type Table } from 'dexie';
import type { EarshotDatabase } from './database';

/**
 * Deletes the rows of `table` whose `index` is below `bound`, `chunkSize` rows per read-write
 * transaction, and returns how many went.
 *
 * Why chunks: IndexedDB runs one read-write transaction over a table at a time and every reader of that
 * table queues behind it, so one transaction deleting 100,000 posts kept the sidebar waiting for all of
 * it. Between chunks the queued readers run. Each chunk is committed on its own: a purge stopped midway
 * (the worker stopped, the browser closed) leaves only rows that are still below the bound, and the
 * next run deletes them.
 *
 * Why runs: Chromium pays about 0.2 ms for every delete request however small, but deletes a range of
 * neighbouring primary keys in one request at about a tenth of that per row (scripts/bench/database.ts).
 * Old rows tend to be neighbours: a post's key starts with its identity's, and an identity's posts were
 * fetched together. So every stretch of old rows with no other row between them in key order goes in
 * one range delete.
 *
 * The keys are read once, up front: reading each chunk's keys from the front of the index range again
 * walks over every entry already deleted (Chromium steps over them), which made every chunk slower than
 * the one before. A row written after that read (a source fetched the same post again, or a new post
 * whose key falls inside a stretch) has an index value above the newest one there was then, and is
 * spared. A row written below the bound meanwhile is not in the list: the caller's final pass takes it.
 */
export async function deleteBelowInChunks<T, K extends IndexableType>(
  db: EarshotDatabase,
  table: Table<T, K>,
  index: string,
  bound: number,
  chunkSize: number,
): Promise<number> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a positive integer, got ${chunkSize}`);
  const { runs, newest } = await db.transaction('r', table, async () => {
    const doomed = await table.where(index).below(bound).primaryKeys();
    if (doomed.length === 0) return { runs: [] as K[][], newest: undefined };
    return {
      runs: neighbourRuns(await table.toCollection().primaryKeys(), doomed),
      newest: (await table.orderBy(index).reverse().limit(1).keys())[0],
    };
  });
  let deleted = 0;
  for (const chunk of chunksOf(runs, chunkSize)) {
    deleted += await db.transaction('rw', table, async () => {
      const rewritten = newest === undefined ? [] : await writtenSince(table, index, newest);
      return deleteRuns(table, chunk, rewritten);
    });
  }
  return deleted;
}

/**
 * The keys of the rows whose index value is above `newest`. Not `where(index).above(newest)`: with an
 * open lower bound Chromium steps over every entry equal to `newest` first, and the rows of the latest
 * fetch all share it (150,000 in scripts/bench/database.ts: 0.12 to 0.21 s for every chunk of 500, as
 * long as deleting the chunk itself). Starting at the next number up is one seek (about 1 ms).
 */
async function writtenSince<T, K extends IndexableType>(table: Table<T, K>, index: string, newest: IndexableType): Promise<K[]> {
  if (typeof newest !== 'number' || !Number.isFinite(newest)) return table.where(index).above(newest).primaryKeys();
  return table.where(index).aboveOrEqual(nextNumberUp(newest)).primaryKeys();
}

/** The smallest double above a finite `value`. */
export function nextNumberUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, value);
  bits.setBigUint64(0, bits.getBigUint64(0) + (value > 0 ? 1n : -1n));
  return bits.getFloat64(0);
}

/** The doomed keys grouped into stretches of neighbours in key order (`all`: every key, ascending). */
export function neighbourRuns<K extends IndexableType>(all: readonly K[], doomed: readonly K[]): K[][] {
  const isDoomed = new Set(doomed.map(String));
  const runs: K[][] = [];
  let run: K[] = [];
  for (const key of all) {
    if (isDoomed.has(String(key))) {
      run.push(key);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Runs regrouped so that no chunk holds more than `size` rows; a longer run is split. */
export function chunksOf<K>(runs: readonly K[][], size: number): K[][][] {
  const chunks: K[][][] = [];
  let chunk: K[][] = [];
  let rows = 0;
  for (const run of runs) {
    for (let start = 0; start < run.length;) {
      const piece = run.slice(start, start + size - rows);
      chunk.push(piece);
      rows += piece.length;
      start += piece.length;
      if (rows === size) {
        chunks.push(chunk);
        chunk = [];
        rows = 0;
      }
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * Runs shorter than this go key by key: a range delete is two requests (Dexie counts the range first,
 * and Chromium opens cursors for both), so a run of two or three saves nothing.
 */
const SHORTEST_RANGE = 4;

/**
 * Deletes one chunk inside the caller's transaction: each long enough run as one range, unless a row
 * written since the keys were read lies inside it; the other keys, but the rewritten ones, one by one.
 */
async function deleteRuns<T, K extends IndexableType>(table: Table<T, K>, chunk: readonly K[][], rewritten: readonly K[]): Promise<number> {
  const spared = new Set(rewritten.map(String));
  const oneByOne: K[] = [];
  let deleted = 0;
  for (const run of chunk) {
    const first = run[0] as K;
    const last = run[run.length - 1] as K;
    const intruded = rewritten.some((key) => cmp(key, first) >= 0 && cmp(key, last) <= 0);
    if (run.length >= SHORTEST_RANGE && !intruded) {
      deleted += await table.where(':id').between(first, last, true, true).delete();
    } else {
      oneByOne.push(...run.filter((key) => !spared.has(String(key))));
    }
  }
  await table.bulkDelete(oneByOne);
  return deleted + oneByOne.length;
}
