// Request budget: the extension's own scheduler, handlers and sources (src/background) in Node on
// fake-indexeddb, against the fake server's APIs in their path-prefix form (a fetch that sends
// https://HOST/PATH to http://127.0.0.1:PORT/HOST/PATH). Every source on, GitHub's search by address on
// (the worst case), every optional host permission granted.
//
// - One new sender: the requests each of the fake world's senders costs (`npm run lookup`'s own code);
//   the worst of them against ≤ 12.
// - A burst of 200 new senders in one conversation (the real thread/opened handler): the most requests
//   any source sent within any window of its own length, against SOURCE_LIMITS; and a Bluesky stricter
//   than documented (50 requests a minute, then 429 with Retry-After until the minute is over): no
//   request sent after a 429 came back, before its Retry-After was over, may meet a second 429.
//
// The rate windows are up to an hour long, so the burst runs on a warped clock: it moves with real time,
// and whenever nothing is running and every queued job waits for a time (a rate window, a Retry-After),
// it jumps to that time. The scheduler, the handler and the fake Bluesky all read this one clock.
// Run alone: `npx tsx scripts/bench/requests.ts` (no browser; uses a free port).

import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { EarshotDatabase } from '../../src/db/database';
import { onThreadOpened } from '../../src/background/handlers/thread-opened';
import type { BackgroundContext } from '../../src/background/context';
import { SOURCE_LIMITS } from '../../src/background/scheduler/limits';
import { queuedJobs } from '../../src/background/scheduler/queue';
import { Scheduler } from '../../src/background/scheduler/scheduler';
import { ALL_SOURCES } from '../../src/background/sources/registry';
import type { SourceId } from '../../src/shared/domain';
import type { Participant, ThreadContext } from '../../src/shared/thread';
import { startFakeServer, type FakeServer } from '../../test/e2e/harness/fake-server';
import { json } from '../../test/e2e/harness/route-kit';
import { blueskyRoute } from '../../test/e2e/harness/routes/bluesky';
import { GRAVATAR_WORLD } from '../../test/e2e/harness/routes/gravatar';
import { MASTODON_WORLD } from '../../test/e2e/harness/routes/mastodon';
import { lookupSettings, runLookup } from '../lookup/run';
import { viaApiBase } from '../lookup/network';
import { isMain, row, runAlone, type BenchResult } from './lib/report';

const BUDGET_PER_SENDER = 12;
const BURST = 200;
/** The stricter Bluesky of the burst: this many requests per minute of the warped clock, then 429s. */
const STRICT_BLUESKY_PER_MINUTE = 50;
/** How many queued jobs the scheduler's pump reads (src/background/scheduler/scheduler.ts). */
const QUEUE_WINDOW = 200;

/** The fake world's senders (test/e2e/sources.e2e.ts), and one whom no source knows. */
const SENDERS = [
  { label: 'Wren Okafor (Gravatar → GitHub, Bluesky, Mastodon)', name: 'Wren Okafor', email: GRAVATAR_WORLD.wren.email },
  { label: 'Dana Whitfield (Bluesky domain handle, company feed)', name: 'Dana Whitfield', email: 'dana@cloud-blog.example' },
  { label: 'John Lennon (WebFinger, company on Wikidata and Mastodon)', name: 'John Lennon', email: MASTODON_WORLD.sender },
  { label: 'a sender no source knows', name: 'Alex Morgan', email: 'alex.morgan@unknown-company.example' },
];

interface SenderCount {
  label: string;
  total: number;
  bySource: Partial<Record<SourceId | 'unknown', number>>;
}

async function oneSender(server: FakeServer): Promise<SenderCount[]> {
  const counts: SenderCount[] = [];
  for (const sender of SENDERS) {
    const result = await runLookup({ sender: { name: sender.name, email: sender.email }, apiBase: server.httpUrl, githubEmail: true, timeoutMs: 60_000 });
    if (result.details.timedOut) throw new Error(`lookup of ${sender.email} did not finish`);
    const bySource: SenderCount['bySource'] = {};
    for (const request of result.requests) bySource[request.source] = (bySource[request.source] ?? 0) + 1;
    counts.push({ label: sender.label, total: result.requests.length, bySource });
  }
  return counts;
}

// ---- the burst ----

/** Real time plus whatever the warp added. */
class WarpedClock {
  private offset = 0;
  now = (): number => Date.now() + this.offset;
  jumpTo(at: number): void {
    if (at > this.now()) this.offset += at - this.now();
  }
  get warpedMs(): number {
    return this.offset;
  }
}

