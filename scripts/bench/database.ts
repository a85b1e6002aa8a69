// Database at scale: 5,000 people and 250,000 posts generated in the extension's own IndexedDB, inside
// an extension page of the built extension in real Chromium, with the extension's own Dexie schema
// (src/db, bundled here from source the way scripts/build.ts bundles it). Then:
// - the sidebar's queries (PersonView: db.people.get, identities by personId, postsOf(db, personId, 200)),
//   run together as the sidebar runs them, for random people: p95 ≤ 10 ms;
// - the retention purge (purgeExpired from src/background/retention.ts) of 100,000 expired posts: ≤ 2 s;
// - the size on disk: navigator.storage.estimate() in the extension's origin.
// The page is chrome-extension://<id>/manifest.json: the extension's origin with none of its UI running,
// so no live query of the popup or sidebar re-runs on every generated row. The bundle is evaluated over
// the DevTools protocol (Runtime.evaluate), which the extension's CSP does not govern.
// Run alone: `npx tsx scripts/bench/database.ts` (after `npm run build`, under the port lock).

import * as esbuild from 'esbuild';
import type { Page } from 'puppeteer-core';
import { ROOT } from './lib/content-bundle';
import { launchExtension, startDemoServer } from './lib/extension';
import { isMain, median, ms, percentile, row, runAlone, type BenchResult } from './lib/report';

const PEOPLE = 5_000;
const POSTS = 250_000;
const EXPIRED_POSTS = 100_000;
const QUERY_SAMPLES = Number(process.env.BENCH_DB_QUERIES ?? 600);
const RETENTION_DAYS = 30;

/**
 * Runs in the extension page. Posts are spread the way a mailbox's correspondents post: 250 prolific
 * people with 500 posts each (more than the sidebar reads), 750 with 100, 4,000 with 12 or 13.
 */
