import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchChromium } from '../test/e2e/harness/browsers';
import { startFakeServer } from '../test/e2e/harness/fake-server';
import { eventually, onboard, openMail, sidebarFrame, texts } from '../test/e2e/support/extension';
import { demoBluesky, demoMailbox } from './demo/demo-api';

/**
 * `npm start`: builds, then opens Chromium with Earshot on an offline demo mailbox (a Gmail replica
 * at https://mail.google.com and a fake Bluesky with demo people, both served here).
 *   --screenshot FILE  write a PNG of the demo with the sidebar showing posts, then exit
 *   --live             open real Gmail in a persistent profile with the extension loaded
 * Without a display it runs headless and writes artifacts/demo.png.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const live = args.includes('--live');
const screenshotAt = args.indexOf('--screenshot');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const screenshot = screenshotAt >= 0 ? resolve(args[screenshotAt + 1] ?? 'demo.png') : hasDisplay ? null : join(root, 'artifacts/demo.png');
const DEMO_THREAD = 'https://mail.google.com/mail/u/0/#inbox/18f4a2c1d3e5b706';

execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build.ts')], { stdio: 'inherit' });
const extensionDir = join(root, 'dist/chrome');

if (live) {
  if (!hasDisplay) throw new Error('--live needs a display: it opens real Gmail for you to sign in to.');
  const browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: false,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir: join(root, '.profile-live'),
    defaultViewport: null,
    args: ['--no-first-run'],
  });
  const [page] = await browser.pages();
  await page?.goto('https://mail.google.com/');
  console.log('Real Gmail is open with Earshot loaded (profile in .profile-live/). Close the window to stop.');
  await new Promise((resolveClosed) => browser.on('disconnected', resolveClosed));
  process.exit(0);
}

const server = await startFakeServer({ port: 0, routes: { 'public.api.bsky.app': demoBluesky } });
server.setStatic('mail.google.com', demoMailbox);
const ext = await launchChromium({ extensionDir, serverPort: server.port, headless: screenshot !== null });
const running = { name: 'chromium' as const, browser: ext.browser, origin: ext.extensionOrigin, close: ext.close };
await ext.browser.defaultBrowserContext().pages();

if (screenshot) {
  try {
    await onboard(running);
    const page = await openMail(running, DEMO_THREAD);
    await page.setViewport({ width: 1360, height: 860 });
    const frame = await sidebarFrame(page, ext.extensionOrigin);
    await eventually(() => texts(frame, '[data-testid="post-text"]'), (posts) => posts.length >= 3, 20_000);
    await new Promise((settle) => setTimeout(settle, 300));
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`wrote ${screenshot}`);
  } finally {
    await ext.close();
    await server.close();
  }
} else {
  const page = await openMail(running, DEMO_THREAD);
  await page.bringToFront();
  console.log('The demo mailbox is open. Choose your sources in the Earshot tab, then open a conversation. Close the browser to stop.');
  await new Promise((resolveClosed) => ext.browser.on('disconnected', resolveClosed));
  await server.close();
}
