import type { JobRecord, SourceId } from '../../shared/domain';
import { setLookupState } from '../../db/people';
import { countRequestsSince } from '../../db/request-log';
import type { Source } from '../sources/source';
import { InvalidResponseError } from '../sources/source';
import { isQuotaExceeded, makeRoom, writeMakingRoom } from '../../db/evict';
import { NotAllowedError, PermissionNeededError, RateLimitedError, TransientError } from './errors';
import { sourceHttp, type HttpDeps } from './http';
import { backoffMs, MAX_ATTEMPTS, SOURCE_LIMITS } from './limits';
import { enqueueJobs, queuedJobs, requeueInterrupted, type JobDraft } from './queue';
import { runJob } from './run-job';

// While jobs run, the worker asks to be woken this soon (Chrome's shortest alarm for a packed
// extension): a worker the browser stops mid-lookup is started again and resumes the queue.
const WATCHDOG_MS = 30_000;

export interface SchedulerDeps extends Omit<HttpDeps, 'onRateLimited' | 'blockedUntil'> {
  sources: readonly Source[];
  /** Asks to be woken at `at` even if the worker has been stopped by then (browser.alarms). */
  wakeAt: (at: number) => void;
}

/**
 * Owns every outbound request: picks the most urgent runnable job, keeps each source within its
 * concurrency and rate window, waits out 429s, and retries transient faults with backoff.
 */
export class Scheduler {
  private readonly running = new Map<number, Promise<void>>();
  private readonly runningPerSource = new Map<SourceId, number>();
  private readonly blockedUntil = new Map<SourceId, number>();
  private readonly sourcesById: ReadonlyMap<string, Source>;
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The wake-up alarm this worker asked for (0: none). */
  private alarmAt = 0;

  constructor(private readonly deps: SchedulerDeps) {
    this.sourcesById = new Map(deps.sources.map((source) => [source.id, source]));
  }

  async enqueue(drafts: JobDraft[]): Promise<number> {
    const added = await enqueueJobs(this.deps.db, drafts, this.deps.now());
    this.kick();
    return added;
  }

  /**
   * After a worker start (and on every alarm): what a stopped worker left running goes back to the
   * queue. Jobs this worker is running itself are left alone, so an alarm that fires while they run
   * does not start them twice.
   */
  async resume(): Promise<void> {
    await requeueInterrupted(this.deps.db, new Set(this.running.keys()));
    this.kick();
  }

