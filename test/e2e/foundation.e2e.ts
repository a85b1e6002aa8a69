// The foundation slice end to end, in real Chromium and Firefox with the BUILT extension: a Gmail
// replica at https://mail.google.com, recorded Bluesky AppView answers at https://public.api.bsky.app,
// first-run choice, the docked sidebar, the request log, and the popup's per-source switch.

import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';
import { eventually, launchWithExtension, onboard, openMail, openPopup, setSwitch, sidebarFrame, texts, type RunningExtension } from './support/extension';

const PAGES = resolve(import.meta.dirname, '../fixtures/mail/e2e');
const BSKY = 'public.api.bsky.app';
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/1928a4c3e5f60b17';
const SECOND_THREAD_URL = 'https://mail.google.com/mail/u/1/#inbox/1928a4c3e5f60d22';

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer({ port: 443 });
});
afterAll(async () => {
  await server?.close();
});

describe.each<BrowserName>(['chromium', 'firefox'])('Earshot foundation in %s', (name) => {
  let ext: RunningExtension;

  beforeAll(async () => {
    server.reset();
    server.setStatic('mail.google.com', { dir: PAGES, fallbacks: { '/mail/u/0/': 'gmail-bluesky-people.html', '/mail/u/1/': 'gmail-bluesky-people-2.html' } });
    ext = await launchWithExtension(name, server.port);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('looks nothing up before the first-run choice', async () => {
    const page = await openMail(ext, THREAD_URL);
    const frame = await sidebarFrame(page, ext.origin);
    await frame.waitForSelector('.banner');
    expect(await texts(frame, '.banner')).toEqual(['Choose what Earshot may look up: open the Earshot menu to start.']);
    await new Promise((wait) => setTimeout(wait, 1_000));
    expect(server.requestsTo(BSKY)).toEqual([]);
    await page.close();
  });

  it('shows the people of the open conversation with their Bluesky identities and posts', async () => {
    await onboard(ext);
    server.reset();
    const page = await openMail(ext, THREAD_URL);
    const frame = await sidebarFrame(page, ext.origin);

    expect(await frame.$eval('.subject', (el) => el.textContent)).toBe('Q3 freight rate renewal 📦 revised proposal');
    const participants = await texts(frame, '.participant .name');
    expect(participants).toEqual(['ali', 'bobby', 'carol', 'Rosa Lindqvist']);

    // The sender first: alice.test, verified by her own mail domain, and her four recorded posts.
    await eventually(() => texts(frame, '[data-testid="post-text"]'), (posts) => posts.length === 4);
    // The recorded posts all carry the snapshot's normalised date (1970-01-01), so their order among
    // themselves is not meaningful: compare them as a set.
    expect(await texts(frame, '[data-testid="person-name"]')).toEqual(['ali']);
    expect(await texts(frame, '[data-testid="identity-handle"]')).toEqual(['alice.test']);
    expect(await texts(frame, '[data-testid="identity-badge"]')).toEqual(['Domain-verified']);
    expect((await texts(frame, '[data-testid="post-text"]')).sort()).toEqual(['again', 'hey there', 'thanks bob', 'yoohoo label_me']);

    // Another participant, one click away.
    const bobButton = (await frame.$$('.participant'))[1];
    await bobButton?.click();
    await eventually(() => texts(frame, '[data-testid="identity-handle"]'), (handles) => handles.join() === 'bob.test');
    await eventually(() => texts(frame, '[data-testid="post-text"]'), (posts) => posts.length === 3);

    // What left the browser: the candidate handles of each person in one profile lookup (getProfile for a
    // lone candidate, getProfiles for several), and one feed per identity found.
    await eventually(async () => server.requestsTo(BSKY).length, (count) => count >= 7);
    await new Promise((wait) => setTimeout(wait, 500));
    const sent = server.requestsTo(BSKY).map((r) => `${r.path}?${new URL(r.url).searchParams.toString()}`).sort();
    expect(sent).toEqual([
      '/xrpc/app.bsky.actor.getProfile?actor=alice.test',
      '/xrpc/app.bsky.actor.getProfile?actor=bob.test',
      '/xrpc/app.bsky.actor.getProfile?actor=carol.test',
      '/xrpc/app.bsky.actor.getProfiles?actors=rosa.lindqvist.harborview.example&actors=rosalindqvist.harborview.example&actors=harborview.example',
      '/xrpc/app.bsky.feed.getAuthorFeed?actor=user%280%29&limit=20',
      '/xrpc/app.bsky.feed.getAuthorFeed?actor=user%282%29&limit=20',
      '/xrpc/app.bsky.feed.getAuthorFeed?actor=user%283%29&limit=20',
    ]);
    await page.close();
  });

  it('sends nothing to a source switched off in the popup', async () => {
    const popup = await openPopup(ext);
    expect(await popup.$eval('#source-bluesky', (el) => (el as HTMLInputElement).checked)).toBe(true);
    await setSwitch(popup, '#source-bluesky', false);
    await popup.close();

    server.reset();
    const page = await openMail(ext, SECOND_THREAD_URL);
    const frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '.participant .name'), (names) => names.join() === 'dan,eve,frank,Rosa Lindqvist');
    await new Promise((wait) => setTimeout(wait, 1_500));
    expect(server.requestsTo(BSKY)).toEqual([]);
    await page.close();
  });
});
