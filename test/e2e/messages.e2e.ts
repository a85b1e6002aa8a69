// Hostile messages, in real Chromium and Firefox with the BUILT extension:
// (a) another installed extension sends Earshot every message it knows, and tries a port: nothing
//     answers, nothing changes, nothing is looked up;
// (b) the mail page's own scripts (main world) post fake hellos and commands at the docked frame and at
//     the content script, and look for a way to the extension: the dock keeps its own channel only; a
//     sidebar frame the page makes itself and greets with a token of its choosing never shows what the
//     page sends (it asks our content script about its token first, and hears "not ours");
// (c) an Earshot page sends malformed, oversized, wrongly-addressed and prototype-polluting messages:
//     each is rejected with a reason, and the background keeps working.
// Every case is counted; the summary line gives cases tried and failures per browser.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBluesky } from '../../scripts/demo/demo-api';
import { openExtensionPage, type BrowserName } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';
import { DIST, onboard, openMail, sidebarFrame } from './support/extension';
import { NO_THREAD, serveMailSites, sleep, threadView, waitForView } from './support/mail-sites';
import { accepted, EVERY_MESSAGE, MALFORMED_FROM_OWN_PAGE, type Sent } from './support/messages-cases';
import { tryPageMadeFrame } from './support/messages-page-frame';
import { launchWithProbe, type WithProbe } from './support/messages-probe';
import { noteText, putNote, readState } from './support/messages-state';

/** The slice of the WebExtension API these tests call in pages (`chrome` in Chromium, `browser` in Firefox). */
interface Port {
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: (port: { error?: { message?: string } }) => void): void };
}
interface RuntimeApi {
  runtime: {
    sendMessage(...args: unknown[]): Promise<unknown>;
    connect(id: string, info?: { name: string }): Port;
    lastError?: { message?: string };
  };
}
declare const chrome: RuntimeApi | undefined;
declare const browser: RuntimeApi | undefined;

const NORTHWIND = { url: 'https://mail.google.com/mail/u/0/#inbox/18f4a2c1d3e5b706', view: threadView('Northwind pilot: scope, pricing and next steps', ['Maya Okafor', 'Leo Brandt']) };
const LUMENCRAFT = { hash: '#inbox/18f4b7e2a9c1d053', view: threadView('Lumencraft × Earshot: co-marketing webinar in April', ['Priya Natarajan']) };
const NOTE = { personId: 'maya@northwind-labs.com', text: 'Written by the user: must survive every hostile message.', updatedAt: 1_700_000_000_000 };
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/;

let server: FakeServer;
const summary: string[] = [];

/** What the extension sent anywhere but the mail page. */
const apiRequests = () => server.appRequests().filter((request) => request.host !== 'mail.google.com');

/** Waits until no API request has arrived for 1.5 s (lookups of the open conversation done). */
async function settle(): Promise<void> {
  let count = -1;
  const deadline = Date.now() + 30_000;
  while (count !== apiRequests().length && Date.now() < deadline) {
    count = apiRequests().length;
    await sleep(1_500);
  }
}

