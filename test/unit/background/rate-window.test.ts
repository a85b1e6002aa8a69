import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { identityId } from '../../../src/db/activity';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { SOURCE_LIMITS } from '../../../src/background/scheduler/limits';
import { activityJobsFor } from '../../../src/background/resolver';
import { githubSource } from '../../../src/background/sources/github';
import { parseSettings } from '../../../src/shared/settings';
import type { IdentityRecord } from '../../../src/shared/domain';

/**
 * The real scheduler and GitHub source against a window already nearly spent: a job that may make three
 * requests waits until the window has room for all three, so the hour never holds more than 60.
 */
const HOUR = 3_600_000;
let db: EarshotDatabase;
let clock: number;

beforeEach(() => {
  db = new EarshotDatabase(`rate-window-${Math.random()}`);
  clock = Date.parse('2026-11-22T10:00:00Z');
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function githubIdentity(login: string): IdentityRecord {
  return {
    id: identityId('wren@example.com', 'github', login), personId: 'wren@example.com', network: 'github', handle: login,
    url: `https://github.com/${login}`, tier: 'A', evidence: [], verdict: null, fetchedAt: clock,
  };
}

describe('the rate window counts the requests a job may make, not the jobs', () => {
  it('holds a three-request GitHub job at 58 of 60, and runs it once the oldest requests leave the window', async () => {
    const limit = SOURCE_LIMITS.github;
    expect(limit.requestsPerJob).toBe(3);
    // 58 requests in the last hour, the oldest two 50 minutes ago.
    await db.requestLog.bulkAdd(Array.from({ length: 58 }, (_, i) => ({
      at: clock - (i < 2 ? 50 * 60_000 : 10 * 60_000), source: 'github' as const, host: 'api.github.com', path: '/users/x', identifierKind: 'handle' as const, status: 200, durationMs: 5,
    })));
    const requests: string[] = [];
    const fetchFake = (async (input: RequestInfo | URL) => {
      requests.push(String(input));
      return new Response('{"message":"Not Found"}', { status: 404 });
    }) as typeof fetch;
    const scheduler = new Scheduler({
      db, sources: [githubSource], fetch: fetchFake, loadSettings: async () => parseSettings({ onboarded: true }),
      now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true,
    });
    const identity = githubIdentity('wren');
    await db.identities.put(identity);
    await scheduler.enqueue(activityJobsFor([identity], [githubSource], 0, clock));
    // idle() waits for an empty queue, which a held job never gives: let the pump look, then check.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toEqual([]);
    expect(await db.jobs.count()).toBe(1);

    // Ten minutes later the two oldest have left the hour: 56 + 3 ≤ 60.
    clock += 10 * 60_000 + 1;
    scheduler.kick();
    await scheduler.idle();
    expect(requests).toEqual(['https://api.github.com/users/wren']);
    expect(await db.jobs.count()).toBe(0);
    const inHour = await db.requestLog.where('[source+at]').between(['github', clock - HOUR], ['github', Infinity]).count();
    expect(inHour).toBeLessThanOrEqual(limit.limit);
  });
});
