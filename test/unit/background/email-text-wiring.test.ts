import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import type { BackgroundContext } from '../../../src/background/context';
import type { Scheduler } from '../../../src/background/scheduler/scheduler';
import type { JobDraft } from '../../../src/background/scheduler/queue';
import { ALL_SOURCES } from '../../../src/background/sources/registry';
import { parseSettings, UNTIL_RESUMED, type Settings } from '../../../src/shared/settings';
import type { MessageBody } from '../../../src/shared/message-body';
import type { ThreadContext } from '../../../src/shared/thread';

// Erase clears the settings through the polyfill; everything else here reaches no extension API.
vi.mock('webextension-polyfill', () => ({ default: { storage: { sync: { clear: async () => undefined }, local: { clear: async () => undefined } } } }));
const { onThreadOpened } = await import('../../../src/background/handlers/thread-opened');
const { onMentionLookup } = await import('../../../src/background/handlers/mention-lookup');
const { onDataErase } = await import('../../../src/background/handlers/data-erase');
const { onMentionsGet } = await import('../../../src/background/handlers/mentions-get');

const NOW = Date.parse('2026-11-22T12:00:00Z');
const INES = 'ines.carvalho@tidewater-logistics.example';

/** storage.session as both browsers have it, in memory. */
function sessionStorage() {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys?: string | string[] | null) {
      if (keys === undefined || keys === null) return Object.fromEntries(data);
      const wanted = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((key) => data.has(key)).map((key) => [key, data.get(key)]));
    },
    async set(items: Record<string, unknown>) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys: string | string[]) {
      for (const key of Array.isArray(keys) ? keys : [keys]) data.delete(key);
    },
    async clear() {
      data.clear();
    },
  };
}

let db: EarshotDatabase;
let session: ReturnType<typeof sessionStorage>;
let enqueued: JobDraft[];
let settings: Settings;
/** What the background broadcast to the extension's pages. */
let notices: unknown[];

function context(): BackgroundContext {
  const scheduler = {
    enqueue: async (drafts: JobDraft[]) => {
      enqueued.push(...drafts);
      return drafts.length;
    },
    idle: async () => undefined,
  } as unknown as Scheduler;
  return { db, scheduler, sources: ALL_SOURCES, loadSettings: async () => settings, now: () => NOW };
}

const signed: MessageBody = {
  senderEmail: INES,
  senderName: 'Ines Carvalho',
  text: [
    'Hello,', '', 'I met Dana Whitfield from Litware yesterday, and she would like to join the pilot in November.', '',
    '--', 'Ines Carvalho', 'Head of Partnerships | Tidewater Logistics', '+31 10 555 0199', 'tidewater-logistics.example',
    '@inescarvalho.bsky.social', 'linkedin.com/in/inescarvalho',
  ].join('\n'),
  links: [
    { href: 'https://tidewater-logistics.example/', text: 'tidewater-logistics.example' },
    { href: 'https://bsky.app/profile/inescarvalho.bsky.social', text: '@inescarvalho.bsky.social' },
    { href: 'https://www.linkedin.com/in/inescarvalho', text: 'linkedin.com/in/inescarvalho' },
  ],
};

function thread(bodies: MessageBody[] | undefined): ThreadContext {
  return {
    client: 'gmail',
    threadId: '1928a4c3e5f60f53',
    subject: 'Rates',
    participants: [
      { name: 'Ines Carvalho', email: INES, roles: ['from'], messageCount: 1, isPerson: true, lastMessageAt: null },
      { name: 'Dev Patel', email: 'dev.patel@harborview.example', roles: ['to'], messageCount: 0, isPerson: true, lastMessageAt: null },
    ],
    self: 'jane@harborview.example',
    ...(bodies ? { bodies } : {}),
  };
}

beforeEach(() => {
  db = new EarshotDatabase(`email-text-${Math.random()}`);
  session = sessionStorage();
  notices = [];
  (globalThis as { browser?: unknown }).browser = {
    storage: { session },
    runtime: { sendMessage: async (message: unknown) => { notices.push(message); } },
  };
  enqueued = [];
  settings = parseSettings({ onboarded: true, myDomains: ['harborview.example'] });
});
afterEach(async () => {
  delete (globalThis as { browser?: unknown }).browser;
  db.close();
  await db.delete();
});

