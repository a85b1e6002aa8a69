import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { sourceHttp } from '../../../src/background/scheduler/http';
import { runJob } from '../../../src/background/scheduler/run-job';
import type { Scheduler } from '../../../src/background/scheduler/scheduler';
import { Scheduler as SchedulerNow } from '../../../src/background/scheduler/scheduler';
import { SOURCE_LIMITS } from '../../../src/background/scheduler/limits';
import { resolveJobsFor } from '../../../src/background/resolver';
import { blueskySource } from '../../../src/background/sources/bluesky';
import { ALL_SOURCES } from '../../../src/background/sources/registry';
import { EarshotDatabase } from '../../../src/db/database';
import { upsertPerson } from '../../../src/db/people';
import { parseSettings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { defaultRoutes } from '../../e2e/harness/routes/index';
import type { RouteHandler } from '../../e2e/harness/route-kit';
import { GRAVATAR_WORLD } from '../../e2e/harness/routes/gravatar';
import { MASTODON_WORLD } from '../../e2e/harness/routes/mastodon';

// The service worker stopped at every stage of a lookup, in Node: the real Scheduler, queue, database
// code and all seven sources, on fake-indexeddb, answered by the same fake APIs the end-to-end tests
// serve (test/e2e/harness/routes), for sources.e2e.ts's conversation (Wren, Dana, John).
//
// A worker is one fresh load of the background's modules (vi.resetModules: a new worker has none of
// the old one's memory, e.g. http.ts's map of requests in flight) with its own database connection.
// Stopping it does what the browser does to a terminated worker: its open transactions are aborted,
// and none of its code sees anything again (its fetches never answer, its database calls never
// settle, so whatever it would have done next never reaches the database). A second worker then starts
// on the same database the way main.ts starts (`resume()`), and must finish with exactly the rows of a
// lookup that was never stopped.
//
// The stop points are swept, not sampled: before the first job starts (queued), at each request the
// fault-free lookup sends (in flight), and at each database write it makes (inside its transaction,
// which then never commits). The clock is fixed, so the rows of a resumed lookup are compared whole
// with the fault-free ones, timestamps included.

const PEOPLE: Participant[] = [
  { name: GRAVATAR_WORLD.wren.name, email: GRAVATAR_WORLD.wren.email, roles: ['from'], messageCount: 1, isPerson: true },
  { name: 'Dana Whitfield', email: 'dana@cloud-blog.example', roles: ['from'], messageCount: 1, isPerson: true },
  { name: 'John Lennon', email: MASTODON_WORLD.sender, roles: ['from'], messageCount: 1, isPerson: true },
];
const SETTINGS = parseSettings({
  onboarded: true,
  sources: { bluesky: true, gravatar: true, mastodon: true, github: true, hackernews: true, wikidata: true, companySite: true },
});
const CLOCK = Date.parse('2026-11-22T10:00:00Z');

// ---- the network: the e2e fake APIs, called in-process ----

// As the fake server does: a later route module takes over a host an earlier one listed.
const ROUTES = new Map<string, RouteHandler>();
for (const module of defaultRoutes) for (const host of module.hosts) ROUTES.set(host, module.handle);

async function answer(url: string): Promise<Response> {
  const parsed = new URL(url);
  const handle = ROUTES.get(parsed.hostname);
  const routed = handle ? await handle({ method: 'GET', host: parsed.hostname, path: parsed.pathname, query: parsed.searchParams, headers: {}, body: '' }) : undefined;
  const { status, headers, body } = routed ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  return new Response(typeof body === 'string' ? body : body ? new Uint8Array(body) : null, { status, headers });
}

/** What a stopped worker's code waits on: nothing that will ever come. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

// ---- one worker ----

type StopAt =
  | { kind: 'never' }
  /** When the worker is about to mark its first job running: the whole lookup is queued, none started. */
  | { kind: 'queued' }
  /** When it sends its n-th request (1-based): that request is in flight. */
  | { kind: 'fetch'; n: number }
  /** When it asks for its n-th database write: inside that write's transaction, which never commits. */
  | { kind: 'write'; n: number };

interface Worker {
  db: EarshotDatabase;
  scheduler: Scheduler;
  /** Every URL this worker's fetch was asked for, in order. */
  sent: string[];
  /** `table:type` of each database write it asked for, in order. */
  writes: string[];
  stopped: boolean;
}

function marksRunning(request: DBCoreMutateRequest): boolean {
  if (request.type !== 'put') return false;
  const changes = request.updates?.changeSpecs ?? [];
  return [...request.values, ...changes].some((value) => (value as { state?: unknown } | undefined)?.state === 'running');
}

/**
 * The worker's database connection, stoppable: the stop aborts every transaction still open, and from
 * then on no call settles (nor does one that was pending: its answer would reach code that is gone).
 */
function stoppable(worker: Worker, stopAt: StopAt, armed: () => boolean): Middleware<DBCore> {
  const open = new Set<IDBTransaction>();
  const abort = (trans: DBCoreTransaction | IDBTransaction) => {
    try {
      (trans as IDBTransaction).abort();
    } catch {
      // Already finished: it committed before the stop, as it would have in the browser.
    }
  };
  const stop = () => {
    worker.stopped = true;
    for (const trans of open) abort(trans);
  };
  const guarded = <T>(trans: DBCoreTransaction, call: () => Promise<T>): Promise<T> => {
    if (worker.stopped) {
      abort(trans);
      return never();
    }
    return call().then((result) => (worker.stopped ? never<T>() : result), (error: unknown) => (worker.stopped ? never<T>() : Promise.reject(error)));
  };
  return {
    stack: 'dbcore',
    name: 'stoppable-worker',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const trans = down.transaction(stores, mode, options) as unknown as IDBTransaction;
        open.add(trans);
        for (const end of ['complete', 'abort', 'error']) trans.addEventListener(end, () => open.delete(trans));
        return trans as unknown as DBCoreTransaction;
      },
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          get: (request) => guarded(request.trans, () => table.get(request)),
          getMany: (request) => guarded(request.trans, () => table.getMany(request)),
          query: (request) => guarded(request.trans, () => table.query(request)),
          openCursor: (request) => guarded(request.trans, () => table.openCursor(request)),
          count: (request) => guarded(request.trans, () => table.count(request)),
          mutate: (request) => {
            if (armed() && !worker.stopped) {
              worker.writes.push(`${name}:${request.type}`);
              if (stopAt.kind === 'write' && worker.writes.length === stopAt.n) stop();
              if (stopAt.kind === 'queued' && name === 'jobs' && marksRunning(request)) stop();
            }
            return guarded(request.trans, () => table.mutate(request));
          },
        };
      },
    }),
  };
}

