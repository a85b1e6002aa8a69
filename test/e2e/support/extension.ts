import { resolve } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { launchChromium, launchFirefox, openExtensionPage, type BrowserName } from '../harness/browsers';

/** The built extension, driven in a real browser: what every Earshot end-to-end test starts from. */
export interface RunningExtension {
  name: BrowserName;
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

export const DIST = resolve(import.meta.dirname, '../../../dist');

/** A profile kept across launches, for tests that restart the browser. */
export interface KeptProfile {
  userDataDir: string;
  /** Firefox only: the add-on's moz-extension:// UUID, kept so its storage is found again. */
  uuid: string;
}

export async function launchWithExtension(name: BrowserName, serverPort: number, profile?: KeptProfile): Promise<RunningExtension> {
  const extensionDir = resolve(DIST, name === 'chromium' ? 'chrome' : 'firefox');
  const launched = name === 'chromium'
    ? await launchChromium({ extensionDir, serverPort, ...(profile ? { userDataDir: profile.userDataDir } : {}) })
    : await launchFirefox({ extensionDir, serverPort, ...(profile ? { profile } : {}) });
  return { name, browser: launched.browser, origin: launched.extensionOrigin, close: launched.close };
}

/** First run: choose sources on the onboarding page, exactly as a user does. */
export async function onboard(ext: RunningExtension, uncheck: string[] = []): Promise<void> {
  const page = await installTab(ext) ?? await openExtensionPage(ext.browser, ext.origin, 'onboarding.html');
  // Input goes to the tab in front; a tab opened later would otherwise take the clicks.
  await page.bringToFront();
  await page.waitForSelector('[data-testid="start"]');
  for (const id of uncheck) {
    const box = await page.$(`#source-${id}`);
    if (box && (await box.evaluate((el) => (el as HTMLInputElement).checked))) await box.click();
  }
  await page.click('[data-testid="start"]');
  await page.waitForSelector('[data-testid="onboarded"]');
  await page.close();
}

/**
 * The welcome tab the extension opens on install, once it is there: using it (rather than opening a
 * second one) is what a user does, and keeps it from popping up in front of the test's clicks.
 */
async function installTab(ext: RunningExtension): Promise<Page | null> {
  const isWelcome = (url: string) => url.startsWith(`${ext.origin}/onboarding.html`);
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    for (const page of await ext.browser.pages()) {
      const href = page.url() !== 'about:blank' ? page.url() : await page.evaluate(() => location.href).catch(() => '');
      if (isWelcome(href)) {
        await page.waitForSelector('[data-testid="start"]', { timeout: 10_000 }).catch(() => undefined);
        return page;
      }
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return null;
}

/** Opens a mail page in a new tab in front, as a user would. */
export async function openMail(ext: RunningExtension, url: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.bringToFront();
  await page.goto(url);
  return page;
}

/** The docked sidebar frame inside a mail page (it lives in a closed shadow root, so find it by URL). */
export async function sidebarFrame(page: Page, origin: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await findFrame(page, `${origin}/sidebar.html`);
    if (frame) {
      try {
        await frame.waitForSelector('main.sidebar', { timeout: 2_000 });
        return frame;
      } catch {
        // The frame may still be loading; look again.
      }
    }
    if (Date.now() > deadline) throw new Error('the docked sidebar frame did not appear');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/**
 * Firefox's WebDriver BiDi reports an extension frame's URL as about:blank (the navigation to
 * moz-extension:// is never reported), so ask each frame where it is.
 */
async function findFrame(page: Page, prefix: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame.url().startsWith(prefix)) return frame;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(prefix)) return frame;
  }
  return undefined;
}

/** Texts of every element matching `selector`, in document order. */
export async function texts(frame: Frame | Page, selector: string): Promise<string[]> {
  return frame.$$eval(selector, (elements) => elements.map((element) => (element.textContent ?? '').trim()));
}

/** Waits until `read` returns a value `done` accepts, and returns it (the sidebar fills in as sources land). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(last)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    last = await read();
  }
  return last;
}

/** The settings as stored (sync first, then local, as the extension reads them), read in an extension page. */
export async function storedSettings(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    interface Area { get(key: string): Promise<Record<string, unknown>> }
    type Api = { storage: { sync: Area; local: Area } };
    const scope = globalThis as unknown as { browser?: Api; chrome: Api };
    const api = scope.browser ?? scope.chrome;
    const sync = await api.storage.sync.get('settings').catch(() => ({} as Record<string, unknown>));
    return sync['settings'] ?? (await api.storage.local.get('settings'))['settings'];
  });
}

/**
 * Sets a switch in an extension page and waits until the change is stored: the box flips at once, the
 * write lands a moment later, and a page closed in between would take the write with it.
 */
export async function setSwitch(page: Page, selector: string, on: boolean): Promise<void> {
  const current = await page.$eval(selector, (el) => (el as HTMLInputElement).checked);
  if (current === on) return;
  const before = JSON.stringify(await storedSettings(page));
  await page.click(selector);
  await eventually(() => page.$eval(selector, (el) => (el as HTMLInputElement).checked), (checked) => checked === on);
  await eventually(async () => JSON.stringify(await storedSettings(page)), (stored) => stored !== before);
}

export async function openPopup(ext: RunningExtension): Promise<Page> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  await page.bringToFront();
  await page.waitForSelector('#master');
  return page;
}
