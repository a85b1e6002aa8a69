// The browser for the fault tests, set up as a user would, with every source on: the same first run as
// sources.e2e.ts (all seven sources ticked on the welcome page, the fediverse and company-site hosts
// granted, "my domains" set so the colleague in the conversation is never looked up).

import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page, Target } from 'puppeteer-core';
import { launchChromium, launchFirefox, openExtensionPage, type BrowserName } from '../harness/browsers';
import { DIST, eventually } from './extension';

/** The hosts only known at run time that the conversation's lookups reach (Mastodon, company sites). */
export const GRANTED_ORIGINS = ['https://acme.example/*', 'https://social.acme.example/*', 'https://cloud-blog.example/*'];

export interface FaultBrowser {
  name: BrowserName;
  browser: Browser;
  origin: string;
  /** Chromium: the extension's service worker target (a new one after a restart). */
  serviceWorker?: () => Promise<Target>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  workDir: string;
  /** Chromium: names that do not resolve for this launch (a DNS failure). */
  unresolvableHosts?: string[];
  /** Firefox: idle time after which it suspends the event page. */
  backgroundIdleMs?: number;
}

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
interface PageExtensionApi {
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
  storage: { sync: StorageArea; local: StorageArea };
}
type WithExtensionApi = { browser?: PageExtensionApi; chrome?: PageExtensionApi };

/** Chromium cannot answer its permission dialog headless: its copy of the build lists the hosts as granted. */
async function chromiumBuildWithHosts(workDir: string): Promise<string> {
  const dir = join(workDir, `chrome-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await cp(resolve(DIST, 'chrome'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...GRANTED_ORIGINS];
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export async function launchForFaults(name: BrowserName, serverPort: number, options: LaunchOptions): Promise<FaultBrowser> {
  if (name === 'chromium') {
    const launched = await launchChromium({
      extensionDir: await chromiumBuildWithHosts(options.workDir),
      serverPort,
      ...(options.unresolvableHosts ? { unresolvableHosts: options.unresolvableHosts } : {}),
    });
    return { name, browser: launched.browser, origin: launched.extensionOrigin, serviceWorker: launched.serviceWorkerTarget, close: launched.close };
  }
  const launched = await launchFirefox({
    extensionDir: resolve(DIST, 'firefox'),
    serverPort,
    extraPrefs: {
      // The prompt permissions.request shows, answered "Allow".
      'extensions.webextOptionalPermissionPrompts': false,
      ...(options.backgroundIdleMs === undefined ? {} : { 'extensions.background.idle.timeout': options.backgroundIdleMs }),
    },
  });
  return { name, browser: launched.browser, origin: launched.extensionOrigin, close: launched.close };
}

/** Firefox: the user clicks a button that asks for the hosts (a real click, so a real user gesture). */
async function grantHostsByClick(ext: FaultBrowser): Promise<void> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  await page.bringToFront();
  await page.evaluate((origins) => {
    const button = document.createElement('button');
    button.id = 'earshot-test-grant';
    button.textContent = 'Grant';
    button.style.cssText = 'position:fixed;top:0;left:0;width:120px;height:40px;z-index:2147483647';
    button.addEventListener('click', () => {
      const api = (globalThis as WithExtensionApi).browser!;
      button.dataset.result = 'pending';
      void api.permissions.request({ origins }).then((granted) => { button.dataset.result = String(granted); }, (error: Error) => { button.dataset.result = error.message; });
    });
    document.body.append(button);
  }, GRANTED_ORIGINS);
  await page.click('#earshot-test-grant');
  const result = await eventually(() => page.$eval('#earshot-test-grant', (el) => (el as HTMLElement).dataset.result ?? ''), (value) => value !== '' && value !== 'pending');
  if (result !== 'true') throw new Error(`Firefox did not grant the hosts: ${result}`);
  await page.close();
}

/** First run with every source on, then "my domains" (the colleague is never looked up). */
export async function setUpAllSources(ext: FaultBrowser): Promise<void> {
  const page: Page = await openExtensionPage(ext.browser, ext.origin, 'onboarding.html');
  await page.bringToFront();
  await page.waitForSelector('[data-testid="start"]');
  await page.$$eval('input[id^="source-"]', (boxes) => {
    for (const box of boxes as HTMLInputElement[]) if (!box.checked) box.click();
  });
  await eventually(() => page.$$eval('input[id^="source-"]', (boxes) => (boxes as HTMLInputElement[]).map((box) => box.checked)), (checked) => checked.length === 7 && checked.every(Boolean));
  await page.$eval('[data-testid="start"]', (button) => (button as HTMLButtonElement).click());
  await page.waitForSelector('[data-testid="onboarded"]');
  await page.evaluate(async () => {
    const api = (globalThis as WithExtensionApi).browser ?? (globalThis as WithExtensionApi).chrome!;
    let area = api.storage.sync;
    let stored = (await area.get('settings')).settings as Record<string, unknown> | undefined;
    if (!stored) {
      area = api.storage.local;
      stored = (await area.get('settings')).settings as Record<string, unknown>;
    }
    await area.set({ settings: { ...stored, myDomains: ['harborview.example'] } });
  });
  await page.close();
  if (ext.name === 'firefox') await grantHostsByClick(ext);
}
