// A hostile world, end to end in real Chromium and Firefox ESR with the BUILT extension: the hostile corpus
// (test/fixtures/hostile/) served by the fake HTTPS server at the production host names
// (harness/routes/hostile.ts), fetched, validated, parsed and stored by the real service worker, and
// shown by the real sidebar, for every hostile person of a hostile Gmail conversation; then the stress
// conversations (10,000 people, a 10 MB body, a 1 MB name) and the Outlook replicas with hostile names,
// through the real adapters in the page and the docked sidebar.
//
// Counted over the whole run: requests that reached the canary host (any payload that ran or loaded
// something calls it), the page-side flag payloads set, uncaught errors in the mail pages, the sidebar
// and the service worker, and console errors (a blocked inline script or style is one). All must be 0,
// and every case's valid parts must be shown. One summary line prints the figures.
//
// Uncaught errors of the background are watched in Chromium (its service worker over DevTools); Firefox
// runs an event page that WebDriver BiDi does not expose, so there the pages are watched and the
// background's work is judged by what the sidebar shows.
//
// Request budgets (src/background/scheduler/limits.ts): the run stays inside every source's budget
// rather than waiting for the queue. The largest are GitHub (60 an hour: GITHUB_E2E_BUDGET cases of up
// to 3 requests) and Gravatar (100 an hour: one request per hostile person).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_HOST } from '../fixtures/hostile/kit';
import { NAME_CASES, OUTLOOK_CASES, STRESS_CASES, hostileSenderName } from '../fixtures/hostile/mail';
import { SOURCE_CASES, type HostileSource } from '../fixtures/hostile/world';
import { openExtensionPage, type BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';
import { HOSTILE_WORLD } from './harness/routes/hostile';
import { eventually, sidebarFrame, texts } from './support/extension';
import { launchHostile, type HostileBrowser } from './support/hostile-browser';
import { arrived, expectationOf, problems, readPerson } from './support/hostile-person';
import { HOSTILE_GMAIL_URL, hostileGmail, hostileOutlook, outlookUrl, stressUrl } from './support/hostile-sites';
import { ExecutionWatch, dangerousMarkup, pwned } from './support/hostile-watch';

const PEOPLE = HOSTILE_WORLD.people;
/** The most people of one conversation the background accepts (src/shared/message-schemas.ts). */
const MAX_PARTICIPANTS = 500;

let server: FakeServer;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'earshot-hostile-'));
  server = await startFakeServer({ port: 443 });
  server.setStatic('mail.google.com', hostileGmail(PEOPLE));
  server.setStatic('outlook.office.com', hostileOutlook);
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The request that shows a source's case was asked for at all (its fake answer was served). */
function askedFor(source: HostileSource, personIndex: number): boolean {
  const s = PEOPLE[personIndex]!.slot;
  const requests = server.requests;
  const hit = (host: string, test: (path: string, query: Record<string, string>) => boolean) =>
    requests.some((request) => request.host === host && test(request.path, request.query));
  switch (source) {
    case 'bluesky': return requests.some((request) => request.host === 'public.api.bsky.app'
      && (request.query.actor === s.blueskyHandle || new URL(request.url).searchParams.getAll('actors').includes(s.blueskyHandle)));
    case 'gravatar': return hit('api.gravatar.com', (p) => p.startsWith('/v3/profiles/'));
    case 'github': return hit('api.github.com', (p) => p === `/users/${s.githubLogin}`);
    case 'mastodon': return hit(s.domain, (p) => p === '/.well-known/webfinger');
    case 'hackernews': return hit('hn.algolia.com', (_p, q) => q.query === s.domain);
    case 'wikidata': return hit('query.wikidata.org', (_p, q) => (q.query ?? '').includes(`//${s.domain}/`));
    case 'companySite': return hit(s.domain, (p) => p === '/');
  }
}

async function selectParticipant(page: Page, index: number): Promise<void> {
  await page.$$eval('.participant', (buttons, i) => (buttons[i] as HTMLButtonElement).click(), index);
}

