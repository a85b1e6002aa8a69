// Navigation end to end, in real Chromium and Firefox with the BUILT extension: the docked sidebar
// follows every conversation switch of the single-page mail apps, the background is told once per
// switch, an unreadable page says so (with one console.debug line naming the selector), and a content
// script cut off from its extension stops quietly. The page console must stay clean throughout.
//
// Gmail: the demo mailbox of `npm start` (scripts/demo/mailbox), which routes by hash and flips the
// style of Gmail's `.nH` views. Outlook: test/fixtures/mail/outlook/nav/outlook-nav.html, which switches
// conversations with history.pushState and never reloads.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DIST, eventually, launchWithExtension, onboard, sidebarFrame, type RunningExtension } from './support/extension';
import type { BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';
import { resolve } from 'node:path';
import { demoBluesky } from '../../scripts/demo/demo-api';
import {
  BROKEN_GMAIL_URL,
  ConsoleLog,
  NO_THREAD,
  UNREADABLE,
  anySidebarFrame,
  dockCount,
  serveMailSites,
  settledBlueskyRequests,
  sleep,
  stateView,
  threadView,
  waitForView,
} from './support/mail-sites';

const GMAIL_INBOX = 'https://mail.google.com/mail/u/0/#inbox';
const OUTLOOK_INBOX = 'https://outlook.office.com/mail/inbox';

// The demo mailbox's conversations (scripts/demo/mailbox/PROVENANCE.md).
const NORTHWIND = { id: '18f4a2c1d3e5b706', view: threadView('Northwind pilot: scope, pricing and next steps', ['Maya Okafor', 'Leo Brandt']) };
const LUMENCRAFT = { id: '18f4b7e2a9c1d053', view: threadView('Lumencraft × Earshot: co-marketing webinar in April', ['Priya Natarajan']) };
const GITHUB = { id: '18f4c0d8e2b7a194', view: threadView('[northwind-labs/pilot-dashboard] Add CSV export for usage reports (PR #42)', ['GitHub']) };

// The two conversations of the Outlook replica (row id = ItemID in the URL).
const Q2_ROLLOUT = {
  row: 'AQAAAAAJuqMBAAAAAAA4rYQAAAAA',
  view: threadView('Q2 rollout: pilot sites and training dates', ['Marcus Okafor', 'Dana Whitfield', 'Priya Natarajan', 'Lena Brandt']),
};
const PORTO = {
  row: 'AQAAAAAJuqMBAAAAAAA4rYUAAAAA',
  view: threadView('Porto training week – revised group booking', ['Sofia Reyes', 'Marcus Okafor', 'Hiroshi Tanaka']),
};

const profiles = (...actors: string[]): string => `/xrpc/app.bsky.actor.getProfiles?${actors.map((actor) => `actors=${actor}`).join('&')}`;
const feed = (actor: string): string => `/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(actor)}&limit=20`;

// What looking up each new demo person asks Bluesky: the handles on the person's own domain and the
// company handle of that domain, in one request, then the feed of the account found. Nothing is asked
// about GitHub (a role address) or the signed-in user.
const MAYA = [profiles('maya.northwind-labs.com', 'mayaokafor.northwind-labs.com', 'northwind-labs.com'), feed('did:plc:demomayaokafor000000001')];
const LEO = [profiles('leo.northwind-labs.com', 'leobrandt.northwind-labs.com', 'northwind-labs.com')];
const PRIYA = [profiles('priya.lumencraft.io', 'priyanatarajan.lumencraft.io', 'lumencraft.io'), feed('did:plc:demopriyanatarajan00003')];
// The company's feed, when the company handle has an account.
const NORTHWIND_COMPANY = [feed('did:plc:demonorthwindlabs0000002')];

function counts(requests: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const request of requests) map.set(request, (map.get(request) ?? 0) + 1);
  return map;
}

/**
 * Each person's own lookups exactly once; the company of their domain at least once and at most once per
 * new person of that company (the background keys lookups by person, so two new colleagues may each ask
 * for their company; that is the background's de-duplication, not navigation); nothing else.
 */
function expectLookups(requests: readonly string[], people: string[][], companies: Array<{ lookups: string[]; people: number }>): void {
  const seen = counts(requests);
  for (const request of people.flat()) expect(seen.get(request), request).toBe(1);
  for (const { lookups, people: many } of companies) {
    for (const request of lookups) {
      expect(seen.get(request) ?? 0, request).toBeGreaterThanOrEqual(1);
      expect(seen.get(request) ?? 0, request).toBeLessThanOrEqual(many);
    }
  }
  expect(sorted([...seen.keys()])).toEqual(sorted([...people.flat(), ...companies.flatMap((company) => company.lookups)]));
}