type WorkerModules = Awaited<ReturnType<typeof loadModules>>;

async function loadModules() {
  vi.resetModules();
  return {
    ...(await import('../../../src/db/database')),
    ...(await import('../../../src/background/scheduler/scheduler')),
    ...(await import('../../../src/background/sources/registry')),
    ...(await import('../../../src/db/people')),
    ...(await import('../../../src/background/resolver')),
    ...(await import('../../../src/background/scheduler/queue')),
  };
}

// One load at a time: two interleaved loads would share a module (and its memory) between two workers.
let loading: Promise<unknown> = Promise.resolve();
function freshModules(): Promise<WorkerModules> {
  const loaded = loading.then(loadModules);
  loading = loaded.catch(() => undefined);
  return loaded;
}

/**
 * Starts a worker on database `name`. `enqueueLookup`: first, as the thread/opened handler does, it
 * records the people and queues their lookups (not a stop point). The caller then calls `resume()`, as
 * main.ts does at every worker start.
 */
async function startWorker(name: string, stopAt: StopAt, enqueueLookup: boolean): Promise<Worker> {
  const { EarshotDatabase, Scheduler, ALL_SOURCES, upsertPerson, resolveJobsFor, enqueueJobs } = await freshModules();
  let armed = false;
  const worker = { sent: [] as string[], writes: [] as string[], stopped: false } as Worker;
  worker.db = new EarshotDatabase(name);
  worker.db.use(stoppable(worker, stopAt, () => armed));
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    if (worker.stopped) return never();
    worker.sent.push(String(input));
    if (stopAt.kind === 'fetch' && worker.sent.length === stopAt.n) worker.stopped = true;
    if (worker.stopped) return never();
    const response = await answer(String(input));
    return worker.stopped ? never() : response;
  };
  worker.scheduler = new Scheduler({
    db: worker.db, sources: ALL_SOURCES, fetch: fetchFake as typeof fetch, loadSettings: async () => SETTINGS,
    now: () => CLOCK, wakeAt: () => undefined, hasHostPermission: async () => true,
  });
  if (enqueueLookup) {
    for (const participant of PEOPLE) {
      const person = await upsertPerson(worker.db, participant, CLOCK);
      await enqueueJobs(worker.db, resolveJobsFor(person, ALL_SOURCES, SETTINGS, 0, CLOCK), CLOCK);
    }
  }
  armed = true;
  return worker;
}

