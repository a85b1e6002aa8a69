// A sidebar frame of the mail page's own making: sidebar.html is web-accessible on the mail hosts, so a
// page can frame it with a `#dock=` token of its choosing and greet it with that token, as our content
// script greets the real dock. The frame must ask our content script (through the background) whether
// the token is its dock's, hear "no", and never take the page's channel nor show what the page sends.

import type { Frame, Page } from 'puppeteer-core';
import { sleep } from './mail-sites';

export const PAGE_TOKEN = 'page-made';
/** The conversation the page tries to make its frame show. */
export const PAGE_THREAD = {
  client: 'gmail', threadId: 'page-made', subject: 'Page-made thread', self: null,
  participants: [{ name: 'Mallory Page', email: 'mallory@evil.example', roles: ['from'], messageCount: 1, isPerson: true }],
};

export interface PageFrameReport {
  /** What the frame answered on any port the page offered (the dock answers `{"type":"ready"}`). */
  answers: string[];
  /** Hellos the page posted, each with a fresh port carrying the fake thread. */
  greetings: number;
  /** Of those, the ones posted once the frame had rendered, and so was listening. */
  greetingsToListener: number;
  /** Every text the frame showed while it was watched that names the page's thread or its sender. */
  showedPageThread: string[];
  /** The frame's status line at the end ("Open a conversation…" while it waits). */
  finalState: string;
  /** How long the frame was watched after it had rendered (and so was listening), in ms. */
  watchedMs: number;
}

interface PageWindow {
  __earshotPageFrame?: { answers: string[]; greetings: number; timer: number };
}

/**
 * Makes the frame, greets it every 250 ms (the frame listens only once it has rendered, as the dock
 * knows) with a fresh port that already carries the fake thread, and watches what the frame shows for
 * `watchMs` after it has rendered. Removes the frame at the end.
 */
export async function tryPageMadeFrame(mail: Page, extensionOrigin: string, watchMs = 4_000): Promise<PageFrameReport> {
  await mail.evaluate((origin, token, thread) => {
    const own = document.createElement('iframe');
    own.id = 'earshot-page-made-frame';
    own.src = `${origin}/sidebar.html#dock=${token}`;
    document.body.append(own);
    // No named function inside: the callback is serialised into the page, where a bundler's name wrapper
    // (tsx adds `__name(…)`) would not exist.
    const state = { answers: [] as string[], greetings: 0, timer: 0 };
    state.timer = window.setInterval(() => {
      const target = own.contentWindow;
      if (!target) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => state.answers.push(JSON.stringify(event.data));
      // Posted before any answer: it waits in the port for whoever takes it.
      channel.port1.postMessage({ type: 'thread', thread });
      target.postMessage({ type: 'earshot/dock-hello', token }, '*', [channel.port2]);
      state.greetings += 1;
    }, 250);
    (window as PageWindow).__earshotPageFrame = state;
  }, extensionOrigin, PAGE_TOKEN, PAGE_THREAD);

  const frame = await pageFrame(mail, `${extensionOrigin}/sidebar.html#dock=${PAGE_TOKEN}`);
  await frame.waitForSelector('main.sidebar', { timeout: 15_000 });
  const greetedBefore = await mail.evaluate(() => (window as PageWindow).__earshotPageFrame?.greetings ?? 0);
  const showed = new Set<string>();
  const started = Date.now();
  let finalState = '';
  while (Date.now() - started < watchMs) {
    const shown = await frame.evaluate(() => (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (/Page-made thread|Mallory Page/.test(shown)) showed.add(shown.slice(0, 200));
    finalState = await frame.evaluate(() => (document.querySelector('main.sidebar > .state')?.textContent ?? '').trim());
    await sleep(200);
  }
  const watchedMs = Date.now() - started;
  const page = await mail.evaluate(() => {
    const state = (window as PageWindow).__earshotPageFrame;
    if (state) clearInterval(state.timer);
    document.getElementById('earshot-page-made-frame')?.remove();
    return { answers: state?.answers ?? [], greetings: state?.greetings ?? 0 };
  });
  return { ...page, greetingsToListener: page.greetings - greetedBefore, showedPageThread: [...showed], finalState, watchedMs };
}

/** The page's frame, found by where it is (Firefox reports an extension frame's URL as about:blank). */
async function pageFrame(mail: Page, href: string, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of mail.frames()) {
      if (frame.url() === href) return frame;
      if (await frame.evaluate(() => location.href).catch(() => '') === href) return frame;
    }
    if (Date.now() > deadline) throw new Error('the page-made sidebar frame did not appear');
    await sleep(100);
  }
}