function burstThread(): ThreadContext {
  const first = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jo'];
  const last = ['Silva', 'Novak', 'Okoro', 'Park', 'Quinn', 'Rossi', 'Sato', 'Tran', 'Umar', 'Vance'];
  // A big thread: the fake world's three senders, and people from twenty companies (two of them the
  // world's, whose company accounts and feeds the fakes serve).
  const domains = ['acme.example', 'cloud-blog.example', ...Array.from({ length: 18 }, (_, i) => `company${i + 1}.example`)];
  const participants: Participant[] = SENDERS.slice(0, 3).map((sender) => ({ name: sender.name, email: sender.email, roles: ['to'], messageCount: 1, isPerson: true }));
  for (let i = 0; participants.length < BURST; i += 1) {
    const name = `${first[i % 10]} ${last[Math.floor(i / 10) % 10]}`;
    const domain = domains[i % domains.length] as string;
    participants.push({ name, email: `${name.toLowerCase().replace(' ', '.')}${i}@${domain}`, roles: ['cc'], messageCount: 1, isPerson: true });
  }
  participants.push({ name: 'Me', email: 'me@my-company.example', roles: ['from'], messageCount: 1, isPerson: true });
  return { client: 'gmail', threadId: 'bench-burst', subject: 'A big thread', participants, self: 'me@my-company.example' };
}

interface Sent {
  source: SourceId;
  at: number;
  status: number;
}

interface BluskyExchange {
  sentAt: number;
  answeredAt: number;
  status: number;
}

/** Bluesky as the default fake, behind a stricter limit counted on the warped clock. */
function strictBluesky(clock: WarpedClock) {
  let windowStart = 0;
  let used = 0;
  return async (request: Parameters<typeof blueskyRoute.handle>[0]) => {
    const now = clock.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      used = 0;
    }
    used += 1;
    if (used > STRICT_BLUESKY_PER_MINUTE) {
      const wait = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
      return json({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, 429, { 'retry-after': String(wait) });
    }
    return blueskyRoute.handle(request);
  };
}

type SchedulerInside = { running: Map<number, unknown> };

interface BurstOutcome {
  requests: number;
  repeated: number;
  worst: { source: SourceId; most: number; limit: number; windowMs: number }[];
  bluesky429: number;
  spirals: number;
  inFlight429: number;
  warpedHours: number;
  realSeconds: number;
  lookups: Record<string, number>;
}

/** The most entries within any window of `windowMs` (a window starting at each entry). */
function mostInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

async function burst(server: FakeServer): Promise<BurstOutcome> {
  const realStart = Date.now();
  const clock = new WarpedClock();
  const db = new EarshotDatabase(`earshot-bench-burst-${process.pid}-${Date.now()}`, { indexedDB, IDBKeyRange });
  const settings = lookupSettings(true);
  const exchanges: BluskyExchange[] = [];
  const urls = new Map<string, number>();
  server.setRoute('public.api.bsky.app', strictBluesky(clock));
  const fetchVia: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    urls.set(url, (urls.get(url) ?? 0) + 1);
    const sentAt = clock.now();
    const response = await fetch(viaApiBase(url, server.httpUrl), init);
    if (new URL(url).host !== 'public.api.bsky.app') return response;
    // Answered once the whole body is in: only then can the scheduler have read the status.
    const body = await response.arrayBuffer();
    exchanges.push({ sentAt, answeredAt: clock.now(), status: response.status });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const scheduler = new Scheduler({
    db, sources: ALL_SOURCES, loadSettings: async () => settings, fetch: fetchVia, now: clock.now, wakeAt: () => undefined,
    hasHostPermission: async () => true,
  });
  const context: BackgroundContext = { db, scheduler, sources: ALL_SOURCES, loadSettings: async () => settings, now: clock.now };
  try {
    const answer = await onThreadOpened({ type: 'thread/opened', thread: burstThread() }, context);
    if (!answer.accepted || answer.lookedUp !== BURST) throw new Error(`thread/opened looked up ${answer.lookedUp} of ${BURST}`);
    const inside = scheduler as unknown as SchedulerInside;
    let quiet = 0;
    let lastCount = -1;
    let lastReport = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (process.env.BENCH_DEBUG && Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        console.error(`burst: ${await db.jobs.count()} jobs, ${await db.requestLog.count()} requests, running ${inside.running.size}, warped ${(clock.warpedMs / 3_600_000).toFixed(2)} h`);
      }
      // Idle: nothing running and no request sent for 300 ms (the scheduler's pump may still be looking
      // through the queue; it finds nothing to start until the clock moves).
      const count = await db.requestLog.count();
      if (inside.running.size > 0 || count !== lastCount) {
        lastCount = count;
        quiet = 0;
        continue;
      }
      quiet += 1;
      if (quiet < 15) continue;
      if ((await db.jobs.count()) === 0) break;
      // Everything the scheduler looks at waits (its pump reads the first QUEUE_WINDOW queued jobs): jump
      // to the first moment one of them may start.
      const queued = await queuedJobs(db, QUEUE_WINDOW);
      let next = Infinity;
      for (const job of queued) {
        const limit = SOURCE_LIMITS[job.source];
        const inWindow = await db.requestLog.where('[source+at]').between([job.source, clock.now() - limit.windowMs], [job.source, Infinity]).toArray();
        // The scheduler starts a job only with room for all the requests it may make (requestsPerJob).
        const allowed = limit.limit - limit.requestsPerJob;
        const windowFree = inWindow.length <= allowed ? 0 : (inWindow[inWindow.length - allowed - 1]?.at ?? 0) + limit.windowMs + 1;
        next = Math.min(next, Math.max(job.notBefore, windowFree));
      }
      if (Number.isFinite(next)) clock.jumpTo(next + 1);
      scheduler.kick();
      quiet = 0;
    }
    const log = await db.requestLog.toArray();
    const bySource = new Map<SourceId, number[]>();
    for (const entry of log as Sent[]) bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry.at]);
    const worst = [...bySource].map(([source, times]) => ({
      source, most: mostInWindow(times, SOURCE_LIMITS[source].windowMs), limit: SOURCE_LIMITS[source].limit, windowMs: SOURCE_LIMITS[source].windowMs,
    })).sort((a, b) => b.most / b.limit - a.most / a.limit);
    // A spiral: a request sent after a 429 came back (and before any success) that meets another 429.
    const ordered = [...exchanges].sort((a, b) => a.sentAt - b.sentAt);
    let spirals = 0;
    let inFlight429 = 0;
    let last429At: number | null = null;
    for (const exchange of ordered) {
      if (exchange.status === 429) {
        if (last429At !== null && exchange.sentAt >= last429At) spirals += 1;
        else if (last429At !== null) inFlight429 += 1;
        last429At = Math.max(last429At ?? 0, exchange.answeredAt);
      } else if (last429At !== null && exchange.sentAt >= last429At) {
        last429At = null;
      }
    }
    if (process.env.BENCH_DEBUG) {
      const t0 = ordered[0]?.sentAt ?? 0;
      for (const [i, e] of ordered.entries()) {
        const near = ordered.slice(Math.max(0, i - 2), i + 3).some((x) => x.status === 429);
        if (near) console.error(`bluesky #${i} sent ${((e.sentAt - t0) / 1000).toFixed(3)} s answered ${((e.answeredAt - t0) / 1000).toFixed(3)} s: ${e.status}`);
      }
    }
    const lookups: Record<string, number> = {};
    for (const person of await db.people.toArray()) {
      for (const lookup of Object.values(person.lookups)) lookups[lookup.state] = (lookups[lookup.state] ?? 0) + 1;
    }
    return {
      requests: log.length,
      repeated: [...urls.values()].reduce((sum, n) => sum + (n - 1), 0),
      worst,
      bluesky429: exchanges.filter((exchange) => exchange.status === 429).length,
      spirals,
      inFlight429,
      warpedHours: clock.warpedMs / 3_600_000,
      realSeconds: (Date.now() - realStart) / 1000,
      lookups,
    };
  } finally {
    server.setRoute('public.api.bsky.app', blueskyRoute.handle);
    db.close();
    await db.delete().catch(() => undefined);
  }
}