describe.each(['chromium', 'firefox'] as BrowserName[])('a hostile world in %s', (name) => {
  let ext: HostileBrowser;
  let origin: string;
  const watch = new ExecutionWatch();
  /** What the summary line reports. */
  const figures = {
    tried: {} as Record<string, number>,
    failures: [] as string[],
    /** Stress conversations the sidebar did not list (the background and the dock refuse them whole). */
    refused: [] as string[],
  };
  /** The failures one test added, for its own assertion (the summary counts them all). */
  const failuresSince = (count: number): string[] => figures.failures.slice(count);
  const checkNoExecution = async (contexts: Array<[string, Page | Frame]>): Promise<void> => {
    for (const [label, context] of contexts) {
      if (await pwned(context)) figures.failures.push(`${label}: a payload set the page flag`);
    }
  };

  beforeAll(async () => {
    ext = await launchHostile(name, server.port, join(workDir, name));
    origin = ext.origin;
    if (ext.serviceWorker) await watch.watchWorker(await ext.serviceWorker());
    server.reset();
  }, 90_000);

  afterAll(async () => {
    await watch.detach();
    await ext?.close();
    const canaryHits = server.requestsTo(CANARY_HOST).length;
    const tried = Object.entries(figures.tried).map(([source, count]) => `${source} ${count}`).join(', ');
    const total = Object.values(figures.tried).reduce((sum, count) => sum + count, 0);
    console.log(`hostile corpus (${name}): ${total} cases tried (${tried}); canary hits ${canaryHits}; ` +
      `uncaught errors ${watch.uncaught.length}; console errors ${watch.consoleErrors.length}; failures ${figures.failures.length}; ` +
      `stress conversations refused whole ${figures.refused.length} (${figures.refused.join(', ') || 'none'})`);
  });

  it(`shows every hostile person's valid parts, and runs nothing (${PEOPLE.length} people)`, async () => {
    const before = figures.failures.length;
    const mail = await ext.browser.newPage();
    watch.watchPage(mail, 'gmail page');
    await mail.goto(HOSTILE_GMAIL_URL);
    const docked = await sidebarFrame(mail, origin, 30_000);
    const names = PEOPLE.map((_, i) => hostileSenderName(i));
    await eventually(() => texts(docked, '.participant .name'), (shown) => shown.length === PEOPLE.length, 30_000);
    // The names the sender chose, as text: the docked sidebar lists exactly the adapter's names.
    expect(await texts(docked, '.participant .name')).toEqual(names);

    // The browser's own side panel page shows the newest conversation: the same people, in a tab of its own.
    const panel = await openExtensionPage(ext.browser, origin, 'sidebar.html');
    watch.watchPage(panel, 'sidebar');
    await eventually(() => texts(panel, '.participant .name'), (shown) => shown.join('\n') === names.join('\n'), 30_000);

    for (const [index, person] of PEOPLE.entries()) {
      await selectParticipant(panel, index);
      const expected = expectationOf(person);
      const state = await eventually(() => readPerson(panel), (s) => s.name === names[index] && arrived(s, expected), 45_000)
        .catch(async () => readPerson(panel));
      figures.failures.push(...problems(state, expected, person.slot));
      for (const { source } of expected.cases) {
        if (askedFor(source, index)) figures.tried[source] = (figures.tried[source] ?? 0) + 1;
        else figures.failures.push(`${person[source]?.id}: never asked for`);
      }
      for (const finding of await dangerousMarkup(panel)) figures.failures.push(`${person.slot.key}: sidebar holds ${finding}`);
    }
    await checkNoExecution([['gmail page', mail], ['docked sidebar', docked], ['sidebar', panel]]);
    for (const finding of await dangerousMarkup(docked)) figures.failures.push(`docked sidebar holds ${finding}`);

    // Every hostile display name went through the adapter and the sidebar as the sender wrote it.
    figures.tried.gmail = Math.min(NAME_CASES.length, PEOPLE.length);
    expect(failuresSince(before)).toEqual([]);
    await panel.close();
    await mail.close();
  }, 420_000);

  it(`reads the stress conversations without losing the page (${STRESS_CASES.length} cases)`, async () => {
    const before = figures.failures.length;
    const mail = await ext.browser.newPage();
    watch.watchPage(mail, 'gmail page');
    for (const [index, stress] of STRESS_CASES.entries()) {
      await mail.goto(stressUrl(index));
      const docked = await sidebarFrame(mail, origin, 60_000);
      // The background takes at most MAX_PARTICIPANTS people of a conversation; a content script that cuts
      // the list there (rather than sending all of it) gets the first ones listed.
      const listed = Math.min(stress.participants, MAX_PARTICIPANTS);
      const shown = await eventually(() => docked.$$eval('.participant .name', (els) => els.map((el) => (el.textContent ?? '').trim())),
        (list) => list.length === listed, 10_000).catch(() => [] as string[]);
      if (shown.length === 0) {
        // Refused whole (more than 500 people, a name over 320 characters): the sidebar still answers.
        figures.refused.push(stress.id);
        expect(await texts(docked, 'main.sidebar .state')).toEqual(['Open a conversation to see who is in it.']);
      } else {
        if (shown.length !== listed) figures.failures.push(`${stress.id}: the sidebar lists ${shown.length} people, expected ${listed}`);
        for (const name of stress.names) if (!shown.includes(name)) figures.failures.push(`${stress.id}: ${name} not listed`);
      }
      // The mail page is still the user's: it answers at once.
      expect(await mail.evaluate(() => document.title.length > 0)).toBe(true);
      await checkNoExecution([[`${stress.id} page`, mail], [`${stress.id} docked sidebar`, docked]]);
      for (const finding of await dangerousMarkup(docked)) figures.failures.push(`${stress.id}: docked sidebar holds ${finding}`);
      figures.tried.gmail = (figures.tried.gmail ?? 0) + 1;
    }
    expect(failuresSince(before)).toEqual([]);
    await mail.close();
  }, 180_000);

  it(`shows hostile Outlook names as text (${OUTLOOK_CASES.length} cases)`, async () => {
    const before = figures.failures.length;
    const mail = await ext.browser.newPage();
    watch.watchPage(mail, 'outlook page');
    for (const [index, outlookCase] of OUTLOOK_CASES.entries()) {
      await mail.goto(outlookUrl(index));
      const docked = await sidebarFrame(mail, origin, 30_000);
      const expected = outlookCase.addresses ? undefined : [outlookCase.names[0], outlookCase.names[1], 'Priya Natarajan', outlookCase.names[2]].map((name) => name.replace(/\s+/g, ' ').trim());
      // The sidebar orders people by role (senders first), so the names are compared as sets.
      const sorted = (list: string[]) => [...list].sort().join('\n');
      const shown = await eventually(() => texts(docked, '.participant .name'),
        (list) => (expected ? sorted(list) === sorted(expected) : list.length > 0), 30_000).catch(() => [] as string[]);
      if (expected && sorted(shown) !== sorted(expected)) figures.failures.push(`${outlookCase.id}: names ${JSON.stringify(shown)}`);
      await checkNoExecution([[`${outlookCase.id} page`, mail], [`${outlookCase.id} docked sidebar`, docked]]);
      for (const finding of await dangerousMarkup(docked)) figures.failures.push(`${outlookCase.id}: docked sidebar holds ${finding}`);
      figures.tried.outlook = (figures.tried.outlook ?? 0) + 1;
    }
    expect(failuresSince(before)).toEqual([]);
    await mail.close();
  }, 120_000);

  it('let nothing run: no canary hit, no uncaught error, no console error, nothing set in the background', async () => {
    if (ext.serviceWorker) {
      const worker = await (await ext.serviceWorker()).worker();
      expect(await worker!.evaluate(() => Object.keys(globalThis).filter((key) => key.startsWith('__earshot')))).toEqual([]);
    }
    expect(server.requestsTo(CANARY_HOST).map((request) => request.url)).toEqual([]);
    expect(watch.uncaught).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    // Every source's cases ran here, as many as its budget allows.
    for (const source of Object.keys(SOURCE_CASES) as HostileSource[]) expect(figures.tried[source] ?? 0).toBeGreaterThan(0);
  });
});