/** Waits for the worker to run the queue dry; a queue that never empties fails with what is left. */
async function finished(worker: Worker): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void worker.db.jobs.toArray().then((jobs) => reject(new Error(`the queue never emptied: ${jobs.map((job) => `${job.key} ${job.state}`).join(', ')}`)));
    }, 60_000);
  });
  try {
    await Promise.race([worker.scheduler.idle(), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the worker has been stopped (its stop point reached). */
async function stopped(worker: Worker): Promise<void> {
  for (let turns = 0; !worker.stopped; turns += 1) {
    if (turns > 3_000) throw new Error('the stop point was never reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Rows {
  people: unknown[];
  identities: unknown[];
  posts: unknown[];
  jobs: unknown[];
}

async function rows(db: EarshotDatabase): Promise<Rows> {
  return {
    people: await db.people.toArray(),
    identities: await db.identities.toArray(),
    posts: await db.posts.toArray(),
    jobs: await db.jobs.toArray(),
  };
}

function counts(urls: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const url of urls) found.set(url, (found.get(url) ?? 0) + 1);
  return found;
}

// ---- the runs ----

let runs = 0;

interface Reference {
  rows: Rows;
  sent: string[];
  writes: string[];
}

/** The lookup never stopped: what every resumed one must end with. Computed once, shared by the cases. */
let reference: Promise<Reference> | undefined;
function faultFree(): Promise<Reference> {
  reference ??= (async () => {
    const worker = await startWorker(`stages-${(runs += 1)}`, { kind: 'never' }, true);
    void worker.scheduler.resume();
    await finished(worker);
    return { rows: await rows(worker.db), sent: worker.sent, writes: worker.writes };
  })();
  return reference;
}

interface Resumed {
  stopAt: StopAt;
  rows: Rows;
  /** What the stopped worker sent, then what the new one sent. */
  sentBefore: string[];
  sentAfter: string[];
  /** The queue as the new worker found it. */
  queueAtStop: { state: string }[];
}

async function stoppedAndResumed(stopAt: StopAt): Promise<Resumed> {
  const name = `stages-${(runs += 1)}`;
  const first = await startWorker(name, stopAt, true);
  void first.scheduler.resume();
  await stopped(first);
  const second = await startWorker(name, { kind: 'never' }, false);
  const queueAtStop = await second.db.jobs.toArray();
  void second.scheduler.resume();
  await finished(second);
  return { stopAt, rows: await rows(second.db), sentBefore: first.sent, sentAfter: second.sent, queueAtStop };
}

/**
 * Runs a stop at each point, two at a time: a run partly waits on fake-indexeddb's queued callbacks,
 * and each has its own database and its own workers, so they do not meet.
 */
async function sweep(points: readonly StopAt[], check: (resumed: Resumed) => Promise<void>): Promise<{ resent: number }> {
  const { sent } = await faultFree();
  let next = 0;
  let resent = 0;
  const lane = async () => {
    while (next < points.length) {
      const resumed = await stoppedAndResumed(points[next++]!);
      await check(resumed);
      resent += resumed.sentBefore.length + resumed.sentAfter.length - sent.length;
    }
  };
  await Promise.all([lane(), lane()]);
  return { resent };
}

const describeStop = (stopAt: StopAt, resumed: Resumed): string => (stopAt.kind === 'fetch'
  ? `stopped with request ${stopAt.n} in flight: ${resumed.sentBefore.at(-1)}`
  : JSON.stringify(stopAt));

/**
 * Nothing lost, nothing doubled, nothing stuck: the rows equal the fault-free ones, and no request was
 * sent more than twice as often as the fault-free lookup sent it (once by the stopped worker, whose
 * answer was lost with it, once by the new one).
 */
async function expectSameOutcome(resumed: Resumed): Promise<void> {
  const { rows: expected, sent: sentOnce } = await faultFree();
  const label = describeStop(resumed.stopAt, resumed);
  const byId = (items: unknown[]) => [...items].sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
  expect(resumed.rows.jobs, label).toEqual([]);
  expect(byId(resumed.rows.people), label).toEqual(byId(expected.people));
  expect(byId(resumed.rows.identities), label).toEqual(byId(expected.identities));
  expect(byId(resumed.rows.posts), label).toEqual(byId(expected.posts));
  const once = counts(sentOnce);
  const tooOften = [...counts([...resumed.sentBefore, ...resumed.sentAfter])]
    .filter(([url, count]) => count > 2 * (once.get(url) ?? 0)).map(([url, count]) => `${url} ×${count}`);
  expect(tooOften, label).toEqual([]);
}

/**
 * Every `STRIDE`-th stop point (all of them with WORKER_STAGES_STRIDE=1): each run is a whole lookup
 * on fake-indexeddb (about a second here), and both sweeps in full are some ninety runs. The
 * points left out are of the same kinds as the ones run (the sweep's order mixes sources and people).
 */
const STRIDE = Math.max(1, Number(process.env.WORKER_STAGES_STRIDE ?? 5));
const everyStride = <T>(points: readonly T[]): T[] => points.filter((_, index) => index % STRIDE === Math.min(1, STRIDE - 1));

/** For the summary line each case prints. */
function summary(stage: string, stops: number, resent: number): void {
  console.log(`WORKER STAGES (Node): ${stage}: ${stops} stops, ${resent} requests resent, 0 failures`);
}

describe('the background stopped at each stage of a lookup resumes with nothing lost or doubled', () => {
  it('queued: every job in the IndexedDB queue, none started', async () => {
    const { sent } = await faultFree();
    const resumed = await stoppedAndResumed({ kind: 'queued' });
    expect(resumed.sentBefore).toEqual([]);
    expect(resumed.queueAtStop.length).toBeGreaterThan(0);
    expect(resumed.queueAtStop.filter((job) => job.state !== 'queued')).toEqual([]);
    await expectSameOutcome(resumed);
    // Nothing was sent twice: the stopped worker had sent nothing.
    expect([...resumed.sentAfter].sort()).toEqual([...sent].sort());
    summary('queued', 1, 0);
  }, 60_000);

  it('fetching: stopped with each request of the lookup in flight, in turn', async () => {
    const { sent } = await faultFree();
    expect(sent.length).toBeGreaterThan(20);
    const points = everyStride(sent.map((_, index): StopAt => ({ kind: 'fetch', n: index + 1 })));
    const { resent } = await sweep(points, async (resumed) => {
      const label = describeStop(resumed.stopAt, resumed);
      // The job whose request was in flight was left marked running; the new worker ran it again.
      expect(resumed.queueAtStop.filter((job) => job.state === 'running').length, label).toBeGreaterThan(0);
      expect(resumed.sentAfter, label).toContain(resumed.sentBefore.at(-1));
      await expectSameOutcome(resumed);
    });
    summary('fetching', points.length, resent);
  }, 120_000);

  it('writing: stopped inside each write of what a source found, and before each finished job was removed', async () => {
    const { writes } = await faultFree();
    // A source's findings (identities, posts) and the removal of the job that found them: a stop inside
    // the first aborts their transaction; inside the second, the findings are stored and the job is run
    // again, so its writes must be idempotent.
    const all = writes.flatMap((write, index): StopAt[] => (/^(identities|posts):|^jobs:delete$/.test(write) ? [{ kind: 'write', n: index + 1 }] : []));
    expect(all.length).toBeGreaterThan(40);
    const points = everyStride(all);
    const { resent } = await sweep(points, expectSameOutcome);
    summary('writing', points.length, resent);
  }, 180_000);
});

describe('a job run again after its worker stopped', () => {
  it('queues the posts of the accounts it linked before the stop, not only of the ones it links anew', async () => {
    // Wren's Gravatar lists her GitHub, Bluesky and Mastodon accounts. A worker stopped after storing
    // them and before queuing their posts leaves exactly this database: the accounts, no activity jobs,
    // and the resolve job still in the queue, which the next worker runs again.
    const db = new EarshotDatabase(`stages-rerun-${(runs += 1)}`);
    const person = await upsertPerson(db, PEOPLE[0]!, CLOCK);
    const http = sourceHttp('gravatar', {
      db, loadSettings: async () => SETTINGS, fetch: ((input: RequestInfo | URL) => answer(String(input))) as typeof fetch,
      now: () => CLOCK, onRateLimited: () => undefined, hasHostPermission: async () => true,
    });
    const context = { db, sources: new Map(ALL_SOURCES.map((source) => [source.id, source])), http, settings: SETTINGS, now: () => CLOCK };
    const job = { id: 1, key: `gravatar:resolve:${person.id}`, source: 'gravatar', kind: 'resolve', personId: person.id, priority: 0, payload: {}, attempts: 0, notBefore: CLOCK, createdAt: CLOCK, state: 'running' } as const;
    await runJob({ ...job, payload: {} }, context);
    const queuedFirst = (await db.jobs.toArray()).map((queued) => queued.key).sort();
    expect(queuedFirst).toEqual([
      `bluesky:activity:${person.id}|bluesky:${GRAVATAR_WORLD.wren.bluesky}`,
      `github:activity:${person.id}|github:${GRAVATAR_WORLD.wren.github}`,
      `mastodon:activity:${person.id}|mastodon:${GRAVATAR_WORLD.wren.mastodon}`,
    ]);

    await db.jobs.clear();
    await runJob({ ...job, payload: {} }, context);
    expect((await db.jobs.toArray()).map((queued) => queued.key).sort()).toEqual(queuedFirst);
    db.close();
  }, 30_000);
});

describe('a queue whose jobs all wait', () => {
  it('asks for a wake-up alarm even when the wait is short, so a worker stopped meanwhile is started again', async () => {
    // Bluesky's window is full: its job waits for the next slot (a fraction of a second), with a timer.
    // A browser may stop the worker during that wait, timers and all; only an alarm starts it again.
    const db = new EarshotDatabase(`stages-waiting-${(runs += 1)}`);
    const { limit, windowMs } = SOURCE_LIMITS.bluesky;
    await db.requestLog.bulkAdd(Array.from({ length: limit }, () => ({
      at: CLOCK - windowMs / 2, source: 'bluesky' as const, host: 'public.api.bsky.app', path: '/', identifierKind: 'handle' as const, status: 200, durationMs: 0,
    })));
    const alarms: number[] = [];
    const sent: string[] = [];
    const scheduler = new SchedulerNow({
      db, sources: [blueskySource], loadSettings: async () => SETTINGS, now: () => CLOCK, hasHostPermission: async () => true,
      fetch: (async (input: RequestInfo | URL) => { sent.push(String(input)); return answer(String(input)); }) as typeof fetch,
      wakeAt: (at) => alarms.push(at),
    });
    const person = await upsertPerson(db, PEOPLE[1]!, CLOCK);
    await scheduler.enqueue(resolveJobsFor(person, [blueskySource], SETTINGS, 0, CLOCK));
    for (let turns = 0; alarms.length === 0 && turns < 200; turns += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([]);
    expect((await db.jobs.toArray()).map((job) => job.state)).toEqual(['queued']);
    expect(alarms).toHaveLength(1);
    // No later than Chrome's shortest alarm allows.
    expect(alarms[0]! - CLOCK).toBeLessThanOrEqual(30_000);
    await db.jobs.clear();
    await scheduler.idle();
    db.close();
  }, 30_000);
});
