/**
 * Earshot's export format ("Export my data" in the popup), version 1.
 *
 * One UTF-8 JSON object:
 *
 *   {
 *     "format": "earshot-export",      // always this string
 *     "version": 1,                    // this format's version; a reader refuses versions it does not know
 *     "exportedAt": "2026-05-01T09:30:00.000Z",
 *     "schemaVersion": 1,              // the IndexedDB schema the rows were read from
 *     "settings": { ... },             // every setting (src/shared/settings.ts), as stored in storage.sync
 *     "pendingHosts": [ { "origin", "host", "firstAt", "lastAt" } ],
 *                                      // servers a source wanted to reach without your permission
 *     "people":     [ PersonRecord ],      // everyone looked up: address, name, domain, per-source lookup state,
 *                                          // what their own email signature says, names you chose to look up
 *     "identities": [ IdentityRecord ],    // accounts found for them, with evidence, tier and your verdict
 *     "posts":      [ PostRecord ],        // their public posts as fetched
 *     "notes":      [ NoteRecord ],        // your private notes per person
 *     "threads":    [ ThreadRecord ],      // conversations a mail tab reported: subject, participants, your address
 *     "requestLog": [ RequestLogRecord ]   // the audit log: time, source, host, path, kind of identifier, status
 *   }
 *
 * Record shapes are those of src/shared/domain.ts; times are epoch milliseconds. The job queue (lookups
 * waiting to run) is not exported: it is work in progress, not data, and importing it would send requests.
 *
 * Import validates the file: a wrong "format" or an unknown "version" refuses the whole file; a record that
 * does not have its documented shape is skipped and counted. Records are merged into what is stored by key:
 * a record in both keeps the newer one (people by lastSeenAt, identities and posts by fetchedAt, notes by
 * updatedAt, conversations by seenAt), and a verdict you gave an identity is never lost to a newer fetch.
 * Audit entries are added unless already there (an entry identical to one stored counts as that one). The file's settings replace the
 * current settings.
 */
import * as z from 'zod/mini';
import type {
  IdentityRecord, NoteRecord, PersonRecord, PostRecord, RequestLogRecord, ThreadRecord,
} from '../shared/domain';
import { parseSettings, type Settings } from '../shared/settings';
import { SOURCE_IDS } from '../shared/sources-catalog';
import type { EarshotDatabase } from './database';
import type { PendingHost } from './pending-hosts';
import { parsePendingHosts } from './pending-hosts';
import { CURRENT_SCHEMA_VERSION } from './versions';

export const EXPORT_FORMAT = 'earshot-export';
export const EXPORT_VERSION = 1;

export interface EarshotExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  schemaVersion: number;
  settings: Settings;
  pendingHosts: PendingHost[];
  people: PersonRecord[];
  identities: IdentityRecord[];
  posts: PostRecord[];
  notes: NoteRecord[];
  threads: ThreadRecord[];
  requestLog: RequestLogRecord[];
}

/** The tables an export carries, in the order they are written and counted. */
export const EXPORTED_TABLES = ['people', 'identities', 'posts', 'notes', 'threads', 'requestLog'] as const;
export type ExportedTable = (typeof EXPORTED_TABLES)[number];

/** Everything stored, read in one transaction so the file is a consistent snapshot. */
export async function buildExport(
  db: EarshotDatabase, extra: { settings: Settings; pendingHosts: PendingHost[]; now: number },
): Promise<EarshotExport> {
  return db.transaction('r', [db.people, db.identities, db.posts, db.notes, db.threads, db.requestLog], async () => {
    const [people, identities, posts, notes, threads, requestLog] = await Promise.all([
      db.people.toArray(), db.identities.toArray(), db.posts.toArray(), db.notes.toArray(), db.threads.toArray(),
      db.requestLog.toArray(),
    ]);
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date(extra.now).toISOString(),
      schemaVersion: CURRENT_SCHEMA_VERSION,
      settings: extra.settings,
      pendingHosts: extra.pendingHosts,
      people,
      identities,
      posts,
      notes,
      threads,
      requestLog,
    };
  });
}

