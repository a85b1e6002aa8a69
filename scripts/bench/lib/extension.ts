// The built Chrome extension in real Chromium against the fake server, for the benchmarks: the demo
// world of `npm start` (a Gmail replica and a fake Bluesky with demo people, scripts/demo/) plus the
// fake APIs of every other source (test/e2e/harness/routes/).

import { join } from 'node:path';
import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { launchChromium } from '../../../test/e2e/harness/browsers';
import { startFakeServer, type FakeServer } from '../../../test/e2e/harness/fake-server';
import { onboard, type RunningExtension } from '../../../test/e2e/support/extension';
import { demoBluesky, demoMailbox } from '../../demo/demo-api';
import { ROOT } from './content-bundle';

export const CHROME_DIST = join(ROOT, 'dist/chrome');

/** The fake server with the demo mailbox and the demo Bluesky (port 0: Chromium remaps any port). */
export async function startDemoServer(): Promise<FakeServer> {
  const server = await startFakeServer({ port: 0, routes: { 'public.api.bsky.app': demoBluesky } });
  server.setStatic('mail.google.com', demoMailbox);
  return server;
}

export interface BenchExtension extends RunningExtension {
  /** Runs `fn` in the background service worker, where `globalThis.earshot` is (src/background/main.ts). */
  inWorker<T>(fn: string): Promise<T>;
}

/** A fresh profile with the built extension; onboarded with the default sources unless told not to. */
export async function launchExtension(server: FakeServer, options: { onboarded?: boolean } = {}): Promise<BenchExtension> {
  const launched = await launchChromium({ extensionDir: CHROME_DIST, serverPort: server.port });
  const ext: BenchExtension = {
    name: 'chromium',
    browser: launched.browser,
    origin: launched.extensionOrigin,
    close: launched.close,
    async inWorker<T>(fn: string): Promise<T> {
      const worker = (await (await launched.serviceWorkerTarget()).worker()) as WebWorker;
      return worker.evaluate(fn) as Promise<T>;
    },
  };
  try {
    if (options.onboarded ?? true) await onboard(ext);
  } catch (error) {
    await ext.close();
    throw error;
  }
  return ext;
}

/** A new tab in front, as a user opens one. */
export async function newTab(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.bringToFront();
  return page;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns a value other than undefined. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
