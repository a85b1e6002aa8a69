import type { EarshotDatabase } from './database';

/** How many rows of each kind are stored: the popup shows these, the tests compare them. */
export interface StoredCounts {
  people: number;
  identities: number;
  posts: number;
  notes: number;
  threads: number;
  requestLog: number;
  jobs: number;
}

export async function storedCounts(db: EarshotDatabase): Promise<StoredCounts> {
  return db.transaction('r', [db.people, db.identities, db.posts, db.notes, db.threads, db.requestLog, db.jobs], async () => {
    const [people, identities, posts, notes, threads, requestLog, jobs] = await Promise.all([
      db.people.count(), db.identities.count(), db.posts.count(), db.notes.count(), db.threads.count(),
      db.requestLog.count(), db.jobs.count(),
    ]);
    return { people, identities, posts, notes, threads, requestLog, jobs };
  });
}

/** The user's own address in the newest conversation a mail tab reported (for "my domains"). */
export async function latestSelfAddress(db: EarshotDatabase): Promise<string | null> {
  const threads = await db.threads.orderBy('seenAt').reverse().limit(20).toArray();
  return threads.find((thread) => thread.self)?.self ?? null;
}
