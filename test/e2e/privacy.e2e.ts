// The privacy controls end to end, in real Chromium and Firefox with the BUILT extension: every claim the
// popup and the first-run page make is checked at the fake server, which records what left the browser.
//
// Each conversation below is the recorded Gmail replica with its addresses moved to domains of its own
// (conversation n: alice@vN.test, …, rosa.lindqvist@harborviewN.example), so its people are new to
// Earshot and a test that expects nothing to be sent cannot pass merely because a lookup was cached.

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage, type BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from './harness/fake-server';
import { html } from './harness/route-kit';
import { putNote } from './support/messages-state';
import { eventually, launchWithExtension, onboard, openMail, openPopup, setSwitch, sidebarFrame, texts, type RunningExtension } from './support/extension';

/** The slice of the WebExtension API these tests call inside extension pages (`chrome` or `browser`). */
interface ExtensionApi {
  storage: { sync: { get(keys: null): Promise<Record<string, unknown>> }; local: { get(keys: null): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown>; getBackgroundPage(): Promise<Window> };
}
declare const chrome: ExtensionApi;
declare const browser: ExtensionApi | undefined;

const PAGES = resolve(import.meta.dirname, '../fixtures/mail/e2e');
const GRAVATAR = 'api.gravatar.com';
const GITHUB = 'api.github.com';
const BSKY = 'public.api.bsky.app';
const DAY = 24 * 3600_000;
const API_HOSTS = [BSKY, GRAVATAR, GITHUB, 'hn.algolia.com', 'query.wikidata.org'];

let basePage = '';
let server: FakeServer;
let scratch = '';

function conversationPage(n: number): string {
  if (n === 0) return basePage;
  return basePage.replace(/@test\b/g, `@v${n}.test`).replace(/harborview\.example/g, `harborview${n}.example`);
}
const url = (n: number) => `https://mail.google.com/mail/u/${n}/#inbox/1928a4c3e5f60b17`;
const domainOf = (n: number) => (n === 0 ? 'test' : `v${n}.test`);
const companyOf = (n: number) => (n === 0 ? 'harborview.example' : `harborview${n}.example`);
/** The four people Earshot may look up in conversation n (the signed-in jane@… is never looked up). */
const people = (n: number) => [`alice@${domainOf(n)}`, `bob@${domainOf(n)}`, `carol@${domainOf(n)}`, `rosa.lindqvist@${companyOf(n)}`];
const self = (n: number) => `jane@${companyOf(n)}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the extension sent to anything but the mail page (the browsers' own traffic left out). */
const apiRequests = (): RecordedRequest[] => server.appRequests().filter((r) => r.host !== 'mail.google.com');
const decodedUrl = (r: RecordedRequest) => decodeURIComponent(r.url.replace(/\+/g, ' '));

/** Waits until the lookups a conversation started have finished: no new request for 1.5 s. */
async function settle(minimumMs = 2_000): Promise<void> {
  await new Promise((wait) => setTimeout(wait, minimumMs));
  let count = -1;
  const deadline = Date.now() + 30_000;
  while (count !== apiRequests().length && Date.now() < deadline) {
    count = apiRequests().length;
    await new Promise((wait) => setTimeout(wait, 1_500));
  }
}

/** Opens conversation n in a new tab, waits for its sidebar and for its lookups to finish. */
async function lookAt(ext: RunningExtension, n: number): Promise<Page> {
  const page = await openMail(ext, url(n));
  const frame = await sidebarFrame(page, ext.origin);
  // Colleagues are listed only on request, so wait for the last participant everyone sees.
  await eventually(() => texts(frame, '.participant .name'), (names) => names.includes('carol'));
  await settle();
  return page;
}

async function addToList(page: Page, list: string, entry: string): Promise<void> {
  await page.click(`#${list}-input`);
  await page.type(`#${list}-input`, entry);
  await page.keyboard.press('Enter');
  await eventually(() => texts(page, `[data-testid="${list}"] .entry-text`), (entries) => entries.includes(entry.toLowerCase()));
}