describe('thread/opened with bodies', () => {
  it('stores the conversation without its bodies', async () => {
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    const stored = await db.threads.toArray();
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(['client', 'key', 'participants', 'seenAt', 'self', 'subject', 'threadId']);
    expect(JSON.stringify(stored)).not.toContain('Dana Whitfield');
  });

  it('keeps the sender\'s signature fields and makes her profile links tier-A identities; only Bluesky gets a job', async () => {
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    const person = await db.people.get(INES);
    expect(person?.signature).toMatchObject({ title: 'Head of Partnerships', company: 'Tidewater Logistics', phone: '+31 10 555 0199', seenAt: NOW });
    const identities = await db.identities.where('personId').equals(INES).toArray();
    expect(identities.map((identity) => [identity.network, identity.handle, identity.tier, identity.evidence.map((e) => e.kind)]).sort()).toEqual([
      ['bluesky', 'inescarvalho.bsky.social', 'A', ['own-signature']],
      ['linkedin', 'in/inescarvalho', 'A', ['own-signature']],
    ]);
    expect(identities.find((identity) => identity.network === 'bluesky')?.evidence[0]?.text).toBe('Linked in their own email signature');
    const activity = enqueued.filter((job) => job.kind === 'activity');
    expect(activity.map((job) => job.payload.identityId)).toEqual([`${INES}|bluesky:inescarvalho.bsky.social`]);
    // Nothing of the body but the signature fields is kept.
    expect(JSON.stringify(await db.people.toArray())).not.toContain('Litware');
  });

  it('queues Mastodon and GitHub profile links for their own sources; X stays a link', async () => {
    const body: MessageBody = {
      ...signed,
      text: ['Hello,', '', 'See you Friday.', '', '--', 'Ines Carvalho', 'Head of Partnerships | Tidewater Logistics', 'mastodon.social/@ines', 'github.com/inesc', 'x.com/inesc'].join('\n'),
      links: [
        { href: 'https://mastodon.social/@ines', text: 'mastodon.social/@ines' },
        { href: 'https://github.com/inesc', text: 'github.com/inesc' },
        { href: 'https://x.com/inesc', text: 'x.com/inesc' },
      ],
    };
    await onThreadOpened({ type: 'thread/opened', thread: thread([body]) }, context());
    const identities = await db.identities.where('personId').equals(INES).toArray();
    expect(identities.map((identity) => `${identity.network} ${identity.handle} ${identity.tier}`).sort()).toEqual([
      'github inesc A', 'mastodon ines@mastodon.social A', 'x inesc A',
    ]);
    const activity = enqueued.filter((job) => job.kind === 'activity').map((job) => `${job.source} ${job.payload.identityId}`).sort();
    // Mastodon's job then asks for the server's permission like any fediverse lookup (needsHostPermission).
    expect(activity).toEqual([`github ${INES}|github:inesc`, `mastodon ${INES}|mastodon:ines@mastodon.social`]);
  });

  it('leaves a profile link the user rejected rejected, and fetches nothing for it', async () => {
    const id = `${INES}|bluesky:inescarvalho.bsky.social`;
    await db.identities.put({
      id, personId: INES, network: 'bluesky', handle: 'inescarvalho.bsky.social', url: 'https://bsky.app/profile/inescarvalho.bsky.social',
      tier: 'D', evidence: [], verdict: 'rejected', fetchedAt: NOW - 1,
    });
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    expect((await db.identities.get(id))?.verdict).toBe('rejected');
    expect(enqueued.filter((job) => job.payload.identityId === id)).toEqual([]);
  });

  it('reads no signature for someone not looked up (a colleague), nor while paused', async () => {
    const colleague = { ...signed, senderEmail: 'dev.patel@harborview.example', senderName: 'Dev Patel' };
    await onThreadOpened({ type: 'thread/opened', thread: thread([colleague]) }, context());
    expect(await db.people.get('dev.patel@harborview.example')).toBeUndefined();
    expect(await db.identities.count()).toBe(0);
    expect(enqueued.filter((job) => job.kind === 'activity')).toEqual([]);

    settings = parseSettings({ onboarded: true, pausedUntil: UNTIL_RESUMED });
    enqueued = [];
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    expect((await db.people.get(INES))?.signature).toBeUndefined();
    expect(await db.identities.count()).toBe(0);
    expect(enqueued).toEqual([]);
  });

  it('keeps the names mentioned in session storage only, without participants, and erase forgets them', async () => {
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    // Noted once the conversation's lookups are done (at once here: the test scheduler is always idle).
    const stored = await vi.waitFor(() => {
      const value = session.data.get('mentions:gmail:1928a4c3e5f60f53');
      if (!value) throw new Error('no mentions stored yet');
      return value as { people: string[]; organisations: string[] };
    });
    expect(stored.people).toEqual(['Dana Whitfield']);
    expect(stored.organisations).toEqual(['Litware']);
    // The sidebar hears that they changed, and asks the background for them.
    expect(notices).toEqual([{ type: 'mentions/changed', threadKey: 'gmail:1928a4c3e5f60f53' }]);
    expect(await onMentionsGet({ type: 'mentions/get', threadKey: 'gmail:1928a4c3e5f60f53' })).toEqual({ mentions: { people: ['Dana Whitfield'], organisations: ['Litware'] } });
    expect(await onMentionsGet({ type: 'mentions/get', threadKey: 'gmail:another' })).toEqual({ mentions: null });
    await onDataErase({ type: 'data/erase' }, { ...context(), scheduler: { idle: async () => undefined } as unknown as Scheduler });
    expect([...session.data.keys()].filter((key) => key.startsWith('mentions:'))).toEqual([]);
    expect(await onMentionsGet({ type: 'mentions/get', threadKey: 'gmail:1928a4c3e5f60f53' })).toEqual({ mentions: null });
  });

  it('answers a sidebar that asks while the names are being read once they are read', async () => {
    let lookupsDone = () => {};
    const busy = { ...context(), scheduler: { ...context().scheduler, idle: () => new Promise<void>((resolve) => { lookupsDone = resolve; }) } as unknown as Scheduler };
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, busy);
    let answer: unknown;
    const asked = onMentionsGet({ type: 'mentions/get', threadKey: 'gmail:1928a4c3e5f60f53' }).then((value) => { answer = value; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The lookups are still running, so the names wait, and so does the answer.
    expect(answer).toBeUndefined();
    expect(session.data.size).toBe(0);
    lookupsDone();
    await asked;
    expect(answer).toEqual({ mentions: { people: ['Dana Whitfield'], organisations: ['Litware'] } });
  });

  it('answers a sidebar that asks before the mail tab reported the conversation', async () => {
    const asked = onMentionsGet({ type: 'mentions/get', threadKey: 'gmail:1928a4c3e5f60f53' });
    await onThreadOpened({ type: 'thread/opened', thread: thread([signed]) }, context());
    expect(await asked).toEqual({ mentions: { people: ['Dana Whitfield'], organisations: ['Litware'] } });
  });

  it('a content script that sends no bodies leaves the stored mentions alone', async () => {
    await onThreadOpened({ type: 'thread/opened', thread: thread(undefined) }, context());
    expect(session.data.size).toBe(0);
    expect(notices).toEqual([]);
  });
});

describe('mention/lookup', () => {
  it('keeps the chosen name and queues the Bluesky name search only', async () => {
    const answer = await onMentionLookup({ type: 'mention/lookup', name: '  Dana   Whitfield ', threadKey: 'gmail:1928a4c3e5f60f53' }, context());
    expect(answer).toEqual({ ok: true, personId: 'name:dana whitfield' });
    expect(await db.people.get('name:dana whitfield')).toMatchObject({ name: 'Dana Whitfield', email: null, lookupChosenAt: NOW, lookups: { bluesky: { state: 'queued' } } });
    expect(enqueued.map((job) => [job.source, job.kind, job.personId])).toEqual([['bluesky', 'resolve', 'name:dana whitfield']]);
  });

  it('refuses, and keeps nothing, when Bluesky is off, Earshot is paused or not set up', async () => {
    settings = parseSettings({ onboarded: true, sources: { bluesky: false } });
    expect(await onMentionLookup({ type: 'mention/lookup', name: 'Dana Whitfield' }, context())).toMatchObject({ ok: false });
    settings = parseSettings({ onboarded: true, pausedUntil: UNTIL_RESUMED });
    expect(await onMentionLookup({ type: 'mention/lookup', name: 'Dana Whitfield' }, context())).toMatchObject({ ok: false, reason: 'Earshot is paused.' });
    settings = parseSettings({});
    expect(await onMentionLookup({ type: 'mention/lookup', name: 'Dana Whitfield' }, context())).toMatchObject({ ok: false });
    expect(await onMentionLookup({ type: 'mention/lookup', name: '   ' }, context())).toMatchObject({ ok: false });
    expect(await db.people.count()).toBe(0);
    expect(enqueued).toEqual([]);
  });
});
