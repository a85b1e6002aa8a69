import browser from 'webextension-polyfill';
import type { Settings } from '../shared/settings';
import { onSettingsChanged } from '../shared/settings-store';
import type { EarshotDatabase } from '../db/database';
import { purgePendingHostsBefore } from '../db/pending-hosts';
import { deleteBelowInChunks } from '../db/purge';

/**
 * Retention (DESIGN.md §5): what Earshot looked up is kept for the period the user chose (7, 30 or 90
 * days, or forever) and then purged. Notes are the user's own words and stay until the user deletes them,
 * as do the identities the user confirmed, rejected or added by hand (a "not this person" must not be
 * forgotten) and the person rows those belong to.
 *
 * It runs once whenever the background starts, once a day on an alarm, and at once when the user
 * changes the period. The purge takes `now`, so a test can move the clock forward.
 */
export const RETENTION_ALARM = 'earshot-retention';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeResult {
  /** Rows older than this were purged; null when the period is "forever". */
  cutoff: number | null;
  people: number;
  identities: number;
  posts: number;
  threads: number;
  requestLog: number;
}

const NOTHING = { people: 0, identities: 0, posts: 0, threads: 0, requestLog: 0 };

/**
 * Posts (and request-log rows) deleted per transaction. A reader of the table waits for at most the
 * chunk in progress. Chromium deletes a few thousand rows a second on a slow machine, so 500 keep that
 * wait near 100 ms; larger chunks make the whole purge shorter but the sidebar wait longer (measured by
 * scripts/bench/database.ts, before the purge seeked past the newest value and deleted neighbouring keys
 * as ranges: 100,000 posts took 44 s in chunks of 500, 40 s of 2,000, 25 s of 5,000, with readers
 * waiting a median 73 ms, 542 ms and 831 ms; with them, 17 s in chunks of 500, readers p95 84 ms).
 */
export const PURGE_CHUNK_SIZE = 500;

export interface PurgeOptions {
  /** Rows per transaction for the bulk of the purge; PURGE_CHUNK_SIZE unless a test wants small chunks. */
  chunkSize?: number;
}

export function retentionCutoff(retentionDays: number, now: number): number | null {
  return retentionDays > 0 ? now - retentionDays * DAY_MS : null;
}

/**
 * Deletes looked-up rows older than the period. The bulk (old posts, old request-log rows) goes first,
 * in chunks of their own transactions so the sidebar's reads are not held up for the whole purge; the
 * rest is decided in one transaction, which also takes any old post or log row written meanwhile.
 */
export async function purgeExpired(db: EarshotDatabase, retentionDays: number, now: number, options: PurgeOptions = {}): Promise<PurgeResult> {
  const cutoff = retentionCutoff(retentionDays, now);
  if (cutoff === null) return { cutoff, ...NOTHING };
  const chunkSize = options.chunkSize ?? PURGE_CHUNK_SIZE;
  const oldPosts = await deleteBelowInChunks(db, db.posts, 'fetchedAt', cutoff, chunkSize);
  const oldLog = await deleteBelowInChunks(db, db.requestLog, 'at', cutoff, chunkSize);
  const rest = await db.transaction('rw', [db.people, db.identities, db.posts, db.notes, db.threads, db.requestLog], async () => {
    // An identity is as old as the last time anything about it was fetched (its profile or its posts).
    const expiredIdentities = await db.identities.where('fetchedAt').below(cutoff)
      .filter((identity) => (identity.activityFetchedAt ?? 0) < cutoff && identity.verdict === null && !identity.addedByUser)
      .primaryKeys();
    let posts = await db.posts.where('fetchedAt').below(cutoff).delete();
    if (expiredIdentities.length > 0) {
      // Their newer posts go too: a post is never shown without the identity it came from.
      posts += await db.posts.where('identityId').anyOf(expiredIdentities).delete();
      await db.identities.bulkDelete(expiredIdentities);
    }
    const requestLog = await db.requestLog.where('at').below(cutoff).delete();
    const threads = await db.threads.where('seenAt').below(cutoff).delete();

    // People not seen within the period go, unless a note or a kept identity still refers to them.
    const stalePeople = await db.people.where('lastSeenAt').below(cutoff).primaryKeys();
    const kept = new Set<string>([
      ...(await db.notes.where('personId').anyOf(stalePeople).primaryKeys()),
      ...(await db.identities.where('personId').anyOf(stalePeople).toArray()).map((identity) => identity.personId),
    ]);
    const expiredPeople = stalePeople.filter((id) => !kept.has(id));
    await db.people.bulkDelete(expiredPeople);
    // Those kept forget their old lookup states, so the next conversation with them looks them up again
    // instead of trusting a "found" whose identities are gone.
    await db.people.where('id').anyOf([...kept]).modify((person) => {
      person.lookups = Object.fromEntries(Object.entries(person.lookups).filter(([, lookup]) => lookup.at >= cutoff));
    });
    return { cutoff, people: expiredPeople.length, identities: expiredIdentities.length, posts, threads, requestLog };
  });
  return { ...rest, posts: oldPosts + rest.posts, requestLog: oldLog + rest.requestLog };
}

export interface RetentionDeps {
  db: EarshotDatabase;
  loadSettings: () => Promise<Settings>;
}

/** Purges by the stored period; servers that waited for a permission are forgotten with the rest. */
export async function runRetention(deps: RetentionDeps, now: number): Promise<PurgeResult> {
  const { retentionDays } = await deps.loadSettings();
  const result = await purgeExpired(deps.db, retentionDays, now);
  if (result.cutoff !== null) await purgePendingHostsBefore(result.cutoff).catch(() => undefined);
  return result;
}

/** Once at start, daily on an alarm (which survives a stopped worker), and when the period changes. */
export function registerRetention(deps: RetentionDeps, now: () => number): void {
  const run = () => void runRetention(deps, now()).catch((error: unknown) => console.warn('[Earshot] retention failed', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) run();
  });
  onSettingsChanged((settings, previous) => {
    if (settings.retentionDays !== previous.retentionDays) run();
  });
  void browser.alarms.get(RETENTION_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 24 * 60, periodInMinutes: 24 * 60 });
    return undefined;
  }).catch(() => undefined);
  run();
}
