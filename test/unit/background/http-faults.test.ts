import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { sourceHttp, type HttpDeps } from '../../../src/background/scheduler/http';
import { RateLimitedError, TransientError } from '../../../src/background/scheduler/errors';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { SourceId } from '../../../src/shared/domain';

// Two faults the end-to-end fault matrix (test/e2e/faults.e2e.ts) found in the gated HTTP access.

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`http-faults-${Math.random()}`);
  // Only the clock and timers the code under test waits on; fake-indexeddb keeps its own (setImmediate).
  vi.useFakeTimers({ now: Date.parse('2026-11-22T12:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  db.close();
  await db.delete();
});

const settings = parseSettings({ onboarded: true, sources: { bluesky: true } });

function deps(overrides: Partial<HttpDeps>): HttpDeps {
  const blocked = new Map<SourceId, number>();
  return {
    db,
    loadSettings: async () => settings,
    fetch: async () => new Response('{}', { status: 200 }),
    now: () => Date.now(),
    onRateLimited: (source, until) => blocked.set(source, Math.max(until, blocked.get(source) ?? 0)),
    blockedUntil: (source) => blocked.get(source) ?? 0,
    hasHostPermission: async () => true,
    ...overrides,
  };
}

it('holds a request that was passing its gate when another job of the source got a 429, until Retry-After is over', async () => {
  const sent: string[] = [];
  let releaseSecondGate: (value: Settings) => void = () => undefined;
  let gates = 0;
  const shared = deps({
    // The second request's settings read is slow: the 429 arrives while it waits for it.
    loadSettings: () => {
      gates += 1;
      return gates === 2 ? new Promise<Settings>((resolve) => { releaseSecondGate = resolve; }) : Promise.resolve(settings);
    },
    fetch: async (input) => {
      const url = String(input);
      sent.push(url);
      return url.endsWith('/first')
        ? new Response('{"error":"RateLimitExceeded"}', { status: 429, headers: { 'retry-after': '3' } })
        : new Response('{}', { status: 200 });
    },
  });
  const first = sourceHttp('bluesky', shared).getJson('https://public.api.bsky.app/first', 'handle', (body) => body);
  const second = sourceHttp('bluesky', shared).getJson('https://public.api.bsky.app/second', 'handle', (body) => body);
  await expect(first).rejects.toBeInstanceOf(RateLimitedError);

  releaseSecondGate(settings);
  await vi.advanceTimersByTimeAsync(2_999);
  expect(sent).toEqual(['https://public.api.bsky.app/first']);
  await vi.advanceTimersByTimeAsync(1);
  await expect(second).resolves.toEqual({ ok: true, status: 200, data: {} });
  expect(sent).toEqual(['https://public.api.bsky.app/first', 'https://public.api.bsky.app/second']);
});

it('logs 0, not the 200 of the status line, when the body never finishes before the timeout', async () => {
  const http = sourceHttp('bluesky', deps({
    fetch: async (_input, init) => {
      const signal = init?.signal as AbortSignal;
      // Headers at once, then a body that only ever sends its first bytes (a slow drip).
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"fe'));
          signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  }));
  const answer = http.getJson('https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed', 'handle', (body) => body);
  const failure = answer.catch((error: unknown) => error);
  await vi.advanceTimersByTimeAsync(10_000);
  const error = await failure;
  expect(error).toBeInstanceOf(TransientError);
  expect((error as Error).message).toBe('timed out');
  const [entry] = await db.requestLog.toArray();
  expect(entry).toMatchObject({ source: 'bluesky', host: 'public.api.bsky.app', status: 0, durationMs: 10_000 });
});
