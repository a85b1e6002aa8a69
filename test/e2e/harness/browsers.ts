// Launches the system Chromium and Firefox ESR with an unpacked extension, every host name resolved to
// the fake server (fake-server.ts), and self-signed certificates accepted.

import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { firefoxTestPrefs } from './firefox-prefs';
import { LOOPBACK } from './loopback';

export type BrowserName = 'chromium' | 'firefox';

const CANDIDATES: Record<BrowserName, { env: string; paths: string[]; install: string }> = {
  chromium: { env: 'CHROME_PATH', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], install: 'apt-get install -y chromium' },
  firefox: { env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], install: 'apt-get install -y firefox-esr' },
};

/** Path of the browser's executable: $CHROME_PATH / $FIREFOX_PATH, else the Debian package's binary. */
export function findBrowser(name: BrowserName): string {
  const { env, paths, install } = CANDIDATES[name];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${env}=${fromEnv} is not an executable file`);
  }
  const found = paths.find(isExecutable);
  if (found) return found;
  throw new Error(
    `No ${name} found (looked at $${env}, ${paths.join(', ')}). Install it with: apt-get update && ${install}`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChromiumOptions {
  /** Absolute or relative path of the built, unpacked extension (the directory holding manifest.json). */
  extensionDir: string;
  /** The fake server's HTTPS port; every host name, whatever its port, is sent there. */
  serverPort: number;
  headless?: boolean;
  /** A profile to reuse; by default a fresh one is made and removed on close(). */
  userDataDir?: string;
  /** More command-line switches (e.g. for benchmarks). */
  extraArgs?: string[];
  /**
   * Host names that do not resolve in this browser (a DNS failure, net::ERR_NAME_NOT_RESOLVED), for
   * the whole launch: Chromium reads its resolver rules once, at start. Default: none.
   */
  unresolvableHosts?: string[];
}

export interface LaunchedChromium {
  browser: Browser;
  extensionId: string;
  /** chrome-extension://<id> */
  extensionOrigin: string;
  /** The extension's service worker target; waits for it (Chromium stops idle workers and restarts them). */
  serviceWorkerTarget(): Promise<Target>;
  close(): Promise<void>;
}

export async function launchChromium(options: ChromiumOptions): Promise<LaunchedChromium> {
  const extensionDir = resolve(options.extensionDir);
  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'earshot-chromium-')));
  const browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: options.headless ?? true,
    // Loading an unpacked extension into a running Chromium needs the CDP pipe, not a port.
    pipe: true,
    enableExtensions: [extensionDir],
    acceptInsecureCerts: true,
    userDataDir,
    args: [
      '--no-sandbox', // we run as root in a container
      '--disable-gpu',
      '--disable-quic', // the fake server speaks HTTP/1.1 over TLS only
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The first rule that matches a name wins, so the unresolvable names come before the catch-all.
      `--host-resolver-rules=${[
        ...(options.unresolvableHosts ?? []).map((host) => `MAP ${host} ~NOTFOUND`),
        `MAP * ${LOOPBACK}:${options.serverPort}`,
        'EXCLUDE localhost',
      ].join(', ')}`,
      '--ignore-certificate-errors',
      ...(options.extraArgs ?? []),
    ],
  });

  try {
    const isExtensionWorker = (t: Target): boolean => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://');
    const worker = await browser.waitForTarget(isExtensionWorker, { timeout: 15_000 });
    const extensionId = new URL(worker.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}`;
    return {
      browser,
      extensionId,
      extensionOrigin,
      serviceWorkerTarget: () =>
        browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin + '/'), {
          timeout: 15_000,
        }),
      async close() {
        await browser.close();
        if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium started but no extension service worker appeared for ${extensionDir}`, { cause: error });
  }
}

export interface FirefoxOptions {
  /** The built Firefox extension; its manifest must have browser_specific_settings.gecko.id. */
  extensionDir: string;
  /** Firefox can remap host names but not ports, so the fake server must be on 443; checked if given. */
  serverPort?: number;
  headless?: boolean;
  extraPrefs?: Record<string, string | number | boolean>;
  /**
   * A profile to reuse across launches (a browser-restart test), with the add-on's UUID to keep.
   * Firefox removes a temporary add-on when it closes; the keep*OnUninstall prefs keep its data.
   */
  profile?: { userDataDir: string; uuid: string };
}

export interface LaunchedFirefox {
  browser: Browser;
  /** The add-on id from the manifest. */
  extensionId: string;
  /** moz-extension://<uuid> */
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchFirefox(options: FirefoxOptions): Promise<LaunchedFirefox> {
  if (options.serverPort !== undefined && options.serverPort !== 443) {
    throw new Error(`Firefox can only reach a fake server on port 443 (got ${options.serverPort})`);
  }
  const extensionDir = resolve(options.extensionDir);
  const geckoId = readGeckoId(extensionDir);
  // Firefox gives each add-on a random UUID per profile, and that UUID is the moz-extension:// host.
  // Firefox keeps the id → UUID map in this pref and reuses an entry it finds there, so choosing the
  // UUID up front makes the origin known before install.
  const uuid = options.profile?.uuid ?? randomUUID();
  const keep = options.profile
    ? { 'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true }
    : {};
  const browser = await puppeteer.launch({
    browser: 'firefox',
    ...(options.profile ? { userDataDir: options.profile.userDataDir } : {}),
    executablePath: findBrowser('firefox'),
    headless: options.headless ?? true,
    acceptInsecureCerts: true,
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// (only http(s), file, blob) unless
    // the remote agent is allowed system access; openExtensionPage needs that navigation.
    args: ['--remote-allow-system-access'],
    // Release builds ignore Puppeteer's services.settings.server pref (which points at a dead host)
    // unless this is set; without it Firefox polls firefox.settings.services.mozilla.com every second.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      ...firefoxTestPrefs(),
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      ...keep,
      ...options.extraPrefs,
    },
  });
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== geckoId) throw new Error(`Firefox installed the add-on as ${installedId}, expected ${geckoId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    extensionId: geckoId,
    extensionOrigin: `moz-extension://${uuid}`,
    close: () => browser.close(),
  };
}

function readGeckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: unknown } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string' || id === '') {
    throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id; Firefox needs it`);
  }
  return id;
}

/** Opens an extension page (e.g. `popup.html`) in a new tab and waits for it to load. */
export async function openExtensionPage(browser: Browser, origin: string, path: string, timeoutMs = 15_000): Promise<Page> {
  const url = `${origin}/${path.replace(/^\//, '')}`;
  const page = await browser.newPage();
  // Firefox loads a moz-extension:// page in another process, and WebDriver BiDi then never reports
  // that navigation as finished (page.url() even stays about:blank), although the page is there and
  // scripts run in it. So the load is also watched from inside the page; whichever answers first wins.
  const navigation = page.goto(url, { waitUntil: 'load', timeout: timeoutMs }).then(() => 'navigated' as const);
  const loadedInside = pollUntil(
    () => page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url),
    timeoutMs,
  ).then(() => 'loaded' as const);
  navigation.catch(() => undefined); // once the page is seen loaded, a late timeout here is no news
  await Promise.race([navigation, loadedInside]);
  return page;
}

async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Evaluating during a navigation can throw (the old document is gone); that just means "not yet".
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`page did not load within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
