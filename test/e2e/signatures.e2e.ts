// What the email itself says, end to end in real Chromium and Firefox with the BUILT extension: a Gmail
// replica (test/fixtures/mail/e2e/gmail-signature.html) whose sender, Ines Carvalho, signs with her
// title, her company and a link to her Bluesky profile, and whose body mentions a customer ("I met Dana
// Whitfield from Litware yesterday"); test/fixtures/mail/e2e/outlook-signature.html is the same in
// Outlook on the web. Against the fake APIs (test/e2e/harness/routes/):
//
//   - the signature's Bluesky link is a tier-A identity of hers ("Linked in their own email signature")
//     and its posts are in the sidebar; title and company come from the signature (no source has them);
//   - "Mentioned in this conversation" lists exactly Dana Whitfield and Litware, and nothing read from
//     a body left the browser before the user asked;
//   - "Look up" on Dana Whitfield makes exactly one name search, whose results stay possible matches,
//     and the popup's audit log has it.

import { resolve } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage, type BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from './harness/fake-server';
import { BLUESKY_WORLD } from './harness/routes/bluesky';
import { eventually, launchWithExtension, onboard, openMail, openPopup, sidebarFrame, texts, type RunningExtension } from './support/extension';

const PAGES = resolve(import.meta.dirname, '../fixtures/mail/e2e');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/1928a4c3e5f60f53';
/** test/fixtures/mail/e2e/outlook-signature.html: the same sender and mention in Outlook on the web. */
const OUTLOOK_URL = 'https://outlook.office.com/mail/inbox/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzWwAA';

const INES = { name: 'Ines Carvalho', handle: BLUESKY_WORLD.ines.handle };
/** bob.test's recorded feed, re-homed to her handle. */
const INES_POSTS = ['bob back at it again!', 'bobby boy here', 'hear that label_me label_me_2'];
const MENTIONED = ['person Dana Whitfield', 'organisation Litware'];
/** The two accounts the fake AppView knows whose display name is "Dana Whitfield". */
const DANA_MATCHES = [BLUESKY_WORLD.dana.handle, BLUESKY_WORLD.decoys[1].handle].sort();

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer({ port: 443 });
  server.setStatic('mail.google.com', { dir: PAGES, fallbacks: { '/mail/u/0/': 'gmail-signature.html' } });
  server.setStatic('outlook.office.com', { dir: PAGES, fallbacks: { '/mail/': 'outlook-signature.html' } });
});
afterAll(async () => {
  await server?.close();
});

/** Requests the extension's background made: no mail page, no picture, no browser plumbing. */
function sourceRequests(): RecordedRequest[] {
  return server.appRequests().filter((request) => {
    const dest = request.headers['sec-fetch-dest'];
    return request.host !== 'mail.google.com' && (dest === undefined || dest === 'empty');
  });
}

/** Every request whose URL carries one of the words, however encoded. */
function requestsNaming(...words: string[]): string[] {
  return server.appRequests()
    .map((request) => decodeURIComponent(request.url.replace(/\+/g, ' ')))
    .filter((url) => words.some((word) => url.toLowerCase().includes(word.toLowerCase())));
}

/** Waits until no request has arrived for `quietMs`: the senders' own lookups are over. */
async function settled(quietMs = 1_500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = server.requests.at(-1)?.at ?? 0;
    if (Date.now() - last >= quietMs) return;
    if (Date.now() > deadline) throw new Error('requests did not settle');
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

/** The extension's pages use `browser` (Firefox) or `chrome` (Chromium). */
interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
type WithStorage = { browser?: { storage: { sync: StorageArea; local: StorageArea } }; chrome?: { storage: { sync: StorageArea; local: StorageArea } } };

/** Jane's own domain: her colleagues in the conversation (Dev Patel, Rosa Lindqvist) are never looked up. */
async function declareOwnDomain(ext: RunningExtension): Promise<void> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  await page.evaluate(async () => {
    const api = (globalThis as WithStorage).browser ?? (globalThis as WithStorage).chrome!;
    let area = api.storage.sync;
    let stored = (await area.get('settings')).settings as Record<string, unknown> | undefined;
    if (!stored) {
      area = api.storage.local;
      stored = (await area.get('settings')).settings as Record<string, unknown>;
    }
    await area.set({ settings: { ...stored, myDomains: ['harborview.example'] } });
  });
  await page.close();
}

/** Identity rows of the sender's card: `network handle · badge`, sorted. */
async function identityRows(frame: Frame, scope: string): Promise<string[]> {
  const rows = await frame.$$eval(`${scope} [data-testid="identity"]`, (items) => items.map((item) => {
    const network = item.querySelector('.network')?.textContent?.trim() ?? '';
    const handle = item.querySelector('[data-testid="identity-handle"]')?.textContent?.trim() ?? '';
    const badge = item.querySelector('[data-testid="identity-badge"]')?.textContent?.trim() ?? '';
    return `${network} ${handle} · ${badge}`;
  }));
  return rows.sort();
}

const SENDER_CARD = 'section[aria-label="Conversation"] > [data-testid="person"]';

