import type { IndexableType, Table } from 'dexie';
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
 * The keys are read once, up front: reading each chunk's keys from the front of the index range again
 * walks over every entry already deleted (Chromium steps over them), which made every chunk slower than
 * the one before. A row rewritten after that read (a source fetched the same post again) has an index
 * value above the newest one there was then, and is spared. A row written below the bound meanwhile is
 * not in the list: the caller's final pass takes it.
 */
export async function deleteBelowInChunks<T, K extends IndexableType>(
  db: EarshotDatabase,
  table: Table<T, K>,
  index: string,
  bound: number,
  chunkSize: number,
): Promise<number> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a positive integer, got ${chunkSize}`);
  const { keys, newest } = await db.transaction('r', table, async () => ({
    keys: await table.where(index).below(bound).primaryKeys(),
    newest: (await table.orderBy(index).reverse().limit(1).keys())[0],
  }));
  let deleted = 0;
  for (let start = 0; start < keys.length; start += chunkSize) {
    const chunk = keys.slice(start, start + chunkSize);
    deleted += await db.transaction('rw', table, async () => {
      const rewritten = newest === undefined ? [] : await table.where(index).above(newest).primaryKeys();
      const spared = new Set(rewritten.map(String));
      const doomed = spared.size === 0 ? chunk : chunk.filter((key) => !spared.has(String(key)));
      await table.bulkDelete(doomed);
      return doomed.length;
    });
  }
  return deleted;
}
