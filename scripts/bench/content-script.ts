// Content script: what Earshot costs the mail page it runs in, in real Chromium.
//
// - readThread: the adapter code of the extension (src/content/adapters, bundled as scripts/build.ts
//   bundles content.js) evaluated in the 40-message Gmail replica, timed inside the page with
//   performance.now() (cross-origin isolated, so the clock has 5 µs steps), many runs in a row.
// - Watcher: the ThreadWatcher and adapter bundled the same way and started on the page as main.ts
//   starts them, with its probe timing each MutationObserver callback and each debounced read. The page
//   is then driven as Gmail and Outlook drive theirs: views' style flipped on navigation, messages added
//   to and removed from the open conversation's list, unrelated changes elsewhere (the body, the message
//   bodies), Outlook rows opened with history.pushState.
// - Main thread: the same scripted session (load, then 20 navigations, then quiet until the watcher's
//   start-up re-reads are over) in Chromium with the built extension and in Chromium without it,
//   alternately, several rounds; DevTools protocol Performance.getMetrics in thread time (TaskDuration:
//   all work of the page's renderer main thread; ScriptDuration: JavaScript). The sidebar frame is
//   another site (chrome-extension://), so Chromium runs it in its own process: not the page's time.
// - Heap: Runtime.getHeapUsage of the page's renderer after a forced GC at the end of the same sessions,
//   with minus without: the content script's isolated world (its code, the adapter, the dock's objects).
//
// Prints the table and writes it, with the raw figures, to artifacts/bench-content.json.
// Run: `npm run build`, then `npx tsx scripts/bench/content-script.ts` (uses a free port, not 443).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startFakeServer, type FakeServer } from '../../test/e2e/harness/fake-server';
import { BUNDLE_GLOBAL, ROOT, bundleReader, bundleWatcher } from './lib/content-bundle';
import { launchExtension, sleep } from './lib/extension';
import {
  GMAIL_FORTY_ISOLATED_URL,
  GMAIL_FORTY_URL,
  OUTLOOK_NAV_ISOLATED_URL,
  OUTLOOK_NAV_URL,
  OUTLOOK_ROWS,
  largestOutlookReplica,
  launchPlainChromium,
  servePages,
} from './lib/pages';
import { isMain, median, percentile, row, runAlone, type BenchResult, type BenchRow } from './lib/report';