// The Outlook replica's people (none of them, nor any of their companies, has an account on the fake
// Bluesky, which leaves them all out of its answer).
const MARCUS = [profiles('marcus.okafor.fabrikam.example', 'marcusokafor.fabrikam.example', 'fabrikam.example')];
const DANA = [profiles('dana.whitfield.fabrikam.example', 'danawhitfield.fabrikam.example', 'fabrikam.example')];
const LENA = [profiles('lena.brandt.contoso.example', 'lenabrandt.contoso.example', 'contoso.example')];
const SOFIA = [profiles('sofia.reyes.tailspin.example', 'sofiareyes.tailspin.example', 'tailspin.example')];
const HIROSHI = [profiles('hiroshi.tanaka.tailspin.example', 'hiroshitanaka.tailspin.example', 'tailspin.example')];

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer({ port: 443, routes: { 'public.api.bsky.app': demoBluesky } });
  serveMailSites(server);
});
afterAll(async () => {
  await server?.close();
});

/** Opens a mail page in front, wide enough that the dock (360 px on the right) covers none of the rows. */
async function openWide(ext: RunningExtension, url: string, log: ConsoleLog, label: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await log.watch(page, label, ext.name);
  await page.bringToFront();
  await page.setViewport({ width: 1600, height: 900 });
  await page.goto(url);
  return page;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe.each<BrowserName>(['chromium', 'firefox'])('navigation in %s', (name) => {
  let ext: RunningExtension;
  const log = new ConsoleLog();

  beforeAll(async () => {
    server.reset();
    ext = await launchWithExtension(name, server.port);
    await onboard(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('Gmail: the sidebar follows each hash route, and each new person is looked up once', async () => {
    server.reset();
    const page = await openWide(ext, GMAIL_INBOX, log, 'gmail');
    const frame = await sidebarFrame(page, ext.origin);
    await waitForView(frame, stateView(NO_THREAD));

    const row = (id: string) => `tr.zA:has([data-legacy-thread-id="${id}"]) .yW`;
    const back = (id: string) => `[data-demo-view="${id}"] [aria-label="Back to Inbox"]`;

    // Clicking a row of the inbox opens the conversation: its subject and people, and one lookup each.
    await page.click(row(NORTHWIND.id));
    await waitForView(frame, NORTHWIND.view);
    expectLookups(await settledBlueskyRequests(server), [MAYA, LEO], [{ lookups: NORTHWIND_COMPANY, people: 2 }]);

    // Back to the list: no conversation.
    await page.click(back(NORTHWIND.id));
    await waitForView(frame, stateView(NO_THREAD));

    await page.click(row(LUMENCRAFT.id));
    await waitForView(frame, LUMENCRAFT.view);
    const firstVisits = await settledBlueskyRequests(server);
    expectLookups(firstVisits, [MAYA, LEO, PRIYA], [{ lookups: NORTHWIND_COMPANY, people: 2 }]);

    // The hash changed by hand (a bookmark, a typed URL): a role address only, nobody to look up.
    await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, GITHUB.id);
    await waitForView(frame, GITHUB.view);

    // Back and forward through the history, and the first conversation again: all seen already, so
    // the sidebar follows and nothing more leaves the browser.
    await page.evaluate(() => history.back());
    await waitForView(frame, LUMENCRAFT.view);
    await page.evaluate(() => history.forward());
    await waitForView(frame, GITHUB.view);
    await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, NORTHWIND.id);
    await waitForView(frame, NORTHWIND.view);
    await page.evaluate(() => { location.hash = '#inbox'; });
    await waitForView(frame, stateView(NO_THREAD));

    // Conversations seen before: not one request more.
    expect(await settledBlueskyRequests(server)).toEqual(firstVisits);
    expect(log.earshotLines('gmail')).toEqual([]);
    await page.close();
  });

  it('Outlook: the sidebar follows history.pushState switches, Back and Forward, without a reload', async () => {
    server.reset();
    const page = await openWide(ext, OUTLOOK_INBOX, log, 'outlook');
    const frame = await sidebarFrame(page, ext.origin);
    await waitForView(frame, stateView(NO_THREAD));
    // A mark in the page's own world: it survives every switch only if the page never reloads.
    await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });

    const row = (id: string) => `[role="option"][id="${id}"] .IjzWp`;
    await page.click(row(Q2_ROLLOUT.row));
    await waitForView(frame, Q2_ROLLOUT.view);
    expect(new URL(page.url()).pathname).toBe(`/mail/inbox/id/${Q2_ROLLOUT.row}`);
    // Marcus, Dana and Lena have addresses; Priya has none on the page and is not looked up.
    expectLookups(await settledBlueskyRequests(server), [MARCUS, DANA, LENA], []);

    await page.click(row(PORTO.row));
    await waitForView(frame, PORTO.view);
    expect(new URL(page.url()).pathname).toBe(`/mail/inbox/id/${PORTO.row}`);
    // Sofia and Hiroshi are new; Marcus was looked up in the first conversation and is not again.
    const firstVisits = await settledBlueskyRequests(server);
    expectLookups(firstVisits, [MARCUS, DANA, LENA, SOFIA, HIROSHI], []);

    await page.evaluate(() => history.back());
    await waitForView(frame, Q2_ROLLOUT.view);
    await page.evaluate(() => history.forward());
    await waitForView(frame, PORTO.view);
    // The Inbox folder closes the conversation.
    await page.click('[data-nav="inbox"]');
    await waitForView(frame, stateView(NO_THREAD));
    await page.click(row(Q2_ROLLOUT.row));
    await waitForView(frame, Q2_ROLLOUT.view);

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await settledBlueskyRequests(server)).toEqual(firstVisits);
    expect(log.earshotLines('outlook')).toEqual([]);
    await page.close();
  });

  it("says it can't read a conversation whose senders it cannot find, in one console.debug line", async () => {
    const page = await openWide(ext, BROKEN_GMAIL_URL, log, 'broken');
    const frame = await sidebarFrame(page, ext.origin);
    await waitForView(frame, stateView(UNREADABLE));
    // Past the watcher's last start-up re-read (6.4 s), so a repeated line would have shown by now.
    await sleep(7_000);
    expect(log.earshotLines('broken').map(({ type, text }) => ({ type, text }))).toEqual([
      { type: 'debug', text: "[Earshot] can't read this conversation: no match for sender: h3 span[email] | td.gF span[email] | span.gD[email]" },
    ]);
    await page.close();
  });

  if (name === 'chromium') {
    it('a content script orphaned by removing the extension stops quietly; installed again, it docks', async () => {
      const page = await openWide(ext, `${GMAIL_INBOX}/${LUMENCRAFT.id}`, log, 'orphan');
      const frame = await sidebarFrame(page, ext.origin);
      await waitForView(frame, LUMENCRAFT.view);
      expect(await dockCount(page)).toBe(1);
      // Past the start-up re-reads, so what the old script does next answers the removal only.
      await sleep(7_000);

      // Removed under the open tab (DevTools protocol Extensions.uninstall: this harness loads the
      // extension unpacked through the protocol, and there chrome.runtime.reload() unloads it without
      // loading it back). An update or a reload cuts the old content script off in the same way.
      await ext.browser.uninstallExtension(new URL(ext.origin).host);
      // The old script runs on, cut off. At the next switch it notices, takes its dock away and leaves
      // without a word.
      await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, NORTHWIND.id);
      await eventually(() => dockCount(page), (count) => count === 0, 5_000);
      await page.evaluate(() => { location.hash = '#inbox'; });
      await sleep(500);
      expect(await dockCount(page)).toBe(0);

      // Chromium does not inject the new version into open tabs; a reload of the page brings it.
      await ext.browser.installExtension(resolve(DIST, 'chrome'));
      await page.bringToFront();
      await page.reload();
      const fresh = await anySidebarFrame(page);
      await waitForView(fresh, stateView(NO_THREAD));
      await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, NORTHWIND.id);
      await waitForView(fresh, NORTHWIND.view);
      expect(await dockCount(page)).toBe(1);
      expect(log.earshotLines('orphan')).toEqual([]);
      await page.close();
    });
  } else {
    it('an add-on removed and installed again leaves one working dock and no error', async () => {
      const page = await openWide(ext, `${GMAIL_INBOX}/${LUMENCRAFT.id}`, log, 'orphan');
      const frame = await sidebarFrame(page, ext.origin);
      await waitForView(frame, LUMENCRAFT.view);
      await page.evaluate(() => { (window as unknown as { oldDock: Element | null }).oldDock = document.querySelector('earshot-dock'); });

      // Firefox unloads an add-on's content scripts with it: the old script simply stops running, and
      // navigating on must raise nothing. (Firefox leaves the nodes they added.)
      await ext.browser.uninstallExtension('earshot@earshot.invalid');
      await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, NORTHWIND.id);
      await sleep(1_000);

      // Installing it again injects the new version into the open tab, which replaces the old dock.
      await ext.browser.installExtension(resolve(DIST, 'firefox'));
      const replaced = () =>
        page.evaluate(() => {
          const docks = document.querySelectorAll('earshot-dock');
          return docks.length === 1 && docks[0] !== (window as unknown as { oldDock: Element | null }).oldDock;
        });
      await eventually(replaced, (done) => done);
      // The new install opened its welcome tab in front; the mail tab, behind it, still docks and reads.
      const fresh = await anySidebarFrame(page);
      await waitForView(fresh, NORTHWIND.view);
      await page.bringToFront();
      await page.evaluate((id) => { location.hash = `#inbox/${id}`; }, GITHUB.id);
      await waitForView(fresh, GITHUB.view);
      expect(log.earshotLines('orphan')).toEqual([]);
      await page.close();
    });
  }

  it('left no error, warning or uncaught exception in any page console', () => {
    expect(log.entries.length).toBeGreaterThan(0);
    expect(log.problems()).toEqual([]);
  });
});