/** The stored settings, read in an extension page. */
async function storedAreas(page: Page): Promise<{ sync: Record<string, unknown>; local: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const api = typeof browser === 'undefined' ? chrome : browser;
    return { sync: await api.storage.sync.get(null), local: await api.storage.local.get(null) };
  });
}

/** Every object store's primary keys, read with the raw IndexedDB API in an extension page. */
async function storedKeys(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('earshot');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const keys: Record<string, string[]> = {};
    for (const name of [...db.objectStoreNames]) {
      keys[name] = await new Promise<string[]>((ok) => {
        const request = db.transaction(name).objectStore(name).getAllKeys();
        request.onsuccess = () => ok(request.result.map((key) => String(key)).sort());
      });
    }
    db.close();
    return keys;
  });
}

const countsOf = (keys: Record<string, string[]>) => Object.fromEntries(Object.entries(keys).map(([name, list]) => [name, list.length]));

/**
 * Runs retention in the real background as if the clock read `now`, through the hook main.ts puts on the
 * background's global (no message reaches it): over DevTools in Chromium's service worker, through
 * runtime.getBackgroundPage() in Firefox's event page.
 */
async function runRetention(ext: RunningExtension, now: number): Promise<Record<string, number | null>> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  try {
    if (ext.name === 'firefox') {
      return await page.evaluate(async (at) => {
        const background = await (browser as ExtensionApi).runtime.getBackgroundPage();
        const hook = (background as unknown as { earshot: { runRetention(at: number): Promise<unknown> } }).earshot;
        return JSON.parse(JSON.stringify(await hook.runRetention(at))) as Record<string, number | null>;
      }, now);
    }
    // A stopped worker starts for any message (this one the router refuses).
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined));
    const target = await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`${ext.origin}/`), { timeout: 15_000 });
    const worker = await target.worker();
    if (!worker) throw new Error('no service worker');
    return await worker.evaluate(async (at) => {
      const hook = (globalThis as unknown as { earshot: { runRetention(at: number): Promise<unknown> } }).earshot;
      return JSON.parse(JSON.stringify(await hook.runRetention(at))) as Record<string, number | null>;
    }, now);
  } finally {
    await page.close();
  }
}

/** Clicks Export in the popup and returns the file's text (the download itself is stopped in the page). */
async function exportFromPopup(popup: Page): Promise<string> {
  await popup.evaluate(() => {
    const w = window as unknown as { exports: Blob[]; downloads: string[] };
    w.exports = [];
    w.downloads = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      w.exports.push(blob as Blob);
      return original(blob);
    };
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      w.downloads.push(this.download);
    };
  });
  await popup.click('#export');
  await eventually(() => popup.evaluate(() => (window as unknown as { exports: Blob[] }).exports.length), (n) => n === 1);
  const downloads = await popup.evaluate(() => (window as unknown as { downloads: string[] }).downloads);
  expect(downloads).toEqual([`earshot-export-${new Date().toISOString().slice(0, 10)}.json`]);
  return popup.evaluate(() => (window as unknown as { exports: Blob[] }).exports[0]!.text());
}