// ---- validation ----

const text = (max = 100_000) => z.string().check(z.maxLength(max));
const time = () => z.number();
const networkSchema = z.enum(['bluesky', 'gravatar', 'mastodon', 'github', 'hackernews', 'web', 'x', 'linkedin', 'other']);
const sourceSchema = z.enum(SOURCE_IDS as [string, ...string[]]);
const identifierKindSchema = z.enum(['hash', 'address', 'domain', 'handle', 'name', 'id', 'none']);

const lookupSchema = z.object({
  state: z.enum(['queued', 'running', 'found', 'none', 'error', 'skipped']),
  at: time(),
  detail: z.optional(text(2_000)),
});

const personSchema = z.object({
  id: text(400),
  email: z.nullable(text(320)),
  name: text(400),
  domain: z.nullable(text(320)),
  firstSeenAt: time(),
  lastSeenAt: time(),
  lookups: z.partialRecord(sourceSchema, lookupSchema),
  signature: z.optional(z.object({
    title: z.optional(text(300)),
    company: z.optional(text(300)),
    phone: z.optional(text(100)),
    website: z.optional(text(4_000)),
    links: z.array(z.object({
      network: z.enum(['bluesky', 'mastodon', 'github', 'linkedin', 'x', 'web']),
      url: text(4_000),
      handle: z.optional(text(400)),
    })).check(z.maxLength(50)),
    seenAt: time(),
  })),
  lookupChosenAt: z.optional(time()),
});

const evidenceSchema = z.object({ kind: text(100), text: text(2_000), url: z.optional(text(4_000)) });

const identitySchema = z.object({
  id: text(800),
  personId: text(400),
  network: networkSchema,
  handle: text(400),
  url: text(4_000),
  displayName: z.optional(text(400)),
  avatarUrl: z.optional(text(4_000)),
  description: z.optional(text(10_000)),
  externalId: z.optional(text(400)),
  tier: z.enum(['A', 'B', 'C', 'D']),
  evidence: z.array(evidenceSchema).check(z.maxLength(50)),
  verdict: z.nullable(z.enum(['confirmed', 'rejected'])),
  fetchedAt: time(),
  profile: z.optional(z.object({
    jobTitle: z.optional(text(400)), company: z.optional(text(400)), location: z.optional(text(400)),
  })),
  linkedFrom: z.optional(text(800)),
  activityFetchedAt: z.optional(time()),
  addedByUser: z.optional(z.boolean()),
});

const postSchema = z.object({
  id: text(1_600),
  personId: text(400),
  identityId: text(800),
  network: networkSchema,
  url: text(4_000),
  text: text(),
  createdAt: time(),
  fetchedAt: time(),
  kind: z.enum(['post', 'repost', 'reply', 'quote']),
  author: z.optional(text(400)),
  counts: z.optional(z.object({ replies: z.optional(z.number()), reposts: z.optional(z.number()), likes: z.optional(z.number()) })),
  images: z.optional(z.array(z.object({ url: text(4_000), alt: text(10_000) })).check(z.maxLength(20))),
  link: z.optional(z.object({ url: text(4_000), title: text(2_000) })),
  analysis: z.optional(z.object({
    hashtags: z.array(text(400)).check(z.maxLength(500)),
    mentions: z.array(text(400)).check(z.maxLength(500)),
    organisations: z.array(text(400)).check(z.maxLength(500)),
    topics: z.array(text(400)).check(z.maxLength(500)),
    sentiment: z.number(),
  })),
});

const noteSchema = z.object({ personId: text(400), text: text(), updatedAt: time() });

const participantSchema = z.object({
  name: text(320),
  email: z.nullable(text(320)),
  roles: z.array(z.enum(['from', 'to', 'cc', 'bcc'])).check(z.maxLength(4)),
  messageCount: z.number(),
  isPerson: z.boolean(),
  lastMessageAt: z.optional(z.nullable(text(64))),
});

