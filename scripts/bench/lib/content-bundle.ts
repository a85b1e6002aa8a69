// Bundles the content script's own modules (src/content/adapters, src/content/watcher.ts) into a script
// that can be evaluated in any page, with the same esbuild settings as scripts/build.ts, so a tool or a
// benchmark runs exactly the code the extension ships, only without the extension around it.

import * as esbuild from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONTENT_DIR = join(ROOT, 'src/content');

/** The global the bundles below assign their exports to. */
export const BUNDLE_GLOBAL = '__earshotContent';

/**
 * Reads the page the way the content script does: the adapter for the URL's host, given the document
 * and that URL. The URL is passed in, not taken from `location`, so a saved page can be read as the URL
 * it was saved from.
 */
const READER_ENTRY = `
import { adapterForHost } from './adapters/registry';
import type { ReadResult } from './adapters/types';

export type ReadOutcome = ReadResult | { kind: 'no-adapter'; host: string };

export function readPage(href: string): ReadOutcome {
  const url = new URL(href);
  const adapter = adapterForHost(url.hostname);
  if (!adapter) return { kind: 'no-adapter', host: url.hostname };
  const result = adapter.read(document, url);
  // As main.ts writes it in its console.debug line: the key and the selectors it stands for.
  if (result.kind === 'unreadable' && adapter.describeFailure) {
    return { kind: 'unreadable', failedSelector: adapter.describeFailure(result.failedSelector) };
  }
  return result;
}

/** readThread timed n times in a row inside the page (performance.now), in milliseconds. */
export function timeReads(href: string, n: number): number[] {
  const url = new URL(href);
  const adapter = adapterForHost(url.hostname);
  if (!adapter) throw new Error('no adapter for ' + url.hostname);
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    adapter.read(document, url);
    times.push(performance.now() - start);
  }
  return times;
}
`;

/**
 * The watcher and the adapter together, without the dock or the browser APIs: `startWatcher()` runs a
 * ThreadWatcher on the page exactly as main.ts does, and records how long each MutationObserver batch
 * and each debounced read took, measured inside the callbacks.
 */
const WATCHER_ENTRY = `
import { adapterForHost } from './adapters/registry';
import type { ReadResult } from './adapters/types';
import { ThreadWatcher } from './watcher';

export interface WatcherTimes { batches: number[]; reads: number[]; results: string[] }

export function startWatcher(): WatcherTimes {
  const adapter = adapterForHost(location.hostname);
  if (!adapter) throw new Error('no adapter for ' + location.hostname);
  const times: WatcherTimes = { batches: [], reads: [], results: [] };
  const onRead = (result: ReadResult) => {
    times.results.push(result.kind === 'thread' ? result.thread.threadId : result.kind);
  };
  const watcher = new ThreadWatcher(adapter, document, onRead, () => false, {
    onBatch: (ms: number) => times.batches.push(ms),
    onRead: (ms: number) => times.reads.push(ms),
  });
  watcher.start();
  (globalThis as Record<string, unknown>).__earshotWatcher = watcher;
  return times;
}
`;

async function bundle(contents: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: CONTENT_DIR, loader: 'ts', sourcefile: 'entry.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    // As scripts/build.ts builds content.js for Chrome.
    minify: true,
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no bundle');
  return output.text;
}

/** `readPage(href)` and `timeReads(href, n)` on `globalThis.__earshotContent`. */
export function bundleReader(): Promise<string> {
  return bundle(READER_ENTRY);
}

/** `startWatcher()` on `globalThis.__earshotContent`. */
export function bundleWatcher(): Promise<string> {
  return bundle(WATCHER_ENTRY);
}
