// The built extension in Chromium or Firefox, first run done with every source on, and the hostile
// people's own hosts (their fediverse servers and company sites, under *.hostile.example) granted as a
// user grants them: Firefox by a real click on a button that calls permissions.request (its prompt
// switched off by pref, which is what the user's "Allow" does); Chromium cannot answer that dialog
// headless, so its copy of the build lists the hosts as granted in its manifest.

import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Target } from 'puppeteer-core';
import { HOSTILE_SUFFIX } from '../../fixtures/hostile/kit';
import { launchChromium, launchFirefox, openExtensionPage, type BrowserName } from '../harness/browsers';
import { DIST, eventually } from './extension';

export const HOSTILE_ORIGINS = [`https://*.${HOSTILE_SUFFIX}/*`];

export interface HostileBrowser {
  name: BrowserName;
  browser: Browser;
  origin: string;
  /** Chromium: the extension's service worker (Firefox runs an event page, which DevTools here cannot watch). */
  serviceWorker?: () => Promise<Target>;
  close(): Promise<void>;
}

interface StorageApi {
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
}

async function chromiumBuildWithHosts(workDir: string): Promise<string> {
  const dir = join(workDir, 'chrome');
  await cp(resolve(DIST, 'chrome'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...HOSTILE_ORIGINS];
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function grantByClick(ext: HostileBrowser): Promise<void> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  await page.bringToFront();
  await page.evaluate((origins) => {
    const button = document.createElement('button');
    button.id = 'earshot-test-grant';
    button.textContent = 'Grant';
    button.style.cssText = 'position:fixed;top:0;left:0;width:120px;height:40px;z-index:2147483647';
    button.addEventListener('click', () => {
      const api = (globalThis as unknown as { browser: StorageApi }).browser;
      button.dataset.result = 'pending';
      void api.permissions.request({ origins }).then((granted) => { button.dataset.result = String(granted); }, (error: Error) => { button.dataset.result = error.message; });
    });
    document.body.append(button);
  }, HOSTILE_ORIGINS);
  await page.click('#earshot-test-grant');
  const result = await eventually(() => page.$eval('#earshot-test-grant', (el) => (el as HTMLElement).dataset.result ?? ''), (value) => value !== '' && value !== 'pending');
  await page.close();
  if (result !== 'true') throw new Error(`Firefox did not grant ${HOSTILE_ORIGINS.join(', ')}: ${result}`);
}

async function onboardAllSources(ext: HostileBrowser): Promise<void> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'onboarding.html');
  await page.waitForSelector('[data-testid="start"]');
  await page.$$eval('input[id^="source-"]', (boxes) => {
    for (const box of boxes as HTMLInputElement[]) if (!box.checked) box.click();
  });
  await eventually(() => page.$$eval('input[id^="source-"]', (boxes) => (boxes as HTMLInputElement[]).every((box) => box.checked)), Boolean);
  await page.$eval('[data-testid="start"]', (button) => (button as HTMLButtonElement).click());
  await page.waitForSelector('[data-testid="onboarded"]');
  await page.close();
}

export async function launchHostile(name: BrowserName, serverPort: number, workDir: string): Promise<HostileBrowser> {
  let ext: HostileBrowser;
  if (name === 'chromium') {
    const launched = await launchChromium({ extensionDir: await chromiumBuildWithHosts(workDir), serverPort });
    ext = { name, browser: launched.browser, origin: launched.extensionOrigin, serviceWorker: launched.serviceWorkerTarget, close: launched.close };
  } else {
    const launched = await launchFirefox({
      extensionDir: resolve(DIST, 'firefox'),
      serverPort,
      extraPrefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    ext = { name, browser: launched.browser, origin: launched.extensionOrigin, close: launched.close };
  }
  await onboardAllSources(ext);
  if (name === 'firefox') await grantByClick(ext);
  return ext;
}
