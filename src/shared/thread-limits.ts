import type { ThreadContext } from './thread';

/** What message-schemas.ts accepts for a thread; the content script cuts to these before sending. */
export const THREAD_LIMITS = { participants: 500, nameChars: 320, subjectChars: 2_000, threadIdChars: 512 } as const;

/** The first `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}

/**
 * A conversation the background and the docked sidebar accept: a 1 MB display name or a 10,000-person
 * "to" line would otherwise make both refuse the whole conversation. Senders come first, so the cut
 * keeps them.
 */
export function clampThread<T extends ThreadContext>(thread: T): T {
  return {
    ...thread,
    threadId: cut(thread.threadId, THREAD_LIMITS.threadIdChars),
    subject: cut(thread.subject, THREAD_LIMITS.subjectChars),
    participants: thread.participants.slice(0, THREAD_LIMITS.participants).map((p) => ({ ...p, name: cut(p.name, THREAD_LIMITS.nameChars) })),
  };
}
