// The mail pages the content-script benchmark loads, served by the fake server at their production URLs,
// and a plain Chromium (no extension) launched exactly like the harness launches one with it.

import { readFile, readdir, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser } from '../../../test/e2e/harness/browsers';
import type { FakeServer, RouteHandler, RouteResponse } from '../../../test/e2e/harness/fake-server';
import { ROOT } from './content-bundle';

export const GMAIL_FIXTURES = join(ROOT, 'test/fixtures/mail/gmail');
export const OUTLOOK_FIXTURES = join(ROOT, 'test/fixtures/mail/outlook');

/** The 40-message conversation. */
export const FORTY_FILE = join(GMAIL_FIXTURES, 'forty-messages.html');
/** The Outlook replica that switches conversations (History API); the largest Outlook page. */
export const OUTLOOK_NAV_FILE = join(OUTLOOK_FIXTURES, 'nav/outlook-nav.html');
export const OUTLOOK_ROWS = ['AQAAAAAJuqMBAAAAAAA4rYQAAAAA', 'AQAAAAAJuqMBAAAAAAA4rYUAAAAA'] as const;

/** Gmail account 0 shows the 40-message page; account 9 the same page, cross-origin isolated. */
export const GMAIL_FORTY_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS';
export const GMAIL_FORTY_ISOLATED_URL = 'https://mail.google.com/mail/u/9/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS';
export const OUTLOOK_NAV_URL = `https://outlook.office.com/mail/inbox/id/${OUTLOOK_ROWS[0]}`;
/** The same under /mail/isolated/…, cross-origin isolated. */
export const OUTLOOK_NAV_ISOLATED_URL = `https://outlook.office.com/mail/isolated/inbox/id/${OUTLOOK_ROWS[0]}`;

// Cross-origin isolation gives the page performance.now() at 5 µs instead of 100 µs, which the
// per-batch figures need. Only the micro-benchmarks' pages get it: it would keep the extension's frame out.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

const PIXEL: RouteResponse = {
  status: 200,
  headers: { 'content-type': 'image/gif' },
  body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
};

async function html(file: string, isolated: boolean): Promise<RouteResponse> {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...(isolated ? ISOLATED : {}) },
    body: await readFile(file),
  };
}

const gmail: RouteHandler = (request) => {
  if (/\.(gif|png|ico)$/.test(request.path)) return PIXEL;
  if (request.path.startsWith('/mail/u/9/')) return html(FORTY_FILE, true);
  if (request.path.startsWith('/mail/')) return html(FORTY_FILE, false);
  return undefined;
};

const outlook: RouteHandler = (request) => {
  if (/\.(gif|png|ico)$/.test(request.path)) return PIXEL;
  if (request.path.startsWith('/mail/isolated/')) return html(OUTLOOK_NAV_FILE, true);
  if (request.path.startsWith('/mail/')) return html(OUTLOOK_NAV_FILE, false);
  return undefined;
};

export function servePages(server: FakeServer): void {
  server.setStatic('mail.google.com', gmail);
  server.setStatic('outlook.office.com', outlook);
}

/** The largest static Outlook replica (test/fixtures/mail/outlook/*.html) by size, for readThread. */
export async function largestOutlookReplica(): Promise<string> {
  let best = { file: '', size: -1 };
  for (const name of await readdir(OUTLOOK_FIXTURES)) {
    if (!name.endsWith('.html')) continue;
    const file = join(OUTLOOK_FIXTURES, name);
    const { size } = await stat(file);
    if (size > best.size) best = { file, size };
  }
  return best.file;
}

export interface PlainChromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Chromium as test/e2e/harness/browsers.ts launches it, minus the extension. */
export async function launchPlainChromium(serverPort: number): Promise<PlainChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'earshot-bench-plain-'));
  const browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    pipe: true,
    acceptInsecureCerts: true,
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP * 127.0.0.1:${serverPort}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
