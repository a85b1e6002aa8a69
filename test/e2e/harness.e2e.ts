// Smoke test of the e2e harness itself, without Earshot: one fake server on 443, each real browser
// with a tiny probe extension whose background fetches one Bluesky profile. Proves that production host
// names reach the fake server from both a page and an extension background, in Chromium and Firefox,
// and that the extension's own pages can be opened.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchChromium, launchFirefox, openExtensionPage, type BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';

const PROFILE_PATH = '/xrpc/app.bsky.actor.getProfile';
const ACTOR = 'alice.test'; // recorded in test/fixtures/api/bluesky (getProfiles snapshot)
const GMAIL_HTML = '<!doctype html><title>fake gmail</title><h1 id="marker">replica inbox</h1>';

let server: FakeServer;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'earshot-harness-'));
  await mkdir(join(workDir, 'gmail'));
  await writeFile(join(workDir, 'gmail', 'inbox.html'), GMAIL_HTML);
  server = await startFakeServer({ port: 443 });
  server.setStatic('mail.google.com', { dir: join(workDir, 'gmail'), fallbacks: { '/mail/': 'inbox.html' } });
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each<BrowserName>(['chromium', 'firefox'])('harness in %s', (name) => {
  let browser: Browser;
  let extensionOrigin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server.reset();
    const extensionDir = await writeProbeExtension(join(workDir, `probe-${name}`), name);
    const launched =
      name === 'chromium'
        ? await launchChromium({ extensionDir, serverPort: server.port })
        : await launchFirefox({ extensionDir, serverPort: server.port });
    ({ browser, extensionOrigin, close } = launched);
  });

  afterAll(async () => {
    await close?.();
  });

  it('answers the extension background at the production API host, and records exactly that request', async () => {
    await waitFor(() => server.requestsTo('public.api.bsky.app').length > 0, 10_000);
    // Give a duplicate (e.g. a retried request) the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 300));

    const sent = server.requestsTo('public.api.bsky.app');
    expect(sent.map((r) => [r.method, r.path, r.query, r.browserNoise])).toEqual([
      ['GET', PROFILE_PATH, { actor: ACTOR }, false],
    ]);
    expect(sent[0]?.url).toBe(`https://public.api.bsky.app${PROFILE_PATH}?actor=${ACTOR}`);

    // The answer reached the extension: its own page reads what the background stored.
    const page = await openExtensionPage(browser, extensionOrigin, 'status.html');
    await page.waitForSelector('#out[data-done]', { timeout: 10_000 });
    const stored = JSON.parse(await page.$eval('#out', (el) => el.textContent ?? '')) as unknown;
    expect(stored).toEqual({ status: 200, handle: ACTOR, did: 'user(0)' });
    await page.close();
  });

  it('serves the registered HTML at https://mail.google.com/mail/u/0/', async () => {
    const before = server.requestsTo('mail.google.com').length;
    const page = await browser.newPage();
    const response = await page.goto('https://mail.google.com/mail/u/0/#inbox/abc', { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.$eval('#marker', (el) => el.textContent)).toBe('replica inbox');
    expect(await page.evaluate(() => location.href)).toBe('https://mail.google.com/mail/u/0/#inbox/abc');
    const pageLoads = server
      .requestsTo('mail.google.com')
      .slice(before)
      .filter((r) => r.path.startsWith('/mail/'));
    expect(pageLoads.map((r) => r.path)).toEqual(['/mail/u/0/']);
    await page.close();

    const others = server.appRequests().filter((r) => !['public.api.bsky.app', 'mail.google.com'].includes(r.host));
    if (others.length > 0) console.info(`${name}: other requests seen: ${others.map((r) => r.url).join(', ')}`);
  });
});