const threadSchema = z.object({
  key: text(600),
  client: text(20),
  threadId: text(512),
  subject: text(2_000),
  participants: z.array(participantSchema).check(z.maxLength(500)),
  self: z.nullable(text(320)),
  seenAt: time(),
});

const requestLogSchema = z.object({
  at: time(),
  source: sourceSchema,
  host: text(300),
  path: text(4_000),
  identifierKind: identifierKindSchema,
  status: z.number(),
  durationMs: z.number(),
});

/**
 * Fails the type check when a record type gains a field its schema here does not know: an export would
 * carry the field and an import would silently drop it.
 */
type Missing<Row, Schema extends z.ZodMiniType> = Exclude<keyof Row, keyof z.infer<Schema>>;
type Covers<Row, Schema extends z.ZodMiniType> = [Missing<Row, Schema>] extends [never] ? true : Missing<Row, Schema>;
const _schemasCoverRecords: [
  Covers<PersonRecord, typeof personSchema>, Covers<IdentityRecord, typeof identitySchema>, Covers<PostRecord, typeof postSchema>,
  Covers<NoteRecord, typeof noteSchema>, Covers<ThreadRecord, typeof threadSchema>, Covers<Omit<RequestLogRecord, 'id'>, typeof requestLogSchema>,
] = [true, true, true, true, true, true];

const ROW_SCHEMAS = {
  people: personSchema,
  identities: identitySchema,
  posts: postSchema,
  notes: noteSchema,
  threads: threadSchema,
  requestLog: requestLogSchema,
} as const;

const envelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number(),
  exportedAt: z.optional(z.string()),
  settings: z.optional(z.unknown()),
  pendingHosts: z.optional(z.unknown()),
  people: z.optional(z.array(z.unknown())),
  identities: z.optional(z.array(z.unknown())),
  posts: z.optional(z.array(z.unknown())),
  notes: z.optional(z.array(z.unknown())),
  threads: z.optional(z.array(z.unknown())),
  requestLog: z.optional(z.array(z.unknown())),
});

export type ParsedExport =
  | { ok: true; data: EarshotExport; skipped: number }
  | { ok: false; reason: string };

/** Reads an export file's text. Never throws: a file that is not an Earshot export says why. */
export function parseExport(fileText: string): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    return { ok: false, reason: 'This file is not JSON.' };
  }
  const envelope = z.safeParse(envelopeSchema, json);
  if (!envelope.success) return { ok: false, reason: 'This file is not an Earshot export.' };
  if (envelope.data.version !== EXPORT_VERSION) {
    return { ok: false, reason: `This export is version ${envelope.data.version}; this Earshot reads version ${EXPORT_VERSION}.` };
  }
  let skipped = 0;
  const rows = <T extends ExportedTable>(table: T) => {
    const valid: z.infer<(typeof ROW_SCHEMAS)[T]>[] = [];
    for (const row of envelope.data[table] ?? []) {
      const parsed = z.safeParse(ROW_SCHEMAS[table], row);
      if (parsed.success) valid.push(parsed.data as z.infer<(typeof ROW_SCHEMAS)[T]>);
      else skipped += 1;
    }
    return valid;
  };
  const data: EarshotExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: envelope.data.exportedAt ?? '',
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: parseSettings(envelope.data.settings),
    pendingHosts: parsePendingHosts(envelope.data.pendingHosts),
    people: rows('people') as PersonRecord[],
    identities: rows('identities') as IdentityRecord[],
    posts: rows('posts') as PostRecord[],
    notes: rows('notes'),
    threads: rows('threads') as ThreadRecord[],
    requestLog: rows('requestLog') as RequestLogRecord[],
  };
  return { ok: true, data, skipped };
}

// ---- merging into the database ----

export type ImportCounts = Record<ExportedTable, number>;