const ENTRY = `
import { EarshotDatabase } from './database';
import { postsOf } from './activity';
import { purgeExpired, PURGE_CHUNK_SIZE } from '../background/retention';

const DAY = 86_400_000;
const WORDS = 'forecast supply chain analytics vendor onboarding export panel hiring engineers Lisbon remote release API fediverse coffee bike rides design pricing customers roadmap launch beta feedback #procurement #startups @acme'.split(' ');

function text(seed: number): string {
  const words: string[] = [];
  const length = 20 + (seed % 35);
  for (let i = 0; i < length; i += 1) words.push(WORDS[(seed * 31 + i * 17) % WORDS.length] as string);
  return words.join(' ');
}

export function postsFor(index: number): number {
  if (index < 250) return 500;
  if (index < 1_000) return 100;
  return index % 2 === 0 ? 12 : 13;
}

export function personId(index: number): string {
  return 'person' + index + '@company' + (index % 700) + '.example';
}

export async function generate(now: number, expired: number): Promise<{ people: number; identities: number; posts: number; expired: number; ms: number }> {
  const started = performance.now();
  const db = new EarshotDatabase();
  await db.open();
  const people = [];
  const identities = [];
  for (let i = 0; i < ${PEOPLE}; i += 1) {
    const id = personId(i);
    people.push({ id, email: id, name: 'Person ' + i, domain: id.split('@')[1], firstSeenAt: now - 60 * DAY, lastSeenAt: now - DAY,
      lookups: { bluesky: { state: 'found', at: now - DAY }, gravatar: { state: 'none', at: now - DAY }, github: { state: 'found', at: now - DAY } } });
    for (const network of ['bluesky', 'github']) {
      const handle = network === 'bluesky' ? 'person' + i + '.bsky.social' : 'person-' + i;
      identities.push({ id: id + '|' + network + ':' + handle, personId: id, network, handle, url: 'https://example.com/' + handle,
        displayName: 'Person ' + i, description: text(i), tier: 'A', evidence: [{ kind: 'domain-handle', text: text(i + 1).slice(0, 120), url: 'https://example.com/' + handle }],
        verdict: null, fetchedAt: now - DAY, activityFetchedAt: now - DAY });
    }
  }
  await db.people.bulkAdd(people);
  await db.identities.bulkAdd(identities);
  // Which posts are past the retention period: every k-th, so each person has some of both.
  const total = ${POSTS};
  const every = total / expired;
  let n = 0;
  let batch = [];
  let expiredCount = 0;
  for (let i = 0; i < ${PEOPLE}; i += 1) {
    const id = personId(i);
    for (let j = 0; j < postsFor(i); j += 1) {
      const network = j % 3 === 0 ? 'github' : 'bluesky';
      const identityId = id + '|' + network + ':' + (network === 'bluesky' ? 'person' + i + '.bsky.social' : 'person-' + i);
      const isExpired = Math.floor((n + 1) / every) > Math.floor(n / every) && expiredCount < expired;
      if (isExpired) expiredCount += 1;
      const createdAt = now - ((n * 7919) % (120 * DAY)) - DAY;
      batch.push({ id: identityId + '|' + network + ':at://did:plc:bench' + i + '/app.bsky.feed.post/' + n.toString(36), personId: id, identityId, network,
        url: 'https://bsky.app/profile/person' + i + '.bsky.social/post/' + n.toString(36), text: text(n), createdAt,
        fetchedAt: isExpired ? now - 40 * DAY : now - DAY, kind: 'post', counts: { replies: n % 7, reposts: n % 13, likes: n % 101 },
        analysis: { hashtags: ['#procurement'], mentions: [], organisations: n % 5 === 0 ? ['Contoso'] : [], topics: ['supply chain', 'analytics vendor'], sentiment: ((n % 11) - 5) / 5 } });
      n += 1;
      if (batch.length === 10_000) {
        await db.posts.bulkAdd(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await db.posts.bulkAdd(batch);
  db.close();
  return { people: people.length, identities: identities.length, posts: n, expired: expiredCount, ms: performance.now() - started };
}

/** The sidebar's three queries for each of these people, timed together and apart (ms). */
export async function querySidebar(indexes: number[]): Promise<{ together: number[]; person: number[]; identities: number[]; posts: number[]; postsRead: number[] }> {
  const db = new EarshotDatabase();
  await db.open();
  const out = { together: [] as number[], person: [] as number[], identities: [] as number[], posts: [] as number[], postsRead: [] as number[] };
  const timed = async <T>(into: number[], query: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await query();
    into.push(performance.now() - start);
    return value;
  };
  for (const index of indexes) {
    const id = personId(index);
    const start = performance.now();
    const [, , posts] = await Promise.all([
      timed(out.person, () => db.people.get(id)),
      timed(out.identities, () => db.identities.where('personId').equals(id).toArray()),
      timed(out.posts, () => postsOf(db, id, 200)),
    ]);
    out.together.push(performance.now() - start);
    out.postsRead.push(posts.length);
  }
  db.close();
  return out;
}

/**
 * The purge, and meanwhile the sidebar's queries for one person after another (from a second connection,
 * as the sidebar's own): first 200 ms into it, then 100 ms after each answer, until the purge is done.
 */
export async function purge(now: number, days: number): Promise<{ ms: number; posts: number; left: number; chunkSize: number; queryDuring: number[] }> {
  const db = new EarshotDatabase();
  await db.open();
  const reader = new EarshotDatabase();
  await reader.open();
  const start = performance.now();
  let done = false;
  const purging = purgeExpired(db, days, now).then((result) => ({ result, at: performance.now() })).finally(() => { done = true; });
  const queryDuring: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let k = 0; !done; k += 1) {
    const id = personId((1_234 + k * 97) % ${PEOPLE});
    const asked = performance.now();
    await Promise.all([reader.people.get(id), reader.identities.where('personId').equals(id).toArray(), postsOf(reader, id, 200)]);
    queryDuring.push(performance.now() - asked);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { result, at } = await purging;
  const left = await db.posts.count();
  db.close();
  reader.close();
  return { ms: at - start, posts: result.posts, left, chunkSize: PURGE_CHUNK_SIZE, queryDuring };
}

export async function counts(): Promise<{ people: number; identities: number; posts: number }> {
  const db = new EarshotDatabase();
  await db.open();
  const out = { people: await db.people.count(), identities: await db.identities.count(), posts: await db.posts.count() };
  db.close();
  return out;
}

export async function estimate(): Promise<{ usage: number; idb: number | null }> {
  const estimate = await navigator.storage.estimate() as StorageEstimate & { usageDetails?: { indexedDB?: number } };
  return { usage: estimate.usage ?? 0, idb: estimate.usageDetails?.indexedDB ?? null };
}
`;

const GLOBAL = '__earshotDbBench';

async function bundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: `${ROOT}/src/db`, loader: 'ts', sourcefile: 'db-bench-entry.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    // As scripts/build.ts builds the extension's pages for Chrome.
    minify: true,
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no bundle');
  return output.text;
}