/** How many of each answer or error came back, e.g. `25× {"rejected":true,"reason":"malformed message"}`. */
function outcomes(sent: Sent[]): string {
  const counted = new Map<string, number>();
  for (const one of sent) {
    const key = one.kind === 'answer' ? JSON.stringify(one.value) : `error "${one.message}"`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  return [...counted].map(([key, count]) => `${count}× ${key}`).join(', ');
}

/** A per-browser tally of cases: tried, and the ones that did not end as they must. */
class Tally {
  tried = 0;
  readonly failures: string[] = [];
  check(name: string, ok: boolean, detail: unknown): void {
    this.tried += 1;
    if (!ok) this.failures.push(`${name}: ${JSON.stringify(detail).slice(0, 300)}`);
  }
}

beforeAll(async () => {
  server = await startFakeServer({ port: 443, routes: { 'public.api.bsky.app': demoBluesky } });
  serveMailSites(server);
});
afterAll(async () => {
  await server?.close();
  for (const line of summary) console.log(line);
});

describe.each<BrowserName>(['chromium', 'firefox'])('hostile messages in %s', (name) => {
  let probe: WithProbe;
  let mail: Page;
  let frame: Frame;
  let own: Page;
  const tally = { a: new Tally(), b: new Tally(), c: new Tally() };

  beforeAll(async () => {
    server.reset();
    probe = await launchWithProbe(name, server.port);
    await onboard(probe.ext);
    mail = await openMail(probe.ext, NORTHWIND.url);
    frame = await sidebarFrame(mail, probe.ext.origin);
    await waitForView(frame, NORTHWIND.view);
    await settle();
    own = await openExtensionPage(probe.ext.browser, probe.ext.origin, 'popup.html');
    await putNote(own, NOTE);
  });
  afterAll(async () => {
    const parts = Object.entries(tally).map(([part, t]) => `(${part}) ${t.tried} tried, ${t.failures.length} failed`);
    const tried = Object.values(tally).reduce((sum, t) => sum + t.tried, 0);
    const failed = Object.values(tally).reduce((sum, t) => sum + t.failures.length, 0);
    summary.push(`messages e2e ${name}: ${tried} hostile cases tried, ${failed} failures — ${parts.join('; ')}`);
    for (const failure of Object.values(tally).flatMap((t) => t.failures)) summary.push(`  failed ${failure}`);
    await probe?.ext.close();
  });

  it('(a) another extension reaches no handler: every message type and a port go unanswered, nothing changes', async () => {
    const before = await readState(own);
    server.reset();
    const probePage = await openExtensionPage(probe.ext.browser, probe.probeOrigin, 'probe.html');
    const results = await probePage.evaluate(async (earshotId, messages) => {
      const api = (typeof browser === 'undefined' ? chrome : browser) as RuntimeApi;
      const sent: Array<{ kind: 'answer'; value: unknown } | { kind: 'error'; message: string }> = [];
      for (const message of messages) {
        try {
          sent.push({ kind: 'answer', value: await api.runtime.sendMessage(earshotId, message) });
        } catch (error) {
          sent.push({ kind: 'error', message: String((error as Error)?.message ?? error) });
        }
      }
      const port = api.runtime.connect(earshotId, { name: 'probe' });
      const ended = await new Promise<string>((done) => {
        port.onDisconnect.addListener((closed) => done(`disconnected: ${api.runtime.lastError?.message ?? closed.error?.message ?? ''}`));
        try {
          port.postMessage({ type: 'data/erase' });
        } catch (error) {
          done(`disconnected: ${String((error as Error)?.message ?? error)}`);
        }
        setTimeout(() => done('still connected'), 3_000);
      });
      return { sent, ended };
    }, probe.earshotId, EVERY_MESSAGE);
    await probePage.close();

    summary.push(`  ${name} (a): ${outcomes(results.sent)}; port: ${results.ended}`);
    EVERY_MESSAGE.forEach((message, i) => {
      const sent = results.sent[i] as Sent;
      tally.a.check(`extension sends ${(message as { type: string }).type}`, sent.kind === 'error' && NO_RECEIVER.test(sent.message), sent);
    });
    tally.a.check('extension opens a port', results.ended.startsWith('disconnected'), results.ended);
    await sleep(1_000);
    const after = await readState(own);
    tally.a.check('nothing stored changed', JSON.stringify(after) === JSON.stringify(before), { before: before.keys, after: after.keys });
    tally.a.check('nothing was looked up', apiRequests().length === 0, apiRequests().map((r) => r.url));

    expect(tally.a.failures).toEqual([]);
    expect(results.sent.map((sent) => sent.kind)).toEqual(EVERY_MESSAGE.map(() => 'error'));
    expect(after).toEqual(before);
    expect(await noteText(own, NOTE.personId)).toBe(NOTE.text);
  });

  it('(b) the mail page cannot reach the extension, nor the dock: fake hellos and commands change nothing', async () => {
    const manifest = JSON.parse(await readFile(resolve(DIST, name === 'chromium' ? 'chrome' : 'firefox', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.externally_connectable).toBeUndefined();
    const before = await readState(own);
    server.reset();

    const attempt = await mail.evaluate(async (earshotId, extensionOrigin) => {
      const w = window as unknown as { chrome?: Partial<RuntimeApi>; browser?: Partial<RuntimeApi> };
      const report = { runtime: 'unavailable', posted: 0, answers: [] as string[], frames: window.frames.length, shadowRootOpen: true, collapsed: true };
      // A page has no extension API unless an extension names it in externally_connectable.
      const runtime = w.chrome?.runtime ?? w.browser?.runtime;
      if (runtime && typeof runtime.sendMessage === 'function') {
        try {
          report.runtime = `answered ${JSON.stringify(await runtime.sendMessage(earshotId, { type: 'data/erase' }))}`;
        } catch (error) {
          report.runtime = `threw: ${String((error as Error)?.message ?? error)}`;
        }
      }
      const fakeThread = {
        client: 'gmail', threadId: 'page-made', subject: 'Page-made thread', self: null,
        participants: [{ name: 'Mallory Page', email: 'mallory@evil.example', roles: ['from'], messageCount: 1, isPerson: true }],
      };
      const commands = [
        { type: 'thread', thread: fakeThread }, { type: 'unreadable', client: 'gmail', failedSelector: 'page' }, { type: 'no-thread' },
        { type: 'hide' }, { type: 'ready' },
      ];
      const targets: Window[] = [window];
      for (let i = 0; i < window.frames.length; i += 1) targets.push(window.frames[i] as Window);
      for (const target of targets) {
        for (const token of ['', 'undefined', 'null', 'guess', '*', '00000000-0000-0000-0000-000000000000']) {
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => report.answers.push(JSON.stringify(event.data));
          target.postMessage({ type: 'earshot/dock-hello', token }, '*', [channel.port2]);
          channel.port1.postMessage(commands[0]);
          report.posted += 1;
        }
        for (const command of commands) {
          target.postMessage(command, '*');
          report.posted += 1;
        }
      }
      // Events a page forges on its own window reach only its own world's listeners; sent anyway.
      const forged = new MessageChannel();
      forged.port1.onmessage = (event) => report.answers.push(JSON.stringify(event.data));
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'ready' }, origin: extensionOrigin, source: window, ports: [forged.port2] }));
      report.posted += 1;

      await new Promise((done) => setTimeout(done, 2_000));
      const host = document.querySelector('earshot-dock');
      report.shadowRootOpen = host?.shadowRoot !== null;
      report.collapsed = host?.hasAttribute('data-collapsed') ?? true;
      return report;
    }, probe.earshotId, probe.ext.origin);

    const pageFrame = await tryPageMadeFrame(mail, probe.ext.origin);
    // Firefox throttles a background tab's timers to about one a second: a few greetings, but each one heard.
    tally.b.check('the page greets its own frame once it listens', pageFrame.greetingsToListener >= 2, pageFrame);
    tally.b.check(`a sidebar frame the page made and greeted ${pageFrame.greetings}× with its own token shows the page's thread`,
      pageFrame.showedPageThread.length === 0, pageFrame.showedPageThread);
    tally.b.check('a sidebar frame the page made answers its hello', pageFrame.answers.length === 0, pageFrame.answers);
    tally.b.check('a sidebar frame the page made stays waiting', pageFrame.finalState === NO_THREAD, pageFrame.finalState);

    const runtimeClosed = attempt.runtime === 'unavailable' || (attempt.runtime.startsWith('threw') && !attempt.runtime.includes('rejected'));
    tally.b.check('page reaches the extension API', runtimeClosed, attempt.runtime);
    tally.b.check(`page posts ${attempt.posted} fake hellos and commands (frames visible to it: ${attempt.frames})`, attempt.answers.length === 0, attempt.answers);
    tally.b.check('page reads the dock through its shadow root', !attempt.shadowRootOpen, attempt.shadowRootOpen);
    tally.b.check('page collapses the dock', !attempt.collapsed, attempt.collapsed);
    const shown = await waitForView(frame, NORTHWIND.view).then(() => true, (error: Error) => error.message);
    tally.b.check('the docked sidebar still shows the real conversation', shown === true, shown);
    await sleep(500);
    const after = await readState(own);
    tally.b.check('nothing stored changed', JSON.stringify(after) === JSON.stringify(before), { before: before.keys, after: after.keys });
    tally.b.check('nothing was looked up', apiRequests().length === 0, apiRequests().map((r) => r.url));
    // The real channel still works: the dock follows the next conversation.
    await mail.evaluate((hash) => { location.hash = hash; }, LUMENCRAFT.hash);
    const followed = await waitForView(frame, LUMENCRAFT.view).then(() => true, (error: Error) => error.message);
    tally.b.check('the dock follows the next conversation', followed === true, followed);
    summary.push(`  ${name} (b): extension API in the page: ${attempt.runtime}; frames the page can see: ${attempt.frames}; posted ${attempt.posted}, answers ${attempt.answers.length}`);
    summary.push(`  ${name} (b): a sidebar frame the page made itself, greeted ${pageFrame.greetings}× (${pageFrame.greetingsToListener}× once it listened) with its own token and watched ${pageFrame.watchedMs} ms after it rendered: ` +
      `${pageFrame.answers.length} answers, page's thread shown ${pageFrame.showedPageThread.length}×, state "${pageFrame.finalState}"`);

    expect(tally.b.failures).toEqual([]);
    expect(pageFrame.showedPageThread).toEqual([]);
    expect(pageFrame.answers).toEqual([]);
  });

  it('(c) malformed, oversized and polluted messages from an Earshot page are rejected with a reason; the background keeps working', async () => {
    await settle();
    const before = await readState(own);
    server.reset();
    const results = await own.evaluate(async (cases) => {
      const api = (typeof browser === 'undefined' ? chrome : browser) as RuntimeApi;
      const sent: Array<{ kind: 'answer'; value: unknown } | { kind: 'error'; message: string }> = [];
      for (const one of cases) {
        let payload: unknown;
        if (one.build === 'cyclic-thread') {
          const thread: Record<string, unknown> = { client: 'gmail', threadId: 't', subject: 's', participants: [], self: null };
          thread.self = thread;
          payload = { type: 'thread/opened', thread };
        } else if (one.build === 'function-value') {
          payload = { type: 'person/refresh', personId: () => 'x' };
        } else if (one.build === 'deep-array') {
          let deep: unknown = 'bottom';
          for (let i = 0; i < 5_000; i += 1) deep = [deep];
          payload = { type: 'person/refresh', personId: deep };
        } else {
          payload = JSON.parse(one.json.replace(/@@HUGE:(\d+)@@/g, (_all, n: string) => 'x'.repeat(Number(n))));
        }
        try {
          sent.push({ kind: 'answer', value: await api.runtime.sendMessage(payload) });
        } catch (error) {
          sent.push({ kind: 'error', message: String((error as Error)?.message ?? error) });
        }
      }
      // A well-formed request afterwards: the background still answers.
      const after = await api.runtime.sendMessage({ type: 'person/refresh', personId: 'nobody@unknown.example' });
      return { sent, after };
    }, MALFORMED_FROM_OWN_PAGE);

    summary.push(`  ${name} (c): ${outcomes(results.sent)}`);
    MALFORMED_FROM_OWN_PAGE.forEach((one, i) => tally.c.check(one.name, accepted(results.sent[i] as Sent, one.accept), results.sent[i]));
    tally.c.check('a well-formed request after all of them', JSON.stringify(results.after) === JSON.stringify({ queued: 0 }), results.after);
    const after = await readState(own);
    tally.c.check('nothing stored changed', JSON.stringify(after) === JSON.stringify(before), { before: before.keys, after: after.keys });
    tally.c.check('nothing was looked up', apiRequests().length === 0, apiRequests().map((r) => r.url));
    tally.c.check('Object.prototype of the page unpolluted', await own.evaluate(() => ({} as Record<string, unknown>).polluted === undefined), 'polluted');

    expect(tally.c.failures).toEqual([]);
    expect(await noteText(own, NOTE.personId)).toBe(NOTE.text);
  });
});