beforeAll(async () => {
  basePage = await readFile(resolve(PAGES, 'gmail-bluesky-people.html'), 'utf8');
  scratch = await mkdtemp(join(tmpdir(), 'earshot-privacy-'));
  server = await startFakeServer({ port: 443 });
});
afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe.each<BrowserName>(['chromium', 'firefox'])('privacy controls in %s', (name) => {
  let ext: RunningExtension;

  beforeAll(async () => {
    server.reset();
    server.setStatic('mail.google.com', (request) => {
      const account = /^\/mail\/u\/(\d+)\//.exec(request.path);
      return account ? html(conversationPage(Number(account[1]))) : undefined;
    });
    ext = await launchWithExtension(name, server.port);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('opens the first-run page on install, says what each source sends where, and looks nothing up before the choice', async () => {
    const hrefs = () => ext.browser.pages().then((pages) => Promise.all(pages.map((p) => p.evaluate(() => location.href).catch(() => ''))));
    await eventually(hrefs, (list) => list.includes(`${ext.origin}/onboarding.html`));

    const page = await openExtensionPage(ext.browser, ext.origin, 'onboarding.html');
    await page.waitForSelector('[data-testid="start"]');
    expect(await page.$eval('[data-testid="source-gravatar-what"]', (el) => el.textContent)).toBe('Sends SHA-256 of the address to api.gravatar.com.');
    expect(await page.$eval('[data-testid="source-bluesky-what"]', (el) => el.textContent)).toBe('Sends a handle, a domain and a name to public.api.bsky.app.');
    expect(await page.$eval('#github-email-search-sends', (el) => el.textContent)).toContain('Sends the address itself to api.github.com.');
    expect(await page.$eval('#github-email-search', (el) => (el as HTMLInputElement).checked)).toBe(false);
    await page.close();

    server.reset();
    const mail = await openMail(ext, url(1));
    await sidebarFrame(mail, ext.origin);
    await new Promise((wait) => setTimeout(wait, 2_000));
    expect(apiRequests()).toEqual([]);
    await mail.close();
  });

  it('sends Gravatar a SHA-256 hash and never the address; GitHub email search sends nothing while off', async () => {
    await onboard(ext);
    server.reset();
    const page = await lookAt(ext, 0);

    const gravatar = server.requestsTo(GRAVATAR);
    expect(gravatar.every((r) => /^\/v3\/profiles\/[0-9a-f]{64}$/.test(r.path) && Object.keys(r.query).length === 0)).toBe(true);
    expect(gravatar.map((r) => r.path.slice('/v3/profiles/'.length)).sort()).toEqual(people(0).map(sha256).sort());
    expect(server.requestsTo(GITHUB)).toEqual([]);
    // No address, not even the local part with its domain, left the browser for any host.
    for (const address of [...people(0), self(0)]) {
      expect(apiRequests().filter((r) => decodedUrl(r).includes(address)).map((r) => r.url)).toEqual([]);
    }

    // Rosa's fediverse server needs a permission nobody granted: nothing went there, the sidebar says why,
    // and the popup lists the server with an Allow button.
    expect(server.requestsTo(companyOf(0))).toEqual([]);
    const frame = await sidebarFrame(page, ext.origin);
    await (await frame.$$('.participant'))[3]?.click();
    await eventually(() => texts(frame, '[data-testid="source-skipped"]'), (lines) => lines.some((line) => line.includes(`needs your permission to reach ${companyOf(0)}`)));
    await page.close();

    const popup = await openPopup(ext);
    await popup.waitForSelector('[data-testid="pending-hosts"]');
    expect(await texts(popup, '[data-testid="pending-hosts"] .entry button')).toEqual(['Allow']);
    expect(await popup.$eval('[data-testid="pending-hosts"] .entry button', (el) => el.getAttribute('aria-label'))).toBe(`Allow Earshot to reach ${companyOf(0)}`);
    // The audit log shows what was sent, by kind, never the value.
    await popup.waitForSelector('[data-testid="audit-row"]');
    const rows = await popup.$$eval('[data-testid="audit-row"]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    // The log holds what the background sent, and the pictures the sidebar loaded (nothing identifying
    // sent); every lookup request the server saw is there.
    const sourceRequests = apiRequests().filter((r) => API_HOSTS.includes(r.host));
    expect(rows.map(([, host]) => host).filter((host) => API_HOSTS.includes(host ?? '')).sort()).toEqual(sourceRequests.map((r) => r.host).sort());
    expect(rows.filter(([, host]) => host === GRAVATAR).map(([source, , kind]) => `${source}: ${kind}`))
      .toEqual(Array(4).fill('Gravatar: SHA-256 of the address'));
    await popup.close();
  });

  it('GitHub email search, once turned on, sends the address to GitHub\'s search and nowhere else', async () => {
    const popup = await openPopup(ext);
    await setSwitch(popup, '#github-email-search', true);
    await popup.close();
    server.reset();
    const page = await lookAt(ext, 2);
    const searches = server.requestsTo(GITHUB).map((r) => `${r.path} ${r.query.q}`).sort();
    expect(searches).toEqual(people(2).flatMap((address) => [`/search/commits author-email:${address}`, `/search/users ${address} in:email`]).sort());
    for (const address of people(2)) {
      expect(apiRequests().filter((r) => r.host !== GITHUB && decodedUrl(r).includes(address)).map((r) => r.url)).toEqual([]);
    }
    await page.close();
    const again = await openPopup(ext);
    await setSwitch(again, '#github-email-search', false);
    await again.close();
  });

  it('a source switched off receives zero requests', async () => {
    const popup = await openPopup(ext);
    await setSwitch(popup, '#source-gravatar', false);
    await popup.close();
    server.reset();
    const page = await lookAt(ext, 3);
    expect(server.requestsTo(GRAVATAR)).toEqual([]);
    // The others did look these people up: the silence is the switch, not an idle extension.
    expect(server.requestsTo(BSKY).length).toBeGreaterThan(0);
    await page.close();
    const again = await openPopup(ext);
    await setSwitch(again, '#source-gravatar', true);
    await again.close();
  });

  it('paused, nothing leaves; resumed, lookups start again', async () => {
    const popup = await openPopup(ext);
    await popup.click('#pause-hour');
    await popup.waitForSelector('[data-testid="pause-state"]');
    expect(await popup.$eval('[data-testid="pause-state"]', (el) => el.textContent)).toMatch(/^Paused until .+: nothing is looked up\.$/);
    await popup.close();

    server.reset();
    const page = await openMail(ext, url(4));
    await sidebarFrame(page, ext.origin);
    await new Promise((wait) => setTimeout(wait, 3_000));
    expect(apiRequests()).toEqual([]);
    await page.close();

    const again = await openPopup(ext);
    await again.click('#resume');
    await again.waitForSelector('#pause-hour');
    await again.close();
  });

  it('"my domains" is suggested from the signed-in address, and colleagues are never looked up', async () => {
    const popup = await openPopup(ext);
    // Conversation 4 was opened while paused: its signed-in address is the newest the popup knows.
    await popup.waitForSelector('#my-domains-suggest');
    expect(await popup.$eval('#my-domains-suggest', (el) => el.textContent)).toBe(`Add ${companyOf(4)}`);
    await popup.click('#my-domains-suggest');
    await eventually(() => texts(popup, '[data-testid="my-domains"] .entry-text'), (entries) => entries.join() === companyOf(4));
    await popup.close();

    server.reset();
    const page = await lookAt(ext, 4);
    expect(server.requestsTo(GRAVATAR).map((r) => r.path.slice('/v3/profiles/'.length)).sort())
      .toEqual(people(4).slice(0, 3).map(sha256).sort());
    expect(apiRequests().filter((r) => /rosa|harborview/.test(decodedUrl(r))).map((r) => r.url)).toEqual([]);
    await page.close();
  });

  it('an excluded address or domain: nothing about them leaves', async () => {
    const popup = await openPopup(ext);
    await addToList(popup, 'exclusions', `Alice@V6.test`);
    await addToList(popup, 'exclusions', companyOf(6));
    await popup.close();

    server.reset();
    const page = await lookAt(ext, 6);
    expect(server.requestsTo(GRAVATAR).map((r) => r.path.slice('/v3/profiles/'.length)).sort())
      .toEqual([`bob@${domainOf(6)}`, `carol@${domainOf(6)}`].map(sha256).sort());
    expect(apiRequests().filter((r) => /alice|rosa|harborview/.test(decodedUrl(r))).map((r) => r.url)).toEqual([]);
    await page.close();
  });

  it('a site switched off in the popup leaves every open mail tab at once, and comes back, without a reload', async () => {
    const page = await openMail(ext, url(0));
    await sidebarFrame(page, ext.origin);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const docked = () => page.evaluate(() => document.querySelector('earshot-dock') !== null);
    expect(await docked()).toBe(true);

    const popup = await openPopup(ext);
    await setSwitch(popup, '#site-gmail', false);
    await eventually(docked, (present) => !present);
    await setSwitch(popup, '#site-gmail', true);
    await eventually(docked, (present) => present);
    await popup.close();
    const frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '.participant .name'), (names) => names.includes('Rosa Lindqvist'));
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.close();
  });

  it('the popup works with the keyboard alone', async () => {
    const popup = await openPopup(ext);
    await popup.waitForSelector('[data-testid="audit-row"]');
    // Every control is reached by Tab, in document order, and nothing else takes focus.
    const controls = await popup.$$eval('input:not([disabled]), button:not([disabled]), a[href], [tabindex="0"]', (els) => els.map((el) => el.id || el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName));
    // Tab enters a radio group once, at its checked radio.
    const expected = controls.filter((id) => !id.startsWith('retention-') || id === 'retention-30');
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: string[] = [];
    for (let i = 0; i < expected.length; i += 1) {
      await popup.keyboard.press('Tab');
      reached.push(await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.id || el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName;
      }));
    }
    expect(reached).toEqual(expected);

    // Space flips a switch; Enter adds to a list; the list entry's own button removes it.
    await popup.focus('#source-hackernews');
    await popup.keyboard.press(' ');
    await eventually(() => popup.$eval('#source-hackernews', (el) => (el as HTMLInputElement).checked), (checked) => !checked);
    await popup.keyboard.press(' ');
    await eventually(() => popup.$eval('#source-hackernews', (el) => (el as HTMLInputElement).checked), (checked) => checked);
    await popup.focus('#brands-input');
    await popup.keyboard.type('Harborview');
    await popup.keyboard.press('Enter');
    await eventually(() => texts(popup, '[data-testid="brands"] .entry-text'), (entries) => entries.join() === 'Harborview');
    await popup.keyboard.press('Tab'); // Add
    await popup.keyboard.press('Tab'); // Remove Harborview
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove Harborview from Company and brand names');
    await popup.keyboard.press('Enter');
    await eventually(() => texts(popup, '[data-testid="brands"] .entry-text'), (entries) => entries.length === 0);
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('brands-input');
    // The retention choice moves with the arrow keys.
    await popup.focus('#retention-30');
    await popup.keyboard.press('ArrowRight');
    await eventually(() => popup.$eval('#retention-90', (el) => (el as HTMLInputElement).checked), (checked) => checked);
    await popup.keyboard.press('ArrowLeft');
    await eventually(() => popup.$eval('#retention-30', (el) => (el as HTMLInputElement).checked), (checked) => checked);
    // Erase: Enter opens the confirmation with Cancel focused; Escape closes it and gives focus back.
    await popup.focus('#erase');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#erase-confirm');
    await eventually(() => popup.evaluate(() => document.activeElement?.id), (id) => id === 'erase-cancel');
    await popup.keyboard.press('Escape');
    await eventually(() => popup.$('#erase-confirm'), (el) => el === null);
    await eventually(() => popup.evaluate(() => document.activeElement?.id), (id) => id === 'erase');
    await popup.close();
  });

  it('with the clock moved forward, retention removes old rows and keeps notes', async () => {
    const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
    await putNote(page, { personId: `bob@${domainOf(0)}`, text: 'Met at the harbour fair', updatedAt: Date.now() });
    const before = countsOf(await storedKeys(page));
    expect(before.posts).toBeGreaterThan(0);
    expect(before.identities).toBeGreaterThan(0);
    expect(before.people).toBeGreaterThan(5);

    // Today nothing is old enough (default period: 30 days).
    expect(await runRetention(ext, Date.now())).toMatchObject({ people: 0, identities: 0, posts: 0, threads: 0, requestLog: 0 });
    expect(countsOf(await storedKeys(page))).toEqual(before);

    const result = await runRetention(ext, Date.now() + 31 * DAY);
    expect(result).toMatchObject({ people: before.people! - 1, identities: before.identities, posts: before.posts, threads: before.threads, requestLog: before.requestLog });
    const after = await storedKeys(page);
    expect(countsOf(after)).toEqual({ people: 1, identities: 0, posts: 0, notes: 1, threads: 0, requestLog: 0, jobs: 0 });
    expect(after.notes).toEqual([`bob@${domainOf(0)}`]);
    expect((await storedAreas(page)).local.pendingHosts ?? []).toEqual([]);
    await page.close();

    const popup = await openPopup(ext);
    await eventually(() => texts(popup, '[data-testid="counts"] dd'), (counts) => counts.join() === '1,0,0,1,0,0,0');
    await popup.close();
  });

  it('export contains everything stored; erase leaves zero rows and a working, empty extension; the export re-imports', async () => {
    // Fresh data for people the retention run forgot.
    server.reset();
    const mail = await lookAt(ext, 0);
    await mail.close();
    const popup = await openPopup(ext);
    const fileText = await exportFromPopup(popup);
    const exported = JSON.parse(fileText) as Record<string, unknown> & { settings: Record<string, unknown> };
    const keys = await storedKeys(popup);
    const areas = await storedAreas(popup);
    expect(exported).toMatchObject({ format: 'earshot-export', version: 1, schemaVersion: 1 });
    const exportedKeys = {
      people: (exported.people as { id: string }[]).map((r) => r.id).sort(),
      identities: (exported.identities as { id: string }[]).map((r) => r.id).sort(),
      posts: (exported.posts as { id: string }[]).map((r) => r.id).sort(),
      notes: (exported.notes as { personId: string }[]).map((r) => r.personId).sort(),
      threads: (exported.threads as { key: string }[]).map((r) => r.key).sort(),
      requestLog: (exported.requestLog as { id: number }[]).map((r) => String(r.id)).sort(),
    };
    expect(exportedKeys).toEqual({ people: keys.people, identities: keys.identities, posts: keys.posts, notes: keys.notes, threads: keys.threads, requestLog: keys.requestLog });
    expect(exportedKeys.posts.length).toBeGreaterThan(0);
    expect(exported.settings).toEqual(areas.sync.settings);
    expect(exported.pendingHosts).toEqual(areas.local.pendingHosts ?? []);
    const file = join(scratch, `${name}-export.json`);
    await writeFile(file, fileText);

    // Erase, with its confirmation.
    await popup.click('#erase');
    await popup.waitForSelector('#erase-confirm-button');
    await popup.click('#erase-confirm-button');
    await eventually(() => texts(popup, '[data-testid="status"]'), (lines) => lines.join() === 'Everything is erased. Earshot looks nothing up until you choose your sources again.');
    expect(countsOf(await storedKeys(popup))).toEqual({ people: 0, identities: 0, posts: 0, notes: 0, threads: 0, requestLog: 0, jobs: 0 });
    expect(await storedAreas(popup)).toEqual({ sync: {}, local: {} });
    await popup.waitForSelector('[data-testid="not-onboarded"]');
    await eventually(() => texts(popup, '[data-testid="counts"] dd'), (counts) => counts.join() === '0,0,0,0,0,0,0');

    // Still working: a conversation opens, its sidebar asks for the first-run choice, nothing is sent.
    server.reset();
    const after = await openMail(ext, url(8));
    const frame = await sidebarFrame(after, ext.origin);
    await frame.waitForSelector('.banner');
    await new Promise((wait) => setTimeout(wait, 2_000));
    expect(apiRequests()).toEqual([]);
    await after.close();

    // Import the file: every record and the settings come back.
    const input = await popup.$('#import-file');
    if (!input) throw new Error('no file input');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    await eventually(() => texts(popup, '[data-testid="status"]'), (lines) => /^Imported \d+ records and the file's settings\.$/.test(lines.join()));
    const restored = await storedKeys(popup);
    // Audit entries get new ids on import; every other key is the one exported.
    expect({ ...restored, requestLog: restored.requestLog!.length, jobs: [] }).toEqual({ ...keys, requestLog: keys.requestLog!.length, jobs: [] });
    expect((await storedAreas(popup)).sync.settings).toEqual(exported.settings);
    await eventually(() => popup.$('[data-testid="not-onboarded"]'), (banner) => banner === null);
    await popup.close();

    // And lookups run again for someone new.
    server.reset();
    const next = await lookAt(ext, 9);
    expect(server.requestsTo(BSKY).length).toBeGreaterThan(0);
    await next.close();
  });
});
