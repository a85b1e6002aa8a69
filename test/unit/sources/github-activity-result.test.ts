import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { saveIdentity } from '../../../src/db/activity';
import { upsertPerson } from '../../../src/db/people';
import { activityJobsFor } from '../../../src/background/resolver';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { githubSource } from '../../../src/background/sources/github';
import type { IdentityRecord } from '../../../src/shared/domain';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import { githubRoute } from '../../e2e/harness/routes/github';

// Needs the ActivityResult change to source.ts and run-job.ts (see the GitHub source report).
let db: EarshotDatabase;
let settings: Settings;
const clock = Date.parse('2026-11-22T10:00:00Z');
beforeEach(() => {
  db = new EarshotDatabase(`gh-result-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function fetchWith(social: string) {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/social_accounts')) return new Response(social, { status: 200 });
    const answer = await githubRoute.handle({ method: 'GET', host: url.hostname, path: url.pathname, query: url.searchParams, headers: {}, body: '' });
    return new Response(String(answer?.body ?? ''), { status: answer?.status ?? 404 });
  }) as typeof fetch;
}

describe('activity results with profile facts and links', () => {
  it('stores the profile, a link back upgrades the claim, and new claims are tier D', async () => {
    const person = await upsertPerson(db, { name: 'Vincent', email: 'vincent@vincent-jacques.net', roles: ['from'], messageCount: 1, isPerson: true }, clock);
    const base = { personId: person.id, verdict: null, fetchedAt: clock } as const;
    const x: IdentityRecord = { ...base, id: `${person.id}|x:vjacques`, network: 'x', handle: 'vjacques', url: 'https://x.com/vjacques', tier: 'A', evidence: [{ kind: 'test', text: 'given' }] };
    const github: IdentityRecord = { ...base, id: `${person.id}|github:jacquev6`, network: 'github', handle: 'jacquev6', url: 'https://github.com/jacquev6', tier: 'D', evidence: [], linkedFrom: x.id };
    await saveIdentity(db, x);
    await saveIdentity(db, github);
    const s = new Scheduler({ db, sources: [githubSource], fetch: fetchWith('[{"provider":"twitter","url":"https://twitter.com/vjacques"}]'), loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
    await s.enqueue(activityJobsFor([{ ...github, verdict: 'confirmed' }], [githubSource], 0, clock));
    await s.idle();
    const stored = await db.identities.get(github.id);
    expect([stored?.tier, stored?.displayName, stored?.profile, stored?.evidence.map((e) => e.kind)]).toEqual(['B', 'Vincent Jacques', { location: 'France' }, ['links-back']]);
    const blog = await db.identities.get(`${person.id}|web:vincent-jacques.net`);
    expect([blog?.tier, blog?.linkedFrom]).toEqual(['D', github.id]);
    expect(await db.posts.count()).toBe(24);
  });
});
