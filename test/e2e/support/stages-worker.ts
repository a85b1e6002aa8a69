// Stopping Chromium's extension service worker at a chosen moment, and seeing the one that replaces it.
// The stop is what Chromium does to an idle worker, asked for over DevTools (puppeteer closes the
// worker's target and detaches): the worker's JavaScript ends at once, its open IndexedDB transactions
// are aborted, its fetches are dropped. Firefox has no such command (see worker-stages.e2e.ts).

import type { Background } from './faults-background';
import type { FaultBrowser } from './faults-setup';

const MARKER = 'earshotStagesMarker';

/** Marks the running worker, so that a worker without the mark is known to be a new one. */
async function mark(background: Background): Promise<void> {
  await background.run((scope, key) => {
    scope[key] = true;
  }, MARKER);
}

export interface Stopped {
  at: number;
  /** Uncaught errors the stopped worker had recorded (they go with it). */
  errors: string[];
}

/** Reads the worker's recorded errors, marks it, and stops it. */
export async function stopWorker(ext: FaultBrowser, background: Background): Promise<Stopped> {
  const errors = (await background.snapshot()).errors;
  await mark(background);
  const worker = await (await ext.serviceWorker!()).worker();
  if (!worker) throw new Error('the service worker target has no worker');
  const at = Date.now();
  await worker.close();
  return { at, errors };
}

/** Stops the worker at once, skipping the checks: for a stop that must follow an event within milliseconds. */
export async function stopWorkerNow(ext: FaultBrowser): Promise<number> {
  const worker = await (await ext.serviceWorker!()).worker();
  if (!worker) throw new Error('the service worker target has no worker');
  const at = Date.now();
  await worker.close();
  return at;
}

/** Waits until a worker without the mark runs (started by an alarm, a message, an extension page). */
export async function newWorker(background: Background, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = await background.run((scope, key) => scope[key] !== true, MARKER).catch(() => false);
    if (fresh) return Date.now();
    if (Date.now() > deadline) throw new Error(`no new service worker within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/**
 * Fills every source's rate window in the audit log, so that the lookup's jobs are queued and none can
 * start: entries as old as they can be while still in the window, so that they leave it `holdMs` from
 * now. Their identifier kind is 'none' (what the sidebar's pictures log), which the fault tests'
 * snapshot leaves out, so the log the tests compare holds only the lookup's requests.
 */
export async function fillRateWindows(background: Background, windows: Record<string, { limit: number; windowMs: number }>, holdMs: number): Promise<void> {
  await background.run(async (scope, arg) => {
    const earshot = scope.earshot as { context: { db: { requestLog: { bulkAdd(rows: unknown[]): Promise<unknown> } } } };
    const now = Date.now();
    const rows: unknown[] = [];
    for (const [source, { limit, windowMs }] of Object.entries(arg.windows)) {
      const at = now - windowMs + arg.holdMs;
      for (let i = 0; i < limit; i += 1) {
        rows.push({ at, source, host: 'window-filler.invalid', path: '/', identifierKind: 'none', status: 200, durationMs: 0 });
      }
    }
    await earshot.context.db.requestLog.bulkAdd(rows);
  }, { windows, holdMs });
}

/** How many requests each source's rate window holds now, as the scheduler counts them (for failure messages). */
export async function rateWindowCounts(background: Background, windows: Record<string, { windowMs: number }>): Promise<string> {
  return background.run(async (scope, arg) => {
    type Log = { where(index: string): { between(low: unknown[], high: unknown[]): { count(): Promise<number> } } };
    const earshot = scope.earshot as { context: { db: { requestLog: Log } } };
    const now = Date.now();
    const counts: string[] = [];
    for (const [source, { windowMs }] of Object.entries(arg)) {
      counts.push(`${source} ${await earshot.context.db.requestLog.where('[source+at]').between([source, now - windowMs], [source, Infinity]).count()}`);
    }
    return counts.join(', ');
  }, windows);
}