// The same server, reached from Node through the path-prefix form (no browser): routes and faults.
describe('fake server without a browser', () => {
  const api = (pathAndQuery: string): string => `${server.httpUrl}/public.api.bsky.app${pathAndQuery}`;
  let profileUrl: string;

  beforeAll(() => {
    server.reset();
    profileUrl = api(`${PROFILE_PATH}?actor=${ACTOR}`);
  });

  it('answers recorded Bluesky profiles and feeds, and the recorded 400 for an unknown actor', async () => {
    const profile = await fetch(profileUrl);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ handle: ACTOR, did: 'user(0)', postsCount: 4 });

    const feed = (await (await fetch(api('/xrpc/app.bsky.feed.getAuthorFeed?actor=user(0)&limit=3'))).json()) as {
      feed: Array<{ post: { author: { handle: string } } }>;
      cursor?: string;
    };
    expect(feed.feed.map((item) => item.post.author.handle)).toEqual([ACTOR, ACTOR, ACTOR]);
    expect(feed.cursor).toBe('3');

    expect(await (await fetch(api('/xrpc/app.bsky.feed.getAuthorFeed?actor=eve.test'))).json()).toEqual({ feed: [] });

    const unknown = await fetch(api(`${PROFILE_PATH}?actor=nobody.example.com`));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe('{"error":"InvalidRequest","message":"Profile not found"}');

    expect(server.requestsTo('public.api.bsky.app').map((r) => r.via)).toEqual(Array(4).fill('path-prefix'));
  });

  it('applies faults per host or path prefix, for `times` requests', async () => {
    server.setFault('public.api.bsky.app', { kind: '429', retryAfterSeconds: 7, times: 1 });
    const limited = await fetch(profileUrl);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await fetch(profileUrl)).status).toBe(200); // cleared after one

    server.setFault(`public.api.bsky.app${PROFILE_PATH}`, { kind: '500' });
    expect((await fetch(profileUrl)).status).toBe(500);
    expect((await fetch(api('/xrpc/app.bsky.feed.getAuthorFeed?actor=bob.test'))).status).toBe(200);
    server.setFault(`public.api.bsky.app${PROFILE_PATH}`, null);

    server.setFault('public.api.bsky.app', { kind: 'malformed', body: '{"handle": ', times: 1 });
    expect(await (await fetch(profileUrl)).text()).toBe('{"handle": ');

    server.setFault('public.api.bsky.app', { kind: 'reset', times: 1 });
    await expect(fetch(profileUrl)).rejects.toThrow();

    server.setFault('public.api.bsky.app', { kind: 'hang', times: 1 });
    await expect(fetch(profileUrl, { signal: AbortSignal.timeout(300) })).rejects.toThrow();

    server.setFault('public.api.bsky.app', { kind: 'delay', ms: 200, times: 1 });
    const started = Date.now();
    expect((await fetch(profileUrl)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

/** Polls `done` until it holds or `timeoutMs` passes. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A minimal MV3 extension: on install its background fetches one profile from public.api.bsky.app and
 * stores the outcome; status.html shows what was stored. Chromium runs the background as a service
 * worker, Firefox as an event page (background.scripts), hence two manifests.
 */
async function writeProbeExtension(dir: string, target: BrowserName): Promise<string> {
  await mkdir(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Earshot harness probe',
    version: '1.0.0',
    permissions: ['storage'],
    host_permissions: ['https://public.api.bsky.app/*'],
    ...(target === 'chromium'
      ? { background: { service_worker: 'background.js' } }
      : {
          background: { scripts: ['background.js'] },
          browser_specific_settings: { gecko: { id: 'harness-probe@earshot.test' } },
        }),
  };
  const background = `
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onInstalled.addListener(async () => {
  try {
    const response = await fetch('https://public.api.bsky.app${PROFILE_PATH}?actor=${ACTOR}');
    const body = await response.json();
    await api.storage.local.set({ probe: { status: response.status, handle: body.handle, did: body.did } });
  } catch (error) {
    await api.storage.local.set({ probe: { error: String(error) } });
  }
});
`;
  const status = `
const api = globalThis.browser ?? globalThis.chrome;
const out = document.getElementById('out');
async function show() {
  const { probe } = await api.storage.local.get('probe');
  if (!probe) return setTimeout(show, 50);
  out.textContent = JSON.stringify(probe);
  out.dataset.done = '';
}
show();
`;
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'background.js'), background);
  await writeFile(join(dir, 'status.html'), '<!doctype html><pre id="out"></pre><script src="status.js"></script>');
  await writeFile(join(dir, 'status.js'), status);
  return dir;
}
