import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { LiveResult } from './use-live-query';

/** A component's state setter: any new object repaints it. */
type Repaint = (token: object) => void;

interface Kept {
  result: LiveResult<unknown>;
  /** The components showing the result; none: kept only while among the newest. */
  watchers: Set<Repaint>;
  subscription: { unsubscribe(): void };
}

/**
 * How many of the newest queries stay subscribed when no component shows them any more: those of the
 * people just switched away from, so that switching back paints their card in the same frame as the
 * conversation, from memory kept current by the subscription, instead of after a round of IndexedDB reads.
 */
const KEPT = 12;
// Oldest first: a query moves to the end each time a component takes it.
const kept = new Map<string, Kept>();

function subscribe(query: () => unknown): Kept {
  const entry = { result: { status: 'loading' }, watchers: new Set() } as Kept;
  const publish = (result: LiveResult<unknown>) => {
    entry.result = result;
    for (const repaint of entry.watchers) repaint({});
  };
  entry.subscription = liveQuery(query).subscribe({
    next: (value) => publish({ status: 'ready', value }),
    // What failed is not shown (the card says the database could not be read); Dexie's errors are Errors.
    error: (error: Error) => publish({ status: 'error', error }),
  });
  return entry;
}

/** Ends every kept query: for when the database they read is deleted under them (tests do, between cases). */
export function forgetSharedLiveQueries(): void {
  for (const entry of kept.values()) entry.subscription.unsubscribe();
  kept.clear();
}

/**
 * useLiveQuery for a query named by `key`, which must say everything the query depends on: components
 * asking for the same key share one subscription, and a key shown a moment ago answers at once from
 * memory. The answer is only ever the one for `key`: another person's card is never shown under this
 * one's name, even for a frame.
 */
export function useSharedLiveQuery<T>(key: string, query: () => Promise<T> | T): LiveResult<T> {
  const [, repaint] = useState({});
  // A kept answer is read below, as this render happens; taking the entry can wait for the frame.
  useEffect(() => {
    const entry = kept.get(key) ?? subscribe(query);
    kept.delete(key);
    kept.set(key, entry);
    entry.watchers.add(repaint);
    return () => {
      entry.watchers.delete(repaint);
      // The queries nobody shows end once they are not among the newest few.
      for (const [otherKey, other] of [...kept].slice(0, -KEPT)) {
        if (other.watchers.size === 0) {
          other.subscription.unsubscribe();
          kept.delete(otherKey);
        }
      }
    };
  }, [key]);
  return (kept.get(key)?.result ?? { status: 'loading' }) as LiveResult<T>;
}
