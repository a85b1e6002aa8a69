// What the hostile e2e counts: uncaught errors in Earshot's pages and service worker, console errors
// (a blocked inline script or style shows up there), and the page-side flag payloads try to set.

import type { CDPSession, ConsoleMessage, Frame, Page, Target } from 'puppeteer-core';
import { PWNED_FLAG } from '../../fixtures/hostile/kit';

// A picture that is not there (avatars on the hostile hosts answer 404) is no error of Earshot's.
const RESOURCE_FAILURE = /^Failed to load resource/;

export class ExecutionWatch {
  readonly uncaught: string[] = [];
  readonly consoleErrors: string[] = [];
  private readonly sessions: CDPSession[] = [];

  /** Uncaught exceptions and console errors of a page (and, in Chromium, the frames it hosts). */
  watchPage(page: Page, label: string): void {
    page.on('pageerror', (error) => this.uncaught.push(`${label}: ${String(error)}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !RESOURCE_FAILURE.test(message.text())) this.consoleErrors.push(`${label}: ${message.text()}`);
    });
  }

  /** Chromium: the extension's service worker, over its own DevTools session. */
  async watchWorker(target: Target): Promise<void> {
    const session = await target.createCDPSession();
    this.sessions.push(session);
    session.on('Runtime.exceptionThrown', (event) => {
      this.uncaught.push(`service worker: ${event.exceptionDetails.exception?.description ?? event.exceptionDetails.text}`);
    });
    session.on('Runtime.consoleAPICalled', (event) => {
      if (event.type === 'error') this.consoleErrors.push(`service worker: ${event.args.map((arg) => arg.value ?? arg.description ?? '').join(' ')}`);
    });
    await session.send('Runtime.enable');
  }

  async detach(): Promise<void> {
    await Promise.all(this.sessions.map((session) => session.detach().catch(() => undefined)));
  }
}

/** True when a payload managed to set the flag in this document (or the top one it can reach). */
export async function pwned(context: Page | Frame): Promise<boolean> {
  return context.evaluate((flag) => {
    const own = (globalThis as Record<string, unknown>)[flag] !== undefined;
    let top = false;
    try {
      top = (window.top as unknown as Record<string, unknown> | null)?.[flag] !== undefined;
    } catch {
      // Another origin's top window is not readable, and not ours to check.
    }
    return own || top;
  }, PWNED_FLAG);
}

/**
 * Markup in an Earshot page that only hostile data could have put there: elements that run or load
 * things, links that are not web links, pictures not over https. Each finding is a short description.
 */
export async function dangerousMarkup(context: Page | Frame): Promise<string[]> {
  return context.evaluate(() => {
    const found: string[] = [];
    const root = document.querySelector('main.sidebar') ?? document.body;
    for (const element of root.querySelectorAll('script, iframe, object, embed, math, style, base, meta, form, svg, template, video, audio, link')) {
      found.push(`<${element.localName}>`);
    }
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (/^on/i.test(attribute)) found.push(`${element.localName}[${attribute}]`);
      }
    }
    for (const anchor of root.querySelectorAll('a[href]')) {
      const href = anchor.getAttribute('href') ?? '';
      if (!/^(https?:|chrome-extension:|moz-extension:)/i.test(href)) found.push(`a[href=${href.slice(0, 60)}]`);
    }
    for (const image of root.querySelectorAll('img[src]')) {
      const src = (image as HTMLImageElement).src;
      if (!/^(https:|chrome-extension:|moz-extension:)/i.test(src)) found.push(`img[src=${src.slice(0, 60)}]`);
    }
    return found;
  });
}