const READ_RUNS = Number(process.env.BENCH_READ_RUNS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const NAVIGATIONS = 20;
/** Past the watcher's last start-up re-read (6.4 s after start), so every session ends quiet. */
const SESSION_MS = 7_500;

const TARGETS = { readP95: 2, batchP95: 0.2, addedMainThread: 3, heapMB: 2 };

type Bench = typeof globalThis & Record<string, { readPage(href: string): unknown; timeReads(href: string, n: number): number[]; startWatcher(): WatcherTimes }>;
interface WatcherTimes {
  batches: number[];
  reads: number[];
  results: string[];
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1600, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * tsx compiles this file keeping function names, which wraps the inner functions of the callbacks below
 * in `__name(…)`; the page has no such helper, so it gets a do-nothing one (a string: not compiled).
 */
async function allowNamedFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

// ---------------------------------------------------------------------------------------------------
// readThread

async function timeReadThread(browser: Browser, reader: string, url: string, runs: number): Promise<{ times: number[]; first: number; isolated: boolean; kind: string }> {
  const page = await openPage(browser, url);
  try {
    await page.evaluate(reader);
    const { kind, first } = await page.evaluate((name, href) => {
      const start = performance.now();
      const result = (globalThis as Bench)[name]!.readPage(href);
      return { first: performance.now() - start, kind: JSON.stringify(result).slice(0, 20) };
    }, BUNDLE_GLOBAL, url);
    const all = await page.evaluate((name, href, n) => (globalThis as Bench)[name]!.timeReads(href, n), BUNDLE_GLOBAL, url, runs + 50);
    const isolated = await page.evaluate(() => crossOriginIsolated);
    // The first read walks every message body; later reads of the unchanged page reuse those walks, as
    // the watcher's re-reads of an open conversation do. Both are reported.
    return { times: all.slice(50), first, isolated, kind };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Watcher

interface WatcherRun {
  /** Observer callbacks per phase, and how long each took. */
  phases: Array<{ name: string; mutations: number; batches: number[]; reads: number[] }>;
  results: string[];
}

async function gmailWatcher(browser: Browser, bundle: string): Promise<WatcherRun> {
  const page = await openPage(browser, GMAIL_FORTY_ISOLATED_URL);
  try {
    await page.evaluate(bundle);
    await allowNamedFunctions(page);
    return await page.evaluate(async (name) => {
      const wait = (msToWait: number) => new Promise((resolveWait) => setTimeout(resolveWait, msToWait));
      // Gmail keeps the inbox list as a sibling view of the conversation; the replica has only the
      // conversation, so the list view is added first, hidden, as Gmail leaves it.
      const container = document.querySelector('div.aeF > div.nH')!;
      const conversationView = container.firstElementChild as HTMLElement;
      const inboxView = document.createElement('div');
      inboxView.className = 'BltHke nH oy8Mbf';
      inboxView.setAttribute('role', 'main');
      inboxView.style.display = 'none';
      inboxView.innerHTML = '<div class="nH"><table class="F cf zt"><tbody>' +
        Array.from({ length: 50 }, (_, i) => `<tr class="zA yO"><td class="yX xY"><span class="yP" email="p${i}@example.com" name="Person ${i}">Person ${i}</span></td><td class="xY a4W">Subject ${i}</td></tr>`).join('') +
        '</tbody></table></div>';
      container.append(inboxView);
      const threadHash = location.hash;

      const times = (globalThis as Bench)[name]!.startWatcher();
      const phases: WatcherRun['phases'] = [];
      const phase = async (label: string, mutations: number, step: (i: number) => void, gapMs: number, pauseEvery: number, pauseMs: number) => {
        const batchesBefore = times.batches.length;
        const readsBefore = times.reads.length;
        for (let i = 0; i < mutations; i += 1) {
          step(i);
          await wait(gapMs);
          if ((i + 1) % pauseEvery === 0) await wait(pauseMs);
        }
        await wait(200);
        phases.push({ name: label, mutations, batches: times.batches.slice(batchesBefore), reads: times.reads.slice(readsBefore) });
      };

      // A reply arriving and going again: a child of the open conversation's message list, 120 times.
      const list = document.querySelector('.nH.hx')!;
      const model = list.lastElementChild!;
      let added: Element | null = null;
      await phase('message list: message added / removed', 120, () => {
        if (added) {
          added.remove();
          added = null;
        } else {
          added = model.cloneNode(true) as Element;
          list.append(added);
        }
      }, 0, 20, 200);

      // Changes that never concern the conversation: the body, the navigation, inside message bodies.
      const nav = document.querySelector('[role=navigation]') ?? document.body;
      const bodies = Array.from(document.querySelectorAll('.a3s'));
      await phase('elsewhere: body, navigation, inside message bodies', 120, (i) => {
        if (i % 3 === 0) document.body.append(document.createElement('div'));
        else if (i % 3 === 1) nav.setAttribute('data-bench', String(i));
        else bodies[i % bodies.length]?.append(document.createElement('span'));
      }, 0, 1_000, 0);

      // Navigation as Gmail does it: the hash, then the style of the two views.
      await phase('navigation: hash + view style flip', 2 * 20, (i) => {
        const toInbox = i % 2 === 0;
        location.hash = toInbox ? '#inbox' : threadHash;
        conversationView.style.display = toInbox ? 'none' : '';
        inboxView.style.display = toInbox ? '' : 'none';
      }, 200, 1_000, 0);

      return { phases, results: times.results };
    }, BUNDLE_GLOBAL);
  } finally {
    await page.close();
  }
}

async function outlookWatcher(browser: Browser, bundle: string): Promise<WatcherRun> {
  const page = await openPage(browser, OUTLOOK_NAV_ISOLATED_URL);
  try {
    await page.evaluate(bundle);
    await allowNamedFunctions(page);
    return await page.evaluate(async (name, rows) => {
      const wait = (msToWait: number) => new Promise((resolveWait) => setTimeout(resolveWait, msToWait));
      const times = (globalThis as Bench)[name]!.startWatcher();
      const phases: WatcherRun['phases'] = [];
      const phase = async (label: string, mutations: number, step: (i: number) => void, gapMs: number) => {
        const batchesBefore = times.batches.length;
        const readsBefore = times.reads.length;
        for (let i = 0; i < mutations; i += 1) {
          step(i);
          await wait(gapMs);
        }
        await wait(200);
        phases.push({ name: label, mutations, batches: times.batches.slice(batchesBefore), reads: times.reads.slice(readsBefore) });
      };
      // Rows opened by click: history.pushState, aria-selected, the reading pane re-rendered.
      await phase('rows opened (pushState, pane re-rendered)', 30, (i) => {
        (document.getElementById(rows[(i + 1) % 2]!) as HTMLElement).click();
      }, 200);
      // After the start-up re-reads, content filling in inside the open message bodies.
      await wait(Math.max(0, 6_600 - performance.now()));
      await phase('inside message bodies (ignored)', 120, (i) => {
        const bodies = document.querySelectorAll('[role="document"]');
        bodies[i % bodies.length]?.append(document.createElement('span'));
      }, 0);
      return { phases, results: times.results };
    }, BUNDLE_GLOBAL, [...OUTLOOK_ROWS]);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Main thread and heap, with and without the extension

interface Session {
  taskMs: number;
  scriptMs: number;
  heapBytes: number;
}

type Interaction = (page: Page) => Promise<void>;

const gmailNavigations: Interaction = async (page) => {
  await allowNamedFunctions(page);
  await page.evaluate(async (count) => {
    const wait = (msToWait: number) => new Promise((resolveWait) => setTimeout(resolveWait, msToWait));
    const container = document.querySelector('div.aeF > div.nH')!;
    const conversationView = container.firstElementChild as HTMLElement;
    const inboxView = document.createElement('div');
    inboxView.className = 'BltHke nH oy8Mbf';
    inboxView.setAttribute('role', 'main');
    inboxView.style.display = 'none';
    inboxView.innerHTML = '<div class="nH"><p>Inbox</p></div>';
    container.append(inboxView);
    const threadHash = location.hash;
    for (let i = 0; i < count; i += 1) {
      await wait(300);
      const toInbox = i % 2 === 0;
      location.hash = toInbox ? '#inbox' : threadHash;
      conversationView.style.display = toInbox ? 'none' : '';
      inboxView.style.display = toInbox ? '' : 'none';
    }
  }, NAVIGATIONS);
};

const outlookNavigations: Interaction = async (page) => {
  await allowNamedFunctions(page);
  await page.evaluate(async (count, rows) => {
    const wait = (msToWait: number) => new Promise((resolveWait) => setTimeout(resolveWait, msToWait));
    for (let i = 0; i < count; i += 1) {
      await wait(300);
      (document.getElementById(rows[(i + 1) % 2]!) as HTMLElement).click();
    }
  }, NAVIGATIONS, [...OUTLOOK_ROWS]);
};

async function session(browser: Browser, url: string, interact: Interaction): Promise<Session> {
  const page = await browser.newPage();
  try {
    await page.bringToFront();
    await page.setViewport({ width: 1600, height: 900 });
    const cdp = await page.createCDPSession();
    // Thread time: CPU time of the renderer's main thread, steadier than wall time on a shared machine.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await interact(page);
    await sleep(Math.max(0, SESSION_MS - (Date.now() - started)));
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (metricName: string) => metrics.find((m) => m.name === metricName)?.value ?? Number.NaN;
    const heap = await cdp.send('Runtime.getHeapUsage');
    return { taskMs: metric('TaskDuration') * 1_000, scriptMs: metric('ScriptDuration') * 1_000, heapBytes: heap.usedSize };
  } finally {
    await page.close();
  }
}

interface Comparison {
  without: Session[];
  with: Session[];
}

async function compare(plain: Browser, extended: Browser, url: string, interact: Interaction): Promise<Comparison> {
  const result: Comparison = { without: [], with: [] };
  // One session each first, not counted: code caches and the fake server warm up.
  await session(plain, url, interact);
  await session(extended, url, interact);
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which goes first, so a slow patch of the shared machine falls on both.
    const order = round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const which of order) result[which].push(await session(which === 'with' ? extended : plain, url, interact));
  }
  return result;
}

/**
 * Added time in percent: the median over rounds of each round's with ÷ without − 1. Each round's two
 * sessions ran back to back, so a slow patch of the shared machine falls on both halves of a pair.
 */
function addedPercent(comparison: Comparison, key: 'taskMs' | 'scriptMs'): number {
  return median(pairedPercents(comparison, key));
}

function pairedPercents(comparison: Comparison, key: 'taskMs' | 'scriptMs'): number[] {
  return comparison.with.map((session, i) => (session[key] / (comparison.without[i]?.[key] ?? Number.NaN) - 1) * 100);
}

/** Added time in milliseconds per session: median of the paired differences. */
function addedMs(comparison: Comparison, key: 'taskMs' | 'scriptMs'): number {
  return median(comparison.with.map((session, i) => session[key] - (comparison.without[i]?.[key] ?? Number.NaN)));
}

function addedHeapMB(comparison: Comparison): number {
  return (median(comparison.with.map((s) => s.heapBytes)) - median(comparison.without.map((s) => s.heapBytes))) / 1_048_576;
}

// ---------------------------------------------------------------------------------------------------

function pct(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)} %`;
}

function mb(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)} MB`;
}

function ms3(value: number): string {
  return `${value.toFixed(3)} ms`;
}

export async function benchContentScript(): Promise<BenchResult> {
  const server: FakeServer = await startFakeServer({ port: 0 });
  servePages(server);
  const [reader, watcher] = await Promise.all([bundleReader(), bundleWatcher()]);
  const plain = await launchPlainChromium(server.port);
  try {
    const version = await plain.browser.version();
    const outlookFile = await largestOutlookReplica();

    const forty = await timeReadThread(plain.browser, reader, GMAIL_FORTY_ISOLATED_URL, READ_RUNS);
    const outlookRead = await timeReadThread(plain.browser, reader, OUTLOOK_NAV_ISOLATED_URL, READ_RUNS);
    const gmailWatch = await gmailWatcher(plain.browser, watcher);
    const outlookWatch = await outlookWatcher(plain.browser, watcher);

    const ext = await launchExtension(server);
    let gmail: Comparison;
    let outlook: Comparison;
    try {
      gmail = await compare(plain.browser, ext.browser, GMAIL_FORTY_URL, gmailNavigations);
      outlook = await compare(plain.browser, ext.browser, OUTLOOK_NAV_URL, outlookNavigations);
    } finally {
      await ext.close();
    }

    const batchesOf = (run: WatcherRun) => run.phases.flatMap((p) => p.batches);
    const gmailBatches = batchesOf(gmailWatch);
    const outlookBatches = batchesOf(outlookWatch);
    const allBatches = [...gmailBatches, ...outlookBatches];
    const navReads = [...(gmailWatch.phases[2]?.reads ?? []), ...(outlookWatch.phases[0]?.reads ?? [])];
    const readP95 = percentile(forty.times, 95);
    const batchP95 = percentile(allBatches, 95);
    const gmailAdded = addedPercent(gmail, 'taskMs');
    const outlookAdded = addedPercent(outlook, 'taskMs');
    const heap = Math.max(addedHeapMB(gmail), addedHeapMB(outlook));

    const rows: BenchRow[] = [
      row(`Content: readThread, Gmail 40 messages, p95 of ${forty.times.length}`, ms3(readP95), `≤ ${TARGETS.readP95} ms`, readP95 <= TARGETS.readP95),
      row('Content: readThread, Gmail 40 messages, first read of the page (bodies walked)', ms3(forty.first), 'reported', null),
      row(`Content: watcher per mutation batch, p95 of ${allBatches.length} (Gmail + Outlook)`, ms3(batchP95), `≤ ${TARGETS.batchP95} ms`, batchP95 <= TARGETS.batchP95),
      row(`Content: added main-thread time, Gmail 40 messages, load + ${NAVIGATIONS} navigations`, pct(gmailAdded), `≤ ${TARGETS.addedMainThread} %`, gmailAdded <= TARGETS.addedMainThread),
      row(`Content: added main-thread time, Outlook (largest replica), load + ${NAVIGATIONS} navigations`, pct(outlookAdded), `≤ ${TARGETS.addedMainThread} %`, outlookAdded <= TARGETS.addedMainThread),
      row('Content: content-script heap added (worse of the two pages)', mb(heap), `≤ ${TARGETS.heapMB} MB`, heap <= TARGETS.heapMB),
      row(`Content: readThread, Outlook ${outlookFile.split('/').pop()} (nav replica read), p95`, ms3(percentile(outlookRead.times, 95)), 'reported', null),
      row('Content: watcher debounced read + retarget on navigation, p95', ms3(percentile(navReads, 95)), 'reported', null),
      row('Content: added main-thread time per session, Gmail / Outlook', `${addedMs(gmail, 'taskMs').toFixed(1)} ms / ${addedMs(outlook, 'taskMs').toFixed(1)} ms`, 'reported', null),
      row('Content: added JavaScript time (ScriptDuration) per session, Gmail / Outlook', `${addedMs(gmail, 'scriptMs').toFixed(1)} ms / ${addedMs(outlook, 'scriptMs').toFixed(1)} ms`, 'reported', null),
    ];

    const describe = (run: WatcherRun) =>
      run.phases
        .map((p) => `${p.name}: ${p.mutations} mutations → ${p.batches.length} observer batches (p95 ${ms3(percentile(p.batches, 95))}, max ${ms3(Math.max(0, ...p.batches))}), ${p.reads.length} reads`)
        .join('; ');
    const sessions = (c: Comparison, key: keyof Session, scale = 1, digits = 1) =>
      `without ${c.without.map((s) => (s[key] / scale).toFixed(digits)).join(', ')}; with ${c.with.map((s) => (s[key] / scale).toFixed(digits)).join(', ')}`;
    const notes = [
      `${version}; 2 CPUs shared with other work: compare the with/without ratios of one run, not absolute times.`,
      `readThread: the shipped adapter code (esbuild, minified, chrome120) in the page, ${forty.times.length} runs after 50 warm-up; ` +
        `Gmail 40 messages p50 ${ms3(median(forty.times))}, p95 ${ms3(readP95)}, max ${ms3(Math.max(...forty.times))}; ` +
        `Outlook nav replica p50 ${ms3(median(outlookRead.times))}, p95 ${ms3(percentile(outlookRead.times, 95))}. ` +
        `performance.now() resolution: ${forty.isolated ? '5 µs (cross-origin isolated page)' : '100 µs'}.`,
      `Watcher, Gmail 40 messages: ${describe(gmailWatch)}.`,
      `Watcher, Outlook nav replica: ${describe(outlookWatch)}.`,
      `Watcher: a batch's time is the MutationObserver callback (deciding whether the records matter and restarting the debounce timer); ` +
        `the read it may lead to runs 120 ms later, once, and is the separate "debounced read" figure. The watcher ran in the page's main world here; in the extension it runs in the content script's isolated world.`,
      `Main thread (TaskDuration, thread time, ms per session of load + ${NAVIGATIONS} navigations + quiet to ${SESSION_MS / 1_000} s), ${ROUNDS} rounds, ` +
        `with and without back to back, alternating which goes first: Gmail ${sessions(gmail, 'taskMs')}; Outlook ${sessions(outlook, 'taskMs')}. ` +
        `Per-round added %: Gmail ${pairedPercents(gmail, 'taskMs').map((v) => v.toFixed(1)).join(', ')}; Outlook ${pairedPercents(outlook, 'taskMs').map((v) => v.toFixed(1)).join(', ')} (the table gives the median).`,
      `The replicas carry no mail-app JavaScript (without the extension a session runs ${median(gmail.without.map((x) => x.scriptMs)).toFixed(1)} ms (Gmail) and ` +
        `${median(outlook.without.map((x) => x.scriptMs)).toFixed(1)} ms (Outlook) of script), so the percentage is taken against parsing, style and layout alone; ` +
        `against a real Gmail or Outlook session, whose own scripts run on every switch, the same added milliseconds are a far smaller share.`,
      `Heap after a forced GC (MB): Gmail ${sessions(gmail, 'heapBytes', 1_048_576, 2)}; Outlook ${sessions(outlook, 'heapBytes', 1_048_576, 2)}.`,
    ];
    const result: BenchResult = { name: 'content-script', rows, notes };
    await writeJson(result, {
      version,
      readThread: { gmailForty: forty.times, outlookNav: outlookRead.times },
      watcher: { gmail: gmailWatch, outlook: outlookWatch },
      mainThread: { gmail, outlook },
    });
    return result;
  } finally {
    await plain.close();
    await server.close();
  }
}

async function writeJson(result: BenchResult, raw: unknown): Promise<void> {
  const dir = join(ROOT, 'artifacts');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'bench-content.json'), `${JSON.stringify({ ...result, generatedAt: new Date().toISOString(), raw }, null, 2)}\n`);
}

if (isMain(import.meta.url)) await runAlone(benchContentScript);
