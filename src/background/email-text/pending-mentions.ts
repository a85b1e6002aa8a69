/**
 * Conversations whose mentions are being read, by thread key (this worker's memory only). The names are
 * read a moment after a conversation opens (handlers/thread-opened.ts), so a sidebar that asks for them
 * first is answered when they are ready rather than told there are none: the notice the background
 * broadcasts when they land does not reach a sidebar docked in a mail page in Firefox.
 */
const pending = new Map<string, Promise<void>>();
/** Askers waiting for a read of the conversation to start (the sidebar may ask before the mail tab's report arrives). */
const waiting = new Map<string, Set<() => void>>();

/** Runs `work` for the conversation; askers wait for it. A newer read of the same conversation replaces it. */
export function trackMentions(threadKey: string, work: Promise<void>): Promise<void> {
  const tracked = work.catch(() => undefined).finally(() => {
    if (pending.get(threadKey) === tracked) pending.delete(threadKey);
  });
  pending.set(threadKey, tracked);
  for (const wake of waiting.get(threadKey) ?? []) wake();
  waiting.delete(threadKey);
  return tracked;
}

/**
 * Resolves once no read of the conversation's mentions is under way in this worker; when none has
 * started, after waiting up to `graceMs` for one to start.
 */
export async function mentionsSettled(threadKey: string, graceMs = 0): Promise<void> {
  if (!pending.has(threadKey) && graceMs > 0) await readStarted(threadKey, graceMs);
  for (let current = pending.get(threadKey); current; current = pending.get(threadKey)) await current;
}

function readStarted(threadKey: string, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const askers = waiting.get(threadKey) ?? new Set<() => void>();
    waiting.set(threadKey, askers);
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      askers.delete(wake);
      if (askers.size === 0 && waiting.get(threadKey) === askers) waiting.delete(threadKey);
      resolve();
    }, graceMs);
    askers.add(wake);
  });
}
