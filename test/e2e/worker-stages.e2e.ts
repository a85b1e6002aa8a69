// The service worker stopped at each stage of a lookup, end to end in Chromium with the BUILT extension
// (issue #7): with every job queued and none started, with requests in flight, and right after the
// server finished sending an answer (before or while it is written). Each time the worker is stopped
// the way Chromium stops an idle worker (support/stages-worker.ts), nothing on the page is touched
// afterwards, and the scheduler's wake-up alarm starts a new worker, which resumes the queue from
// IndexedDB. The lookup must then end with exactly the identities and posts of a lookup that was never
// stopped, no request sent more than twice (once by the stopped worker, whose answer died with it, once
// by the new one), and no uncaught error in either worker.
//
// Firefox is not run: it has no command that stops an event page. It suspends one only when
// `extensions.background.idle.timeout` passes without an extension event (sources.e2e.ts uses that for
// one stop "some time" into a lookup); the moment is the idle timer's, not the test's, so a stage
// (queued, in flight, between an answer and its write) cannot be chosen.
//
// The conversation is sources.e2e.ts's (support/faults-world.ts). One summary line is printed.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_LIMITS } from '../../src/background/scheduler/limits';
import { startFakeServer, type FakeServer, type RecordedRequest, type RouteHandler } from './harness/fake-server';
import { defaultRoutes } from './harness/routes/index';
import { eventually, sidebarFrame, texts } from './support/extension';
import { Background, type BackgroundSnapshot } from './support/faults-background';
import { backgroundRequests, hostPath, stuckJobs, unsettledLookups } from './support/faults-checks';
import { launchForFaults, setUpAllSources, type FaultBrowser } from './support/faults-setup';
import { ALL_SOURCE_IDS, faultEntries, THREAD_URL } from './support/faults-world';
import { fillRateWindows, newWorker, rateWindowCounts, stopWorker, stopWorkerNow } from './support/stages-worker';

const PAGES = resolve(import.meta.dirname, '../fixtures/mail/e2e');
// The watchdog alarm is 30 s after the first job starts (Chromium's shortest alarm for a packed
// extension); the new worker then needs the rest of the lookup.
const RESTART_MS = 45_000;

let server: FakeServer;
let workDir: string;
let ext: FaultBrowser | undefined;
let background: Background;
let baseline: BackgroundSnapshot;
let baselineCounts = new Map<string, number>();

