// `npm run read-thread -- page.html --url URL`: reads a saved mail page with Earshot's own adapter code in
// headless Chromium and prints the ThreadContext as JSON. The tool for the day Gmail or Outlook changes:
// save the page that Earshot cannot read, run this on it, and it names the selector that stopped matching.
//
// Exit codes: 0 a conversation was read (JSON on stdout); 1 the page looks like a conversation but the
// adapter cannot read it (the failing selector on stderr); 2 no open conversation on the page; 64 bad
// arguments; 70 the browser or the bundle failed.

import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser } from '../test/e2e/harness/browsers';
import { BUNDLE_GLOBAL, bundleReader } from './bench/lib/content-bundle';

const USAGE = `usage: npm run read-thread -- <saved-page.html> --url <URL the page was saved from> [--scripts] [--bodies]

  Reads the page with Earshot's adapter in headless Chromium, as if it were open at URL (the adapter
  needs the URL: Gmail's hash route, Outlook's /mail/id/… path). The page's own scripts do not run
  unless --scripts is given (a saved page is a snapshot; its scripts would try to reach the network).
  --bodies adds what the adapter read of each message's own words (the signature work's input).

  exit 0: the conversation, as JSON   exit 1: unreadable, the failing selector on stderr
  exit 2: no open conversation        exit 64: bad arguments   exit 70: the browser failed`;

const EXIT = { thread: 0, unreadable: 1, none: 2, usage: 64, internal: 70 } as const;

interface Options {
  file: string;
  url: URL;
  scripts: boolean;
  bodies: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  let file: string | undefined;
  let url: string | undefined;
  let scripts = false;
  let bodies = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--url') url = argv[++i];
    else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg === '--scripts') scripts = true;
    else if (arg === '--bodies') bodies = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one page at a time (got ${file} and ${arg})`);
  }
  if (!file) throw new UsageError('no page given');
  if (!url) throw new UsageError('no --url given: the adapter reads the URL as well as the page');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url ${url} is not a URL`);
  }
  if (parsed.protocol !== 'https:') throw new UsageError(`--url must be an https:// mail URL (got ${url})`);
  return { file: resolve(file), url: parsed, scripts, bodies };
}

type ReadOutcome =
  | { kind: 'thread'; thread: unknown }
  | { kind: 'none' }
  | { kind: 'unreadable'; failedSelector: string }
  | { kind: 'no-adapter'; host: string };

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/**
 * A same-origin file the page asks for, from the folder the page was saved in (a browser's "Save page
 * as… complete" puts it in `<page>_files/`, linked relatively), or null when there is none.
 */
async function savedResource(pageFile: string, documentUrl: URL, requested: URL): Promise<{ body: Buffer; type: string } | null> {
  if (requested.origin !== documentUrl.origin) return null;
  const baseDir = documentUrl.pathname.replace(/[^/]*$/, '');
  if (!requested.pathname.startsWith(baseDir)) return null;
  const folder = dirname(pageFile);
  const path = resolve(folder, decodeURIComponent(requested.pathname.slice(baseDir.length)));
  if (relative(folder, path).startsWith('..') || !path.startsWith(folder + sep)) return null;
  const body = await readFile(path).catch(() => null);
  return body ? { body, type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' } : null;
}

/**
 * Opens `html` at `url` in a page whose every request is answered here: the document itself from the
 * file, the files saved beside it when the page's scripts may run, anything else refused, so nothing
 * leaves the machine.
 */
async function readInChromium(browser: Browser, html: Buffer, options: Options, reader: string): Promise<ReadOutcome> {
  // The page's own <meta charset> decides how its bytes are read; without one, UTF-8.
  const declaresCharset = /<meta[^>]+charset/i.test(html.subarray(0, 2048).toString('latin1'));
  const contentType = declaresCharset ? 'text/html' : 'text/html; charset=utf-8';
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(options.scripts);
  await page.setRequestInterception(true);
  const documentUrl = new URL(options.url.href);
  documentUrl.hash = '';
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.isNavigationRequest() && request.url().split('#')[0] === documentUrl.href) {
      void request.respond({ status: 200, contentType, body: html });
      return;
    }
    const answer = options.scripts ? savedResource(options.file, documentUrl, new URL(request.url())) : Promise.resolve(null);
    void answer.then((found) =>
      found ? request.respond({ status: 200, contentType: found.type, body: found.body }) : request.abort('blockedbyclient'),
    );
  });
  await page.goto(options.url.href, { waitUntil: 'load' });
  // Evaluated through the DevTools protocol, so it runs even with the page's scripts switched off.
  await page.evaluate(reader);
  return page.evaluate(
    (name, href) => (globalThis as unknown as Record<string, { readPage(h: string): ReadOutcome }>)[name]!.readPage(href),
    BUNDLE_GLOBAL,
    options.url.href,
  );
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`read-thread: ${error.message}`);
    console.error(USAGE);
    return EXIT.usage;
  }
  let html: Buffer;
  try {
    html = await readFile(options.file);
  } catch (error) {
    console.error(`read-thread: cannot read ${options.file}: ${(error as Error).message}`);
    return EXIT.usage;
  }

  const reader = await bundleReader();
  const browser = await puppeteer.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    pipe: true,
    // Nothing may reach the network: every request is answered or refused above, and any name that
    // slipped through would resolve nowhere.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  let outcome: ReadOutcome;
  try {
    outcome = await readInChromium(browser, html, options, reader);
  } finally {
    await browser.close();
  }

  switch (outcome.kind) {
    case 'thread':
      console.log(JSON.stringify(options.bodies ? outcome.thread : withoutBodies(outcome.thread), null, 2));
      return EXIT.thread;
    case 'unreadable':
      console.error(`can't read this conversation: no match for ${outcome.failedSelector}`);
      return EXIT.unreadable;
    case 'none':
      console.error(`no open conversation at ${options.url.href}`);
      return EXIT.none;
    case 'no-adapter':
      console.error(`read-thread: Earshot reads no mail client at ${outcome.host} (Gmail: mail.google.com; Outlook: outlook.live.com, outlook.office.com, outlook.office365.com, outlook.cloud.microsoft)`);
      return EXIT.usage;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`read-thread: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(EXIT.internal);
  },
);

/** The ThreadContext the issue names: who is in the conversation; the bodies only when asked for. */
function withoutBodies(thread: unknown): unknown {
  if (typeof thread !== 'object' || thread === null) return thread;
  const { bodies: _bodies, ...rest } = thread as Record<string, unknown>;
  return rest;
}
