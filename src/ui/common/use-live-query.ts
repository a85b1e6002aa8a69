import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

interface Answered<T> {
  result: LiveResult<T>;
  /** The inputs the result was computed for. */
  deps: unknown[];
}

const LOADING = { status: 'loading' } as const;

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Subscribes a component to an IndexedDB query: the first result paints from cache at once and every
 * later write by the background repaints it. When the inputs change (another person selected), the
 * previous inputs' answer is not shown meanwhile: one person's name over another's identities would be
 * a wrong card, however briefly.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): LiveResult<T> {
  const [answered, setAnswered] = useState<Answered<T>>({ result: LOADING, deps });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setAnswered({ result: { status: 'ready', value }, deps }),
      error: (error: unknown) => setAnswered({ result: { status: 'error', error: error instanceof Error ? error : new Error(String(error)) }, deps }),
    });
    return () => subscription.unsubscribe();
    // The caller names the query's inputs, as with useEffect.
  }, deps);
  return sameDeps(answered.deps, deps) ? answered.result : LOADING;
}