  kick(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no job is queued or running (tests and the lookup tool wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.pumping) await this.pumping;
      if (this.running.size > 0) await Promise.race(this.running.values());
      else if (!this.pumping && (await this.deps.db.jobs.count()) === 0) return;
      else if (!this.pumping) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async pump(): Promise<void> {
    const { db, now } = this.deps;
    const jobs = await queuedJobs(db, 200);
    let soonest = Infinity;
    for (const job of jobs) {
      if (job.id === undefined || this.running.has(job.id)) continue;
      const startAt = await this.earliestStart(job);
      // A source at its concurrency limit is re-kicked when one of its jobs finishes.
      if (startAt === 'busy') continue;
      if (startAt > now()) {
        soonest = Math.min(soonest, startAt);
        continue;
      }
      this.start(job);
    }
    if (soonest !== Infinity) this.wakeLater(soonest);
  }

  private async earliestStart(job: JobRecord): Promise<number | 'busy'> {
    const limit = SOURCE_LIMITS[job.source];
    const now = this.deps.now();
    const inFlight = this.runningPerSource.get(job.source) ?? 0;
    if (inFlight >= limit.concurrency) return 'busy';
    let at = Math.max(job.notBefore, this.blockedUntil.get(job.source) ?? 0);
    const used = await countRequestsSince(this.deps.db, job.source, now - limit.windowMs);
    // Room for every request this job and the running ones may still make: counted per job started,
    // a job that makes three requests at 59 of 60 would end at 62.
    if (used + (inFlight + 1) * limit.requestsPerJob > limit.limit) {
      at = Math.max(at, now + limit.windowMs / limit.limit);
    }
    return at;
  }

  private wakeLater(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, at - this.deps.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
    // A worker stopped before the timer fires is woken by the alarm instead: at `at`, or for a short
    // wait (a rate window's next slot) by the watchdog, since the browser may stop a worker whose jobs
    // are all waiting, and then no timer of its fires.
    this.wakeNoLaterThan(Math.max(at, this.deps.now() + WATCHDOG_MS));
  }

  /** One alarm serves every reason to wake: it is moved only to make it earlier. */
  private wakeNoLaterThan(at: number): void {
    if (this.alarmAt > this.deps.now() && this.alarmAt <= at) return;
    this.alarmAt = at;
    this.deps.wakeAt(at);
  }

  private start(job: JobRecord): void {
    const id = job.id as number;
    this.wakeNoLaterThan(this.deps.now() + WATCHDOG_MS);
    this.runningPerSource.set(job.source, (this.runningPerSource.get(job.source) ?? 0) + 1);
    const work = this.execute(job).finally(() => {
      this.running.delete(id);
      this.runningPerSource.set(job.source, (this.runningPerSource.get(job.source) ?? 1) - 1);
      this.kick();
    });
    this.running.set(id, work);
  }

  private async execute(job: JobRecord): Promise<void> {
    const { db, now } = this.deps;
    const id = job.id as number;
    const http = sourceHttp(job.source, {
      ...this.deps,
      onRateLimited: (source, until) => this.blockedUntil.set(source, Math.max(until, this.blockedUntil.get(source) ?? 0)),
      blockedUntil: (source) => this.blockedUntil.get(source) ?? 0,
    }, job.attempts, this.sourcesById.get(job.source)?.needsHostPermission ?? false);
    try {
      await db.jobs.update(id, { state: 'running' });
      const settings = await this.deps.loadSettings();
      await runJob(job, { db, sources: this.sourcesById, http, settings, now });
      await db.jobs.delete(id);
    } catch (error) {
      // Its own writes (the queue, the lookup state) can be refused for lack of space too: room is made
      // and they run once more.
      await writeMakingRoom(db, () => this.handleFailure(job, error));
    }
  }

  private async handleFailure(job: JobRecord, error: unknown): Promise<void> {
    const { db, now } = this.deps;
    const id = job.id as number;
    const attempts = job.attempts + 1;
    if (error instanceof PermissionNeededError) {
      await db.jobs.delete(id);
      await setLookupState(db, job.personId, job.source, 'skipped', now(), `Earshot ${error.message}; grant it in the Earshot menu to use this source.`);
      return;
    }
    if (error instanceof NotAllowedError) {
      await db.jobs.delete(id);
      if (job.kind === 'resolve') await setLookupState(db, job.personId, job.source, 'skipped', now(), 'Switched off before the lookup ran.');
      return;
    }
    if (error instanceof RateLimitedError) {
      // Kept with the queue, not only in this worker's memory: a worker stopped during the wait must not
      // start the source's other jobs before the wait is over.
      await db.jobs.where('[state+priority+createdAt]')
        .between(['queued', -Infinity, -Infinity], ['queued', Infinity, Infinity])
        .filter((queued) => queued.source === job.source && queued.notBefore < error.retryAt)
        .modify({ notBefore: error.retryAt });
    }
    // A write the browser refused for lack of space, other than the identities and posts (which make
    // room themselves): the lookup state, the queue. The oldest posts make room, and the job runs again.
    const full = isQuotaExceeded(error);
    if (full) await makeRoom(db);
    const retryable = error instanceof RateLimitedError || error instanceof TransientError || full;
    if (retryable && attempts < MAX_ATTEMPTS) {
      const notBefore = error instanceof RateLimitedError ? error.retryAt : now() + backoffMs(attempts);
      await db.jobs.update(id, { state: 'queued', attempts, notBefore });
      const why = full ? 'storage was full' : (error as Error).message;
      if (job.kind === 'resolve') await setLookupState(db, job.personId, job.source, 'queued', now(), `Waiting to retry: ${why}.`);
      return;
    }
    await db.jobs.delete(id);
    const reason = error instanceof InvalidResponseError ? `Unexpected answer (${error.message})`
      : error instanceof Error ? error.message : String(error);
    await setLookupState(db, job.personId, job.source, 'error', now(), reason);
  }
}