const tally = { stages: [] as string[], resent: 0, failures: 0, failed: [] as string[] };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'earshot-stages-'));
  server = await startFakeServer({ port: 443 });
  server.setStatic('mail.google.com', { dir: PAGES, fallbacks: { '/mail/u/0/': 'gmail-sources-people.html' } });
  ext = await launchForFaults('chromium', server.port, { workDir });
  await setUpAllSources(ext);
  background = new Background(ext);
  await background.trapErrors();
});
afterAll(async () => {
  console.log(`WORKER STAGES SUMMARY (chromium): stages tried ${tally.stages.length} (${tally.stages.join(', ')}); requests resent ${tally.resent}; failures ${tally.failures}${tally.failed.length ? ` (${tally.failed.join('; ')})` : ''}`);
  await background?.close();
  await ext?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function stage(name: string, body: () => Promise<void>): Promise<void> {
  tally.stages.push(name);
  try {
    await body();
  } catch (error) {
    tally.failures += 1;
    tally.failed.push(name);
    throw error;
  }
}

async function trapFrameErrors(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const scope = globalThis as { earshotTestErrors?: string[] };
    if (scope.earshotTestErrors) return;
    const errors: string[] = [];
    scope.earshotTestErrors = errors;
    addEventListener('error', (event) => errors.push(`error: ${event.message}`));
    addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${String(event.reason)}`));
  });
}

const frameErrors = (frame: Frame): Promise<string[]> => frame.evaluate(() => [...((globalThis as { earshotTestErrors?: string[] }).earshotTestErrors ?? [])]);

async function openConversation(): Promise<{ page: Page; frame: Frame }> {
  const page = await ext!.browser.newPage();
  await page.bringToFront();
  await page.goto(THREAD_URL);
  const frame = await sidebarFrame(page, ext!.origin);
  await trapFrameErrors(frame);
  await eventually(() => texts(frame, '.participant .name'), (names) => names.length === 3);
  return { page, frame };
}

/** Waits until the queue is empty and no request arrived for a while. */
async function settled(timeoutMs = 60_000, quietMs = 1_500): Promise<BackgroundSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await background.snapshot();
    const last = server.requests.at(-1)?.at ?? 0;
    if (snapshot.jobs.length === 0 && Date.now() - last >= quietMs) return snapshot;
    if (Date.now() > deadline) throw new Error(`did not settle: ${stuckJobs(snapshot).join(', ')}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

const lookupRequests = (): RecordedRequest[] => backgroundRequests(server.requests);

function countsOf(requests: readonly { host: string; path: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(hostPath(request), (counts.get(hostPath(request)) ?? 0) + 1);
  return counts;
}

/**
 * What every stage ends with: the fault-free rows, every lookup settled, and no request sent more often
 * than `bound` times the fault-free lookup sent it. Returns how many requests were sent again.
 */
async function expectResumedLikeBaseline(frame: Frame, stoppedErrors: string[], bound: number): Promise<number> {
  const after = await settled();
  expect(after.identities.map((identity) => identity.id).sort()).toEqual(baseline.identities.map((identity) => identity.id).sort());
  expect(after.posts.map((post) => post.id).sort()).toEqual(baseline.posts.map((post) => post.id).sort());
  expect(unsettledLookups(after, ALL_SOURCE_IDS)).toEqual([]);
  const sent = countsOf(lookupRequests());
  const tooOften = [...sent].filter(([key, count]) => count > bound * (baselineCounts.get(key) ?? 0)).map(([key, count]) => `${key} ×${count}, fault-free ×${baselineCounts.get(key) ?? 0}`);
  expect(tooOften).toEqual([]);
  expect(stoppedErrors).toEqual([]);
  expect(after.errors).toEqual([]);
  expect(await frameErrors(frame)).toEqual([]);
  return lookupRequests().length - baseline.log.length;
}

/** A fresh start for a stage: emptied database, clean request record, the new worker's error trap. */
async function fresh(): Promise<void> {
  await background.wipe();
  server.reset();
}

describe('the service worker stopped at each stage of a lookup (chromium)', () => {
  it('looks the conversation up without a stop (the reference)', async () => {
    await stage('fault-free', async () => {
      await fresh();
      const { page, frame } = await openConversation();
      baseline = await settled();
      expect(baseline.posts.length).toBeGreaterThan(0);
      expect(unsettledLookups(baseline, ALL_SOURCE_IDS)).toEqual([]);
      expect(baseline.errors).toEqual([]);
      expect(await frameErrors(frame)).toEqual([]);
      baselineCounts = countsOf(baseline.log);
      console.log(`chromium: fault-free lookup: ${baseline.log.length} requests, ${baseline.identities.length} identities, ${baseline.posts.length} posts`);
      await page.close();
    });
  });

  it('queued: every job waiting in the IndexedDB queue, none started', async () => {
    await stage('queued', async () => {
      await fresh();
      // Every source's rate window is full for the next 12 s: the lookup's jobs are queued and wait.
      await fillRateWindows(background, SOURCE_LIMITS, 12_000);
      const { page, frame } = await openConversation();
      // All three people's jobs: the handler queues them person by person, and a stop before the last
      // would lose the rest of the message, not a queued job.
      const waiting = await eventually(() => background.snapshot(), (snapshot) => new Set(snapshot.jobs.map((job) => job.personId)).size === 3);
      const started = waiting.jobs.filter((job) => job.state !== 'queued');
      // Should a job start, say what the scheduler saw: the rate window it was admitted against.
      const windows = started.length === 0 ? '' : await rateWindowCounts(background, SOURCE_LIMITS);
      expect(started, `jobs started with the windows full (requests counted in each window: ${windows})`).toEqual([]);
      expect(lookupRequests()).toEqual([]);
      const stopped = await stopWorker(ext!, background);
      const restartedAt = await newWorker(background, RESTART_MS);
      await background.trapErrors();
      // The stopped worker had sent nothing (checked above), so nothing can have been sent twice because
      // of the stop. How often the new worker asks each path is held to the bound every stage has, not
      // to the fault-free count: jobs that all start together when the window opens find less in each
      // other's cache than jobs started one after another (two people's Bluesky candidates asked in two
      // getProfiles instead of one), so that count depends on timing, not on the stop.
      const resent = await expectResumedLikeBaseline(frame, stopped.errors, 2);
      tally.resent += Math.max(0, resent);
      console.log(`chromium: queued: ${waiting.jobs.length} jobs queued at the stop; a new worker ${restartedAt - stopped.at} ms later; ${resent} requests beyond the fault-free lookup`);
      await page.close();
    });
  }, 120_000);

  it('fetching: requests in flight when the worker stops', async () => {
    await stage('fetching', async () => {
      await fresh();
      // Every API answers after 4 s: whatever the lookup sends first is still open when the worker stops.
      for (const [target, fault] of faultEntries(ALL_SOURCE_IDS, { kind: 'delay', ms: 4_000 })) server.setFault(target, fault);
      const { page, frame } = await openConversation();
      const open = () => lookupRequests().filter((request) => request.finishedAt === undefined);
      await eventually(async () => open().length, (count) => count >= 4);
      const inFlight = open().map(hostPath);
      const stopped = await stopWorker(ext!, background);
      for (const [target] of faultEntries(ALL_SOURCE_IDS, null)) server.setFault(target, null);
      const restartedAt = await newWorker(background, RESTART_MS);
      await background.trapErrors();
      const resent = await expectResumedLikeBaseline(frame, stopped.errors, 2);
      // Each request that was in flight was sent again by the new worker.
      const sentAfter = countsOf(lookupRequests().filter((request) => request.at > stopped.at));
      expect(inFlight.filter((key) => !sentAfter.has(key))).toEqual([]);
      tally.resent += resent;
      console.log(`chromium: fetching: ${inFlight.length} requests in flight at the stop; a new worker ${restartedAt - stopped.at} ms later; ${resent} requests sent again`);
      await page.close();
    });
  }, 120_000);

  it('writing: stopped the moment the server finished sending a feed, before or while it is stored', async () => {
    await stage('writing', async () => {
      await fresh();
      // The first Bluesky feed answer: the fake API's own answer, and the stop asked for as soon as its
      // last byte is handed to the socket. What the worker managed before the stop is read afterwards.
      const FEED = '/xrpc/app.bsky.feed.getAuthorFeed';
      const routes = new Map<string, RouteHandler>();
      for (const module of defaultRoutes) for (const host of module.hosts) routes.set(host, module.handle);
      const bluesky = routes.get('public.api.bsky.app')!;
      let stopAt: Promise<number> | undefined;
      let answeredAt = 0;
      server.setRoute('public.api.bsky.app', async (request) => {
        const response = await bluesky(request);
        if (request.path === FEED && !stopAt) {
          stopAt = new Promise((done) => {
            setImmediate(() => {
              answeredAt = Date.now();
              void stopWorkerNow(ext!).then(done);
            });
          });
        }
        return response;
      });
      try {
        const { page, frame } = await openConversation();
        await eventually(async () => stopAt !== undefined, (asked) => asked, 30_000);
        const stoppedAt = await stopAt!;
        const feed = lookupRequests().find((request) => request.path === FEED)!;
        const atStop = await storedAtStop(FEED);
        server.setRoute('public.api.bsky.app', bluesky);
        const restartedAt = await newWorker(background, RESTART_MS);
        await background.trapErrors();
        const resent = await expectResumedLikeBaseline(frame, [], 2);
        tally.resent += resent;
        console.log(`chromium: writing: answer finished at the server ${feed.finishedAt! - feed.at} ms after the request; stop asked ${answeredAt - feed.finishedAt!} ms after that, done ${stoppedAt - feed.finishedAt!} ms after; at the stop the worker had ${atStop.logged ? 'read the answer (audit entry written)' : 'not yet read the answer'}, stored ${atStop.blueskyPosts} Bluesky posts, ${atStop.blueskyActivityJobs} Bluesky feed jobs left; a new worker ${restartedAt - stoppedAt} ms later; ${resent} requests sent again`);
        await page.close();
      } finally {
        server.setRoute('public.api.bsky.app', bluesky);
      }
    });
  }, 120_000);
});

/**
 * What the database held when the worker stopped, read from an extension page without waking the worker
 * (the page opens IndexedDB itself and sends no message): whether the answer's audit entry was written,
 * how many Bluesky posts were stored, how many Bluesky feed jobs were left in the queue.
 */
async function storedAtStop(feedPath: string): Promise<{ logged: boolean; blueskyPosts: number; blueskyActivityJobs: number }> {
  const page = await ext!.browser.newPage();
  try {
    await page.goto(`${ext!.origin}/manifest.json`);
    return await page.evaluate(async (path) => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open('earshot');
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const all = <T>(store: string) => new Promise<T[]>((done, fail) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => done(request.result as T[]);
        request.onerror = () => fail(request.error);
      });
      const log = await all<{ path: string }>('requestLog');
      const posts = await all<{ identityId: string }>('posts');
      const jobs = await all<{ key: string }>('jobs');
      db.close();
      return {
        logged: log.some((entry) => entry.path === path),
        blueskyPosts: posts.filter((post) => post.identityId.includes('|bluesky:')).length,
        blueskyActivityJobs: jobs.filter((job) => job.key.startsWith('bluesky:activity:')).length,
      };
    }, feedPath);
  } finally {
    await page.close();
  }
}