function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`globalThis.${GLOBAL}.${name}(...${JSON.stringify(args)})`) as Promise<T>;
}

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(0)} MB`;
}

export async function benchDatabase(): Promise<BenchResult> {
  const code = await bundle();
  const server = await startDemoServer();
  // Not onboarded: nothing is looked up, so only this page writes to the database.
  const ext = await launchExtension(server, { onboarded: false });
  try {
    const page = await ext.browser.newPage();
    await page.goto(`${ext.origin}/manifest.json`);
    await page.evaluate(code);
    const now = Date.now();
    const generated = await call<{ people: number; identities: number; posts: number; expired: number; ms: number }>(page, 'generate', now, EXPIRED_POSTS);
    const stored = await call<{ people: number; identities: number; posts: number }>(page, 'counts');
    if (stored.posts !== POSTS || stored.people !== PEOPLE) throw new Error(`generated ${JSON.stringify(stored)}, expected ${PEOPLE} people and ${POSTS} posts`);
    const size = await call<{ usage: number; idb: number | null }>(page, 'estimate');

    // Random people, uniformly: about 5 % of them are the prolific 250, so the p95 includes them.
    let seed = 12_345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const people = Array.from({ length: QUERY_SAMPLES }, () => Math.floor(random() * PEOPLE));
    await call(page, 'querySidebar', people.slice(0, 20)); // warm-up, not counted
    const q = await call<{ together: number[]; person: number[]; identities: number[]; posts: number[]; postsRead: number[] }>(page, 'querySidebar', people);
    const prolific = await call<{ together: number[] }>(page, 'querySidebar', Array.from({ length: 100 }, (_, i) => (i * 7) % 250));

    const purged = await call<{ ms: number; posts: number; left: number; chunkSize: number; queryDuring: number[] }>(page, 'purge', now, RETENTION_DAYS);
    const waits = purged.queryDuring;
    const waitP95 = waits.length > 0 ? percentile(waits, 95) : 0;
    const p95 = percentile(q.together, 95);
    const rows = [
      row(`DB ${PEOPLE.toLocaleString('en')} people / ${(POSTS / 1000).toFixed(0)}k posts: sidebar query p95 (${q.together.length} people)`, ms(p95), '≤ 10 ms', p95 <= 10),
      row(`DB: retention purge of ${purged.posts.toLocaleString('en')} posts`, ms(purged.ms), '≤ 2 s', purged.ms <= 2_000 && purged.posts === EXPIRED_POSTS),
      row(`DB: sidebar queries during the purge, p95 (${waits.length} asked)`, ms(waitP95), '≤ 100 ms', waits.length > 0 && waitP95 <= 100),
      row('DB: size on disk (storage.estimate, extension origin)', mb(size.usage), 'reported', null),
    ];
    const notes = [
      `Database: generated ${generated.people.toLocaleString('en')} people, ${generated.identities.toLocaleString('en')} identities and ${generated.posts.toLocaleString('en')} posts ` +
        `(250 people with 500 posts, 750 with 100, 4,000 with 12–13; ${generated.expired.toLocaleString('en')} fetched 40 days ago) in ${(generated.ms / 1000).toFixed(1)} s, ` +
        `with the extension's Dexie schema in its own IndexedDB ('earshot'), in chrome-extension://…/manifest.json of the built extension.`,
      `Database sidebar queries (PersonView's three, run together as its live queries do), ${q.together.length} random people: p50 ${ms(median(q.together))}, p95 ${ms(p95)}, max ${ms(Math.max(...q.together))}; ` +
        `apart, p95: people.get ${ms(percentile(q.person, 95))}, identities by personId ${ms(percentile(q.identities, 95))}, postsOf(…, 200) ${ms(percentile(q.posts, 95))}; ` +
        `the 250 prolific people only (200 posts read each): p50 ${ms(median(prolific.together))}, p95 ${ms(percentile(prolific.together, 95))}.`,
      `Database retention: purgeExpired(db, ${RETENTION_DAYS} days) from src/background/retention.ts, its API used as is; it removed ${purged.posts.toLocaleString('en')} posts in ${ms(purged.ms)} ` +
        `(${purged.left.toLocaleString('en')} left), in chunks of ${purged.chunkSize.toLocaleString('en')} posts, each its own read-write transaction. ` +
        `The sidebar's queries for one person after another, asked from 200 ms into the purge until its end (${waits.length} times), answered in ` +
        (waits.length > 0 ? `median ${ms(median(waits))}, p95 ${ms(waitP95)}, max ${ms(Math.max(...waits))}` : 'none: the purge ended first') +
        `: a reader waits for the chunk in progress, not for the whole purge. Size on disk after generating: ${mb(size.usage)} in the origin${size.idb !== null ? ` (IndexedDB ${mb(size.idb)})` : ''}.`,
    ];
    return { name: 'database', rows, notes };
  } finally {
    await ext.close();
    await server.close();
  }
}

if (isMain(import.meta.url)) await runAlone(benchDatabase);
