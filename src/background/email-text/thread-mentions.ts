import type { ConversationMentions, MessageBody } from '../../shared/message-body';
import { MENTIONS_PREFIX, mentionsKey, type StoredMentions } from '../../shared/mentions-store';
import type { ThreadContext } from '../../shared/thread';
import { extractMentions } from './mentions';

/** The part of storage.session this needs; the background passes browser.storage.session. */
export interface SessionArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Conversations whose mentions are kept at once; the oldest go first. Session storage is memory. */
const THREADS_KEPT = 50;

/** Who is already in the conversation is no mention: the participants, the user, their own companies. */
export function mentionExclusions(thread: ThreadContext, companies: readonly string[]): string[] {
  const names = thread.participants.flatMap((participant) => [participant.name, participant.email ?? '']);
  return [...names, thread.self ?? '', ...companies].filter((entry) => entry.trim() !== '');
}

export function mentionsIn(bodies: readonly MessageBody[], exclude: readonly string[]): ConversationMentions {
  if (bodies.length === 0) return { people: [], organisations: [] };
  return extractMentions(bodies, exclude);
}

/**
 * Keeps the names mentioned in one conversation in session storage, where the sidebar reads them. They
 * are never written to IndexedDB: only a name the user then chooses to look up is kept (mention-lookup).
 */
export async function rememberMentions(
  area: SessionArea, thread: ThreadContext, mentions: ConversationMentions, now: number,
): Promise<void> {
  const stored: StoredMentions = { people: mentions.people, organisations: mentions.organisations, at: now };
  await area.set({ [mentionsKey(thread.client, thread.threadId)]: stored });
  const all = await area.get(null);
  const keys = Object.entries(all)
    .filter(([key]) => key.startsWith(MENTIONS_PREFIX))
    .sort(([, a], [, b]) => ((b as StoredMentions).at ?? 0) - ((a as StoredMentions).at ?? 0))
    .map(([key]) => key);
  if (keys.length > THREADS_KEPT) await area.remove(keys.slice(THREADS_KEPT));
}

/** "Erase everything" forgets the mentions too. */
export async function forgetAllMentions(area: SessionArea): Promise<void> {
  const keys = Object.keys(await area.get(null)).filter((key) => key.startsWith(MENTIONS_PREFIX));
  if (keys.length > 0) await area.remove(keys);
}
