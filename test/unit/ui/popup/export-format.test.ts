import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../../src/db/database';
import { clearAllTables } from '../../../../src/db/erase';
import { storedCounts } from '../../../../src/db/counts';
import { parseSettings } from '../../../../src/shared/settings';
import type { IdentityRecord, PostRecord } from '../../../../src/shared/domain';

// The format module shares the pending-host shape with the storage module, which imports the polyfill.
vi.mock('webextension-polyfill', () => ({ default: {} }));
const { buildExport, EXPORTED_TABLES, importExport, parseExport } = await import('../../../../src/db/export-format');

let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`export-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const identity: IdentityRecord = {
  id: 'jane@acme.com|bluesky:jane.acme.com', personId: 'jane@acme.com', network: 'bluesky', handle: 'jane.acme.com',
  url: 'https://bsky.app/profile/jane.acme.com', displayName: 'Jane', avatarUrl: 'https://cdn.example/a.jpg', description: 'Hi',
  externalId: 'did:plc:1', tier: 'A', evidence: [{ kind: 'domain-handle', text: 'On her domain', url: 'https://acme.com' }],
  verdict: 'confirmed', fetchedAt: 100, profile: { jobTitle: 'CTO', company: 'Acme', location: 'Oslo' }, linkedFrom: 'x',
  activityFetchedAt: 120, addedByUser: true,
};
const post: PostRecord = {
  id: `${identity.id}|bluesky:1`, personId: 'jane@acme.com', identityId: identity.id, network: 'bluesky', url: 'https://bsky.app/p/1',
  text: 'Hello', createdAt: 90, fetchedAt: 120, kind: 'quote', author: 'bob.test', counts: { replies: 1, reposts: 2, likes: 3 },
  images: [{ url: 'https://cdn.example/i.jpg', alt: 'a cat' }], link: { url: 'https://acme.com/news', title: 'News' },
  analysis: { hashtags: ['#a'], mentions: ['@b'], organisations: ['Acme'], topics: ['news'], sentiment: 0.5 },
};

async function seed() {
  await db.people.put({ id: 'jane@acme.com', email: 'jane@acme.com', name: 'Jane', domain: 'acme.com', firstSeenAt: 10, lastSeenAt: 100, lookups: { bluesky: { state: 'found', at: 100 }, mastodon: { state: 'skipped', at: 100, detail: 'needs permission' } } });
  await db.identities.put(identity);
  await db.posts.put(post);
  await db.notes.put({ personId: 'jane@acme.com', text: 'Met in Oslo', updatedAt: 50 });
  await db.threads.put({ key: 'gmail:1', client: 'gmail', threadId: '1', subject: 'Hi', self: 'me@me.com', seenAt: 100,
    participants: [{ name: 'Jane', email: 'jane@acme.com', roles: ['from'], messageCount: 1, isPerson: true, lastMessageAt: null }] });
  await db.requestLog.bulkAdd([
    { at: 100, source: 'bluesky', host: 'public.api.bsky.app', path: '/xrpc/x', identifierKind: 'handle', status: 200, durationMs: 3 },
    // Two real requests can look alike (the log keeps no query): both must survive a round trip.
    { at: 100, source: 'bluesky', host: 'public.api.bsky.app', path: '/xrpc/x', identifierKind: 'handle', status: 200, durationMs: 3 },
    { at: 101, source: 'gravatar', host: 'api.gravatar.com', path: '/v3/profiles/h', identifierKind: 'hash', status: 404, durationMs: 2 },
  ]);
  await db.jobs.add({ key: 'k', source: 'bluesky', kind: 'resolve', personId: 'jane@acme.com', priority: 0, payload: {}, attempts: 0, notBefore: 0, createdAt: 0, state: 'queued' });
}

const settings = parseSettings({ onboarded: true, exclusions: ['x@y.com'], retentionDays: 7 });
const pendingHosts = [{ origin: 'https://acme.com', host: 'acme.com', firstAt: 1, lastAt: 2 }];

describe('export format', () => {
  it('contains everything stored (but the job queue), and re-imports into an empty database unchanged', async () => {
    await seed();
    const exported = await buildExport(db, { settings, pendingHosts, now: Date.parse('2026-05-01T09:30:00Z') });
    expect(exported).toMatchObject({ format: 'earshot-export', version: 1, exportedAt: '2026-05-01T09:30:00.000Z', schemaVersion: 1, settings, pendingHosts });
    const text = JSON.stringify(exported);
    const before = await Promise.all(EXPORTED_TABLES.map((table) => db.table(table).toArray()));

    await clearAllTables(db);
    expect(await storedCounts(db)).toEqual({ people: 0, identities: 0, posts: 0, notes: 0, threads: 0, requestLog: 0, jobs: 0 });
    const parsed = parseExport(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.skipped).toBe(0);
    expect(parsed.data.settings).toEqual(settings);
    expect(parsed.data.pendingHosts).toEqual(pendingHosts);
    expect(await importExport(db, parsed.data)).toEqual({ people: 1, identities: 1, posts: 1, notes: 1, threads: 1, requestLog: 3 });
    const after = await Promise.all(EXPORTED_TABLES.map((table) => db.table(table).toArray()));
    // Audit entries get new ids; everything else is identical, every optional field included.
    const withoutIds = (rows: unknown[][]) => rows.map((table) => table.map((row) => ({ ...(row as object), id: (row as { id?: unknown }).id })));
    expect(withoutIds(after.slice(0, 5))).toEqual(withoutIds(before.slice(0, 5)));
    expect(after[5]!.map(({ id: _id, ...rest }) => rest)).toEqual(before[5]!.map(({ id: _id, ...rest }) => rest));
    expect(await db.jobs.count()).toBe(0);
  });

  it('merges: newer records win, a verdict is never lost, identical audit entries are not doubled', async () => {
    await seed();
    const exported = await buildExport(db, { settings, pendingHosts, now: 1 });
    // Meanwhile, this browser fetched the identity again (no verdict on the fresh copy) and edited the note.
    await db.identities.put({ ...identity, verdict: null, addedByUser: undefined, fetchedAt: 500, displayName: 'Jane D.' });
    await db.notes.put({ personId: 'jane@acme.com', text: 'Newer note', updatedAt: 900 });
    const parsed = parseExport(JSON.stringify(exported));
    if (!parsed.ok) throw new Error(parsed.reason);
    const counts = await importExport(db, parsed.data);
    expect(counts).toMatchObject({ notes: 0, requestLog: 0, posts: 0 });
    expect(await db.identities.get(identity.id)).toMatchObject({ displayName: 'Jane D.', fetchedAt: 500, verdict: 'confirmed', addedByUser: true });
    expect((await db.notes.get('jane@acme.com'))?.text).toBe('Newer note');
    expect(await db.requestLog.count()).toBe(3);
  });

  it('refuses what is not an export, and skips records without their documented shape', () => {
    expect(parseExport('not json')).toEqual({ ok: false, reason: 'This file is not JSON.' });
    expect(parseExport('[]')).toEqual({ ok: false, reason: 'This file is not an Earshot export.' });
    expect(parseExport('{"format":"earshot-export","version":2}')).toEqual({ ok: false, reason: 'This export is version 2; this Earshot reads version 1.' });
    const parsed = parseExport(JSON.stringify({
      format: 'earshot-export', version: 1, settings: { retentionDays: 'x', brands: ['Acme'] },
      notes: [{ personId: 'a', text: 'ok', updatedAt: 1 }, { personId: 'b', text: 5, updatedAt: 1 }],
      posts: [{ ...post, kind: 'tweet' }],
      requestLog: [{ at: 1, source: 'evil', host: 'h', path: '/', identifierKind: 'hash', status: 200, durationMs: 1 }],
    }));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.skipped).toBe(3);
    expect(parsed.data.notes).toEqual([{ personId: 'a', text: 'ok', updatedAt: 1 }]);
    expect(parsed.data.settings).toMatchObject({ retentionDays: 30, brands: ['Acme'] });
  });
});
