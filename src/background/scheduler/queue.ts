import type { JobRecord } from '../../shared/domain';
import type { EarshotDatabase } from '../../db/database';

export type JobDraft = Pick<JobRecord, 'key' | 'source' | 'kind' | 'personId' | 'priority' | 'payload'>;

/**
 * The job queue lives in IndexedDB so a service worker the browser stops mid-lookup resumes where it
 * was. A key names identical work; enqueuing it again only raises its priority.
 */
export async function enqueueJobs(db: EarshotDatabase, drafts: JobDraft[], now: number): Promise<number> {
  let added = 0;
  await db.transaction('rw', db.jobs, async () => {
    for (const draft of drafts) {
      const existing = await db.jobs.where('key').equals(draft.key).first();
      if (existing) {
        if (draft.priority < existing.priority && existing.id !== undefined) {
          await db.jobs.update(existing.id, { priority: draft.priority });
        }
        continue;
      }
      await db.jobs.add({ ...draft, attempts: 0, notBefore: now, createdAt: now, state: 'queued' });
      added += 1;
    }
  });
  return added;
}

/** Queued jobs, most urgent first. */
export async function queuedJobs(db: EarshotDatabase, limit: number): Promise<JobRecord[]> {
  return db.jobs
    .where('[state+priority+createdAt]')
    .between(['queued', -Infinity, -Infinity], ['queued', Infinity, Infinity])
    .limit(limit)
    .toArray();
}

/**
 * Jobs a stopped worker left running go back to the queue; their writes are idempotent puts. `stillRunning`
 * names jobs the current worker is running itself: those were not interrupted.
 */
export async function requeueInterrupted(db: EarshotDatabase, stillRunning: ReadonlySet<number> = new Set()): Promise<number> {
  return db.jobs.where('[state+priority+createdAt]')
    .between(['running', -Infinity, -Infinity], ['running', Infinity, Infinity])
    .filter((job) => job.id === undefined || !stillRunning.has(job.id))
    .modify({ state: 'queued' });
}
