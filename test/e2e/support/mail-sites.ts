// Mail sites for the navigation tests, served by the fake server at their production URLs, and what a
// test needs to watch in them: the page console, the docked sidebar, the Bluesky request log.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConsoleMessage, Frame, Page } from 'puppeteer-core';
import { demoMailbox } from '../../../scripts/demo/demo-api';
import type { FakeServer, RouteHandler, RouteResponse } from '../harness/fake-server';
import type { RunningExtension } from './extension';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/mail');

// A 1×1 transparent GIF: what the pages' decorative images and the browsers' favicon requests get, so
// no "Failed to load resource" line from the page itself muddles the console checks.
const PIXEL: RouteResponse = {
  status: 200,
  headers: { 'content-type': 'image/gif', 'cache-control': 'no-store' },
  body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
};
const isImage = (path: string): boolean => path === '/favicon.ico' || /\.(gif|png|ico)$/i.test(path);

async function page(file: string): Promise<RouteResponse> {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: await readFile(file) };
}

/** Gmail account /mail/u/3/ opens the replica whose messages have no sender the adapter knows. */
export const BROKEN_GMAIL_URL = 'https://mail.google.com/mail/u/3/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS';

/**
 * https://mail.google.com: the demo mailbox of `npm start` (scripts/demo/mailbox, three conversations,
 * hash routes) for /mail/u/0/, and test/fixtures/mail/gmail/broken-no-senders.html for /mail/u/3/.
 */
export const gmailSite: RouteHandler = async (request) => {
  if (isImage(request.path)) return PIXEL;
  if (request.path.startsWith('/mail/u/3/')) return page(resolve(FIXTURES, 'gmail/broken-no-senders.html'));
  return demoMailbox(request);
};

/** https://outlook.office.com/mail/…: the History API replica of test/fixtures/mail/outlook/nav/. */
export const outlookSite: RouteHandler = async (request) => {
  if (isImage(request.path)) return PIXEL;
  if (request.path === '/mail' || request.path.startsWith('/mail/')) return page(resolve(FIXTURES, 'outlook/nav/outlook-nav.html'));
  return undefined;
};

export function serveMailSites(server: FakeServer): void {
  server.setStatic('mail.google.com', gmailSite);
  server.setStatic('outlook.office.com', outlookSite);
}

// ---------------------------------------------------------------------------------------------------
// The page console

export interface ConsoleEntry {
  page: string;
  type: string;
  text: string;
  /** Where the message came from: the content script's file for Earshot's own lines. */
  source: string;
}

/**
 * Everything a set of pages writes to its console, and every uncaught error, as a user with DevTools
 * open would see it: the main world's messages and, in both browsers, the content script's. In
 * Chromium the DevTools protocol is asked as well, for exceptions in any world of the page (the content
 * script's isolated world included) and the browser's own error and warning lines.
 */
export class ConsoleLog {
  readonly entries: ConsoleEntry[] = [];

  async watch(page: Page, label: string, browser: RunningExtension['name']): Promise<void> {
    page.on('console', (message: ConsoleMessage) => {
      this.entries.push({ page: label, type: message.type(), text: message.text(), source: message.location()?.url ?? '' });
    });
    page.on('pageerror', (error: unknown) => {
      this.entries.push({ page: label, type: 'pageerror', text: error instanceof Error ? error.message : String(error), source: '' });
    });
    if (browser !== 'chromium') return;
    const cdp = await page.createCDPSession();
    cdp.on('Runtime.exceptionThrown', (event) => {
      const details = event.exceptionDetails;
      this.entries.push({ page: label, type: 'exception', text: details.exception?.description ?? details.text, source: details.url ?? '' });
    });
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (entry.level === 'error' || entry.level === 'warning') {
        this.entries.push({ page: label, type: `log-${entry.level}`, text: entry.text, source: entry.url ?? '' });
      }
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Log.enable');
  }

  /** Errors, warnings and uncaught exceptions: there must be none. */
  problems(): ConsoleEntry[] {
    return this.entries.filter((entry) =>
      ['error', 'warn', 'warning', 'assert', 'pageerror', 'exception', 'log-error', 'log-warning'].includes(entry.type),
    );
  }

  /** Earshot's own lines ("[Earshot] …") of one page. */
  earshotLines(label: string): ConsoleEntry[] {
    return this.entries.filter((entry) => entry.page === label && entry.text.startsWith('[Earshot]'));
  }
}

// ---------------------------------------------------------------------------------------------------
// The docked sidebar

export interface SidebarView {
  /** The status line ("Open a conversation…", "Can't read this conversation…"), or '' while a thread shows. */
  state: string;
  subject: string;
  names: string[];
}

/** What the docked sidebar shows now: its state line, or the subject and the people of the thread. */
export async function sidebarView(frame: Frame): Promise<SidebarView> {
  // No named helper inside: the function is serialised into the frame, where a bundler's name wrapper
  // (tsx adds `__name(…)`) would not exist.
  return frame.evaluate(() => ({
    state: (document.querySelector('main.sidebar > .state')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    subject: (document.querySelector('.subject')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    names: Array.from(document.querySelectorAll('.participant .name'), (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()),
  }));
}

export const NO_THREAD = 'Open a conversation to see who is in it.';
export const UNREADABLE = "Can't read this conversation. The mail page has changed in a way Earshot does not recognise yet.";

/** The sidebar view once it is `expected`, or an error naming what it showed instead. */
export async function waitForView(frame: Frame, expected: SidebarView, timeoutMs = 10_000): Promise<SidebarView> {
  const deadline = Date.now() + timeoutMs;
  let last = await sidebarView(frame);
  while (JSON.stringify(last) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) throw new Error(`sidebar shows ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
    await sleep(50);
    last = await sidebarView(frame);
  }
  return last;
}

export function threadView(subject: string, names: string[]): SidebarView {
  return { state: '', subject, names };
}

export function stateView(state: string): SidebarView {
  return { state, subject: '', names: [] };
}

/** Earshot's docks in the page (the host elements; what is inside them is a closed shadow root). */
export function dockCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('earshot-dock').length);
}

/**
 * The sidebar frame of whichever Earshot is docked in the page now, found by path: an add-on installed
 * again in Firefox gets a new moz-extension:// origin.
 */
export async function anySidebarFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() => /^(chrome|moz)-extension:$/.test(location.protocol) && location.pathname === '/sidebar.html' && document.querySelector('main.sidebar') !== null)
        .catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error('no docked sidebar frame in the page');
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------
// What left the browser

/** Bluesky requests as "path?query", in the order they arrived. */
export function blueskyRequests(server: FakeServer): string[] {
  // From the URL, not the recorded query map: getProfiles repeats its `actors` key.
  return server.requestsTo('public.api.bsky.app').map((r) => `${r.path}?${new URL(r.url).searchParams.toString()}`);
}

/** Waits until no Bluesky request has arrived for `quietMs`, then returns them all. */
export async function settledBlueskyRequests(server: FakeServer, quietMs = 800, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  for (;;) {
    const now = blueskyRequests(server).length;
    if (now === count) return blueskyRequests(server);
    if (Date.now() > deadline) throw new Error(`Bluesky requests still arriving after ${timeoutMs} ms`);
    count = now;
    await sleep(quietMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