describe.each<BrowserName>(['chromium', 'firefox'])('signatures and mentioned names in %s', (name) => {
  let ext: RunningExtension;

  beforeAll(async () => {
    server.reset();
    ext = await launchWithExtension(name, server.port);
    await onboard(ext);
    await declareOwnDomain(ext);
    server.reset();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the signature\'s Bluesky profile as her own (tier A) with its posts, and her title and company', async () => {
    const page = await openMail(ext, THREAD_URL);
    const frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '.participant .name'), (names) => names.join() === 'Ines Carvalho,Priya Raman');
    await eventually(() => texts(frame, `${SENDER_CARD} [data-testid="person-name"]`), (names) => names.join() === INES.name);

    const rows = await eventually(() => identityRows(frame, SENDER_CARD), (found) => found.some((row) => row.includes(INES.handle)), 30_000);
    expect(rows).toEqual([`Bluesky ${INES.handle} · Email-verified`]);
    const why = await texts(frame, `${SENDER_CARD} [data-testid="identities"] .why li`);
    expect(why).toEqual(['Linked in their own email signature']);

    const posts = await eventually(() => texts(frame, `${SENDER_CARD} [data-testid="posts"] [data-testid="post-text"]`), (found) => found.length === INES_POSTS.length, 30_000);
    expect([...posts].sort()).toEqual(INES_POSTS);

    const role = await frame.$eval(`${SENDER_CARD} [data-testid="person-role"]`, (el) => ({ text: el.firstChild?.textContent ?? '', title: el.getAttribute('title') }));
    expect(role).toEqual({ text: 'Head of Partnerships · Tidewater Logistics', title: 'Title and company from their email signature' });
    const website = await texts(frame, `${SENDER_CARD} [data-testid="signature-link"]`);
    expect(website).toEqual(['tidewater-logistics.example']);
    await page.close();
  });

  it('reads the same signature and mentions from Outlook on the web', async () => {
    const page = await openMail(ext, OUTLOOK_URL);
    const frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, `${SENDER_CARD} [data-testid="person-name"]`), (names) => names.join() === INES.name);
    const rows = await eventually(() => identityRows(frame, SENDER_CARD), (found) => found.some((row) => row.includes(INES.handle)), 30_000);
    expect(rows).toEqual([`Bluesky ${INES.handle} · Email-verified`]);
    const posts = await eventually(() => texts(frame, `${SENDER_CARD} [data-testid="posts"] [data-testid="post-text"]`), (found) => found.length === INES_POSTS.length, 30_000);
    expect([...posts].sort()).toEqual(INES_POSTS);
    const role = await frame.$eval(`${SENDER_CARD} [data-testid="person-role"]`, (el) => el.firstChild?.textContent ?? '');
    expect(role).toBe('Head of Partnerships · Tidewater Logistics');
    const mentioned = await eventually(
      () => frame.$$eval('[data-testid="mention"]', (items) => items.map((row) => `${row.getAttribute('data-kind')} ${row.querySelector('[data-testid="mention-name"]')?.textContent ?? ''}`)),
      (found) => found.length >= MENTIONED.length,
    );
    expect(mentioned).toEqual(MENTIONED);
    await page.close();
  });

  it('lists the names the bodies mention, and looks one up only when asked, as possible matches', async () => {
    const page = await openMail(ext, THREAD_URL);
    const frame = await sidebarFrame(page, ext.origin);
    const mentioned = await eventually(
      () => frame.$$eval('[data-testid="mention"]', (rows) => rows.map((row) => `${row.getAttribute('data-kind')} ${row.querySelector('[data-testid="mention-name"]')?.textContent ?? ''}`)),
      (found) => found.length >= MENTIONED.length,
    );
    expect(mentioned).toEqual(MENTIONED);
    const heading = await texts(frame, '[data-testid="mentions"] h2');
    expect(heading).toEqual(['Mentioned in this conversation']);

    // Nothing read from the bodies has left the browser: no request names the customer or her company.
    expect(requestsNaming('Dana', 'Whitfield', 'Litware')).toEqual([]);

    await settled();
    expect(requestsNaming('Dana', 'Whitfield', 'Litware')).toEqual([]);
    const before = sourceRequests().length;
    await frame.$eval('[data-testid="mention-lookup"][aria-label="Look up Dana Whitfield"]', (button) => (button as HTMLButtonElement).click());
    const matches = await eventually(
      () => texts(frame, '[data-testid="mention-result"] [data-testid="possible-identities"] [data-testid="identity-handle"]'),
      (found) => found.length === DANA_MATCHES.length,
      30_000,
    );
    expect([...matches].sort()).toEqual(DANA_MATCHES);
    const badges = await texts(frame, '[data-testid="mention-result"] [data-testid="possible-identities"] [data-testid="identity-badge"]');
    expect(badges).toEqual(['Possible match', 'Possible match']);

    // Exactly the name search, once; nothing about the possible matches is fetched until confirmed.
    expect(requestsNaming('Dana', 'Whitfield', 'Litware')).toEqual([
      'https://public.api.bsky.app/xrpc/app.bsky.actor.searchActors?q=Dana Whitfield&limit=10',
    ]);
    const after = sourceRequests().slice(before).map((request) => `${request.host}${request.path}`);
    expect(after).toEqual(['public.api.bsky.app/xrpc/app.bsky.actor.searchActors']);

    // The audit log has it, by kind: a name sent to Bluesky.
    const popup = await openPopup(ext);
    const audit = await eventually(
      () => popup.$$eval('[data-testid="audit-row"]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent).join(' | '))),
      (rows) => rows.some((row) => row.endsWith('a name')),
    );
    expect(audit.filter((row) => row.endsWith('a name'))).toEqual(['Bluesky | public.api.bsky.app | a name']);
    await popup.close();
    await page.close();
  });
});
