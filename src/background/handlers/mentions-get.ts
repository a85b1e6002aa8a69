import type { MessageOf, ResponseOf } from '../../shared/messages';
import { MENTIONS_PREFIX, readStoredMentions } from '../../shared/mentions-store';
import { sessionArea } from '../email-text/session-area';

/** The names mentioned in one conversation's bodies, from session memory, for the sidebar. */
export async function onMentionsGet(message: MessageOf<'mentions/get'>): Promise<ResponseOf<'mentions/get'>> {
  const session = sessionArea();
  if (!session) return { mentions: null };
  const key = `${MENTIONS_PREFIX}${message.threadKey}`;
  const stored = readStoredMentions((await session.get(key).catch(() => ({} as Record<string, unknown>)))[key]);
  return { mentions: stored ? { people: stored.people, organisations: stored.organisations } : null };
}
