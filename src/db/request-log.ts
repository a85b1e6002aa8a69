import type { RequestLogRecord, SourceId } from '../shared/domain';
import type { EarshotDatabase } from './database';

export async function logRequest(db: EarshotDatabase, entry: RequestLogRecord): Promise<void> {
  await db.requestLog.add(entry);
}

/** Requests a source made since `since`: the rate limiter counts from the log so a restart forgets nothing. */
export async function countRequestsSince(db: EarshotDatabase, source: SourceId, since: number): Promise<number> {
  return db.requestLog.where('[source+at]').between([source, since], [source, Infinity]).count();
}

export async function recentRequests(db: EarshotDatabase, limit: number): Promise<RequestLogRecord[]> {
  return db.requestLog.orderBy('at').reverse().limit(limit).toArray();
}
