import type { EarshotDatabase } from './database';

// When the browser refuses a write for lack of space, the oldest looked-up posts make room: they are
// the cheapest thing to lose (a source gives them back on the next lookup). Notes, people, identities
// (with the user's verdicts and the handles the user added) and the queue are never evicted.

/** The smallest number of posts an eviction removes, so a full database does not evict on every write. */
const MIN_EVICTED = 50;
/** The share of stored posts an eviction removes: the size the failed write needs is not known in rows. */
const EVICTED_SHARE = 0.25;

/** The browser still refused the write after the oldest posts were removed (or there were none to remove). */
export class StorageFullError extends Error {
  constructor(readonly evicted: number, options?: { cause?: unknown }) {
    super(evicted > 0 ? `storage is full, even after removing the ${evicted} oldest posts` : 'storage is full and holds no posts to remove', options);
    this.name = 'StorageFullError';
  }
}

interface MaybeWrapped {
  name?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
  failuresByPos?: unknown;
}

/**
 * Firefox, once a transaction of a connection was refused for lack of space, opens that connection's
 * next read-write transaction in a "cleanup" mode that may only delete (IDBDatabase::Transaction), and
 * refuses any add or put in it with this InvalidStateError. Whichever write of the background comes
 * next meets it, so it is the same lack of space, seen one write later.
 */
const FIREFOX_CLEANUP_REFUSAL = 'did not allow mutations';

/**
 * Whether a failed write was refused for lack of space. IndexedDB names it QuotaExceededError; Dexie
 * passes that on, or wraps it: an aborted transaction's `inner` error, a bulk write's `failures`.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const found = error as MaybeWrapped & { message?: unknown };
  // 22 is the legacy DOMException code a few engines still set alongside (or instead of) the name.
  if (found.name === 'QuotaExceededError' || (found.name === 'DOMException' && found.code === 22)) return true;
  if (found.name === 'InvalidStateError' && typeof found.message === 'string' && found.message.includes(FIREFOX_CLEANUP_REFUSAL)) return true;
  const wrapped = [found.inner, found.cause];
  if (Array.isArray(found.failures)) wrapped.push(...(found.failures as unknown[]));
  if (found.failuresByPos && typeof found.failuresByPos === 'object') wrapped.push(...Object.values(found.failuresByPos));
  return wrapped.some((inner) => isQuotaExceeded(inner, depth + 1));
}

/** Removes up to `count` posts, oldest fetched first; returns how many went. */
export async function evictOldestPosts(db: EarshotDatabase, count: number): Promise<number> {
  if (count <= 0) return 0;
  return db.transaction('rw', db.posts, async () => {
    const oldest = await db.posts.orderBy('fetchedAt').limit(count).primaryKeys();
    await db.posts.bulkDelete(oldest);
    return oldest.length;
  });
}

/** How many posts one eviction removes from a database holding `stored` posts. */
export function evictionSize(stored: number): number {
  return Math.min(stored, Math.max(MIN_EVICTED, Math.ceil(stored * EVICTED_SHARE)));
}

/** The eviction under way per database: writes refused together share it. */
const evicting = new WeakMap<EarshotDatabase, Promise<number>>();

/**
 * Removes one eviction's worth of the oldest posts (evictionSize of what is stored); returns how many
 * went. Writes refused together (the background runs several lookups at once, and a full disk refuses
 * them all) join the eviction under way instead of each removing another quarter of the posts.
 */
export function makeRoom(db: EarshotDatabase): Promise<number> {
  const running = evicting.get(db);
  if (running) return running;
  const eviction = (async () => evictOldestPosts(db, evictionSize(await db.posts.count())))()
    .finally(() => evicting.delete(db));
  evicting.set(db, eviction);
  return eviction;
}

export interface RoomyWrite<T> {
  result: T;
  /** Posts removed to make room for this write (0: it fitted). */
  evicted: number;
}

/**
 * Runs `write` (a whole transaction, not a step inside one: a refused write aborts its transaction).
 * Refused for lack of space, it evicts the oldest posts and runs once more. Throws StorageFullError if
 * that is still not enough; any other failure passes through unchanged.
 */
export async function writeMakingRoom<T>(db: EarshotDatabase, write: () => Promise<T>): Promise<RoomyWrite<T>> {
  try {
    return { result: await write(), evicted: 0 };
  } catch (error) {
    if (!isQuotaExceeded(error)) throw error;
    const evicted = await makeRoom(db);
    if (evicted === 0) throw new StorageFullError(0, { cause: error });
    try {
      return { result: await write(), evicted };
    } catch (again) {
      if (isQuotaExceeded(again)) throw new StorageFullError(evicted, { cause: again });
      throw again;
    }
  }
}

/** What the sidebar says after an eviction, next to the source whose posts needed the room. */
export function evictionNote(evicted: number): string {
  return `Storage was full: removed the ${evicted} oldest posts to make room`;
}
