// Checks the fault tests make on what the background recorded (its audit log, its lookups) against
// what the fake server saw. Each returns the problems it found, so a case can report them all at once.

import type { RequestLogRecord, SourceId } from '../../../src/shared/domain';
import type { RecordedRequest } from '../harness/fake-server';
import type { BackgroundSnapshot } from './faults-background';

/** Requests the extension's background made: no mail page, no image a page loaded, no browser plumbing. */
export function backgroundRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => {
    const dest = request.headers['sec-fetch-dest'];
    return !request.browserNoise && request.host !== 'mail.google.com' && (dest === undefined || dest === 'empty');
  });
}

export const hostPath = (entry: { host: string; path: string }): string => `${entry.host}${entry.path}`;

function counts<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const found = new Map<string, number>();
  for (const item of items) found.set(key(item), (found.get(key(item)) ?? 0) + 1);
  return found;
}

/**
 * Every request the server received is in the audit log, and nothing else is. `resent`: hosts where a
 * reset connection makes the browser send a request again by itself (the extension asked once, the
 * server saw it more often), so there the log may hold fewer.
 */
export function auditMatchesServer(log: readonly RequestLogRecord[], received: readonly RecordedRequest[], resent: ReadonlySet<string> = new Set()): string[] {
  const logged = counts(log, hostPath);
  const sent = counts(received, hostPath);
  const problems: string[] = [];
  for (const key of new Set([...logged.keys(), ...sent.keys()])) {
    const inLog = logged.get(key) ?? 0;
    const atServer = sent.get(key) ?? 0;
    const host = key.split('/')[0] ?? '';
    const fine = resent.has(host) ? inLog <= atServer && (atServer === 0) === (inLog === 0) : inLog === atServer;
    if (!fine) problems.push(`${key}: audit log ${inLog}, server ${atServer}`);
  }
  return problems;
}

/** The problems with a 429: a request of the same source started before the Retry-After it was given was over. */
/**
 * The audit log's end of a 429 (start + duration) is when its body had been read and the row written;
 * the scheduler holds the source from the status line, a little earlier. This much earlier is the same
 * moment, not an early request.
 */
const STATUS_LINE_BEFORE_LOG_MS = 50;

export function requestsBeforeRetryAfter(log: readonly RequestLogRecord[], retryAfterMs: number): string[] {
  const problems: string[] = [];
  for (const refused of log.filter((entry) => entry.status === 429)) {
    const answeredAt = refused.at + refused.durationMs;
    for (const entry of log) {
      if (entry.source !== refused.source || entry === refused) continue;
      if (entry.at > answeredAt && entry.at < answeredAt + retryAfterMs - STATUS_LINE_BEFORE_LOG_MS) {
        problems.push(`${entry.source} ${hostPath(entry)} started ${entry.at - answeredAt} ms after a 429 (Retry-After ${retryAfterMs} ms) to ${hostPath(refused)}`);
      }
    }
  }
  return problems;
}

/** `source`'s lookups of every person that are not finished (found / none). */
export function unsettledLookups(snapshot: BackgroundSnapshot, sources: readonly SourceId[]): string[] {
  const problems: string[] = [];
  for (const person of snapshot.people) {
    for (const source of sources) {
      const lookup = person.lookups[source];
      if (lookup && lookup.state !== 'found' && lookup.state !== 'none') problems.push(`${person.id} ${source}: ${lookup.state} ${lookup.detail ?? ''}`.trim());
    }
  }
  return problems;
}

/** Jobs left in the queue that are not waiting for a later time. */
export function stuckJobs(snapshot: BackgroundSnapshot): string[] {
  return snapshot.jobs
    .filter((job) => !(job.state === 'queued' && job.notBefore > snapshot.now))
    .map((job) => `${job.key} ${job.state} attempts=${job.attempts}`);
}