/** The newer of two versions of one record; `pick` may carry over what must survive from the older. */
async function mergeByKey<T, K extends string>(
  table: { bulkGet(keys: K[]): Promise<(T | undefined)[]>; bulkPut(rows: T[]): Promise<unknown> },
  rows: T[], key: (row: T) => K, merge: (incoming: T, existing: T) => T | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const existing = await table.bulkGet(rows.map(key));
  const writes: T[] = [];
  rows.forEach((row, index) => {
    const stored = existing[index];
    const next = stored === undefined ? row : merge(row, stored);
    if (next) writes.push(next);
  });
  await table.bulkPut(writes);
  return writes.length;
}

function newer<T>(incoming: T, existing: T, at: (row: T) => number): T | null {
  return at(incoming) > at(existing) ? incoming : null;
}

function auditKey(entry: RequestLogRecord): string {
  return JSON.stringify([entry.at, entry.source, entry.host, entry.path, entry.identifierKind, entry.status, entry.durationMs]);
}

/** Merges an export's records into the database (see the format note at the top). Settings are the caller's. */
export async function importExport(db: EarshotDatabase, data: EarshotExport): Promise<ImportCounts> {
  return db.transaction('rw', [db.people, db.identities, db.posts, db.notes, db.threads, db.requestLog], async () => {
    const people = await mergeByKey(db.people, data.people, (row) => row.id, (incoming, existing) => {
      const winner = incoming.lastSeenAt > existing.lastSeenAt ? incoming : existing;
      const firstSeenAt = Math.min(incoming.firstSeenAt, existing.firstSeenAt);
      return winner === existing && firstSeenAt === existing.firstSeenAt ? null : { ...winner, firstSeenAt };
    });
    const identities = await mergeByKey(db.identities, data.identities, (row) => row.id, (incoming, existing) => {
      const winner = incoming.fetchedAt > existing.fetchedAt ? incoming : existing;
      const loser = winner === incoming ? existing : incoming;
      const verdict = winner.verdict ?? loser.verdict;
      const addedByUser = winner.addedByUser || loser.addedByUser;
      if (winner === existing && verdict === existing.verdict && addedByUser === existing.addedByUser) return null;
      return { ...winner, verdict, ...(addedByUser ? { addedByUser } : {}) };
    });
    const posts = await mergeByKey(db.posts, data.posts, (row) => row.id, (incoming, existing) => newer(incoming, existing, (row) => row.fetchedAt));
    const notes = await mergeByKey(db.notes, data.notes, (row) => row.personId, (incoming, existing) => newer(incoming, existing, (row) => row.updatedAt));
    const threads = await mergeByKey(db.threads, data.threads, (row) => row.key, (incoming, existing) => newer(incoming, existing, (row) => row.seenAt));

    let requestLog = 0;
    if (data.requestLog.length > 0) {
      // Spread arguments would overflow the stack on a long log.
      const first = data.requestLog.reduce((min, entry) => Math.min(min, entry.at), Infinity);
      const last = data.requestLog.reduce((max, entry) => Math.max(max, entry.at), -Infinity);
      // Entries carry no query, so two real requests can look identical: count them, don't just test presence.
      const present = new Map<string, number>();
      for (const entry of await db.requestLog.where('at').between(first, last, true, true).toArray()) {
        present.set(auditKey(entry), (present.get(auditKey(entry)) ?? 0) + 1);
      }
      const fresh: RequestLogRecord[] = [];
      for (const entry of data.requestLog) {
        const keyOf = auditKey(entry);
        const left = present.get(keyOf) ?? 0;
        if (left > 0) {
          present.set(keyOf, left - 1);
          continue;
        }
        const { id: _id, ...rest } = entry;
        fresh.push(rest);
      }
      await db.requestLog.bulkAdd(fresh);
      requestLog = fresh.length;
    }
    return { people, identities, posts, notes, threads, requestLog };
  });
}