function windowText(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`;
}

export async function benchRequests(): Promise<BenchResult> {
  const server = await startFakeServer({ port: 0 });
  try {
    const senders = await oneSender(server);
    const worstSender = senders.reduce((a, b) => (b.total > a.total ? b : a));
    const outcome = await burst(server);
    const over = outcome.worst.filter((entry) => entry.most > entry.limit);
    const top = outcome.worst[0];
    const rows = [
      row('Requests for one new sender, every source on (worst of the fake world)', `${worstSender.total}`, `≤ ${BUDGET_PER_SENDER}`, worstSender.total <= BUDGET_PER_SENDER),
      row(`Requests, burst of ${BURST} new senders: busiest source within its rate window`,
        top ? `${top.source} ${top.most}/${top.limit} per ${windowText(top.windowMs)}` : 'no requests', 'within every limit', over.length === 0),
      row(`Requests, burst: 429s met right after a 429 (Bluesky at ${STRICT_BLUESKY_PER_MINUTE}/min)`, `${outcome.spirals} of ${outcome.bluesky429} 429s`, '0', outcome.spirals === 0),
    ];
    const notes = [
      `Requests for one new sender (every source on, GitHub search by address on, hosts granted; fake APIs): ` +
        senders.map((s) => `${s.label}: ${s.total} (${Object.entries(s.bySource).map(([source, n]) => `${source} ${n}`).join(', ')})`).join('; ') + '.',
      `Requests, burst: one thread/opened with ${BURST} new senders (3 from the fake world, 197 at 20 company domains); ${outcome.requests.toLocaleString('en')} requests in all, ` +
        `${outcome.repeated.toLocaleString('en')} of them repeating a URL already fetched for an earlier sender; busiest window per source: ` +
        outcome.worst.map((w) => `${w.source} ${w.most}/${w.limit} per ${windowText(w.windowMs)}`).join(', ') + `. ` +
        `Lookup states at the end: ${Object.entries(outcome.lookups).map(([state, n]) => `${state} ${n}`).join(', ')}. ` +
        `The clock was warped by ${outcome.warpedHours.toFixed(1)} h (the burst ran ${outcome.realSeconds.toFixed(0)} s of real time); ` +
        `Bluesky answered ${outcome.bluesky429} 429s, ${outcome.inFlight429} of them to requests already in flight when the first came back (those cannot be recalled), ` +
        `${outcome.spirals} to requests sent after a 429 had come back.`,
    ];
    return { name: 'requests', rows, notes };
  } finally {
    await server.close();
  }
}

if (isMain(import.meta.url)) await runAlone(benchRequests);
