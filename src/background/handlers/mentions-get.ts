import type { MessageOf, ResponseOf } from '../../shared/messages';
import { MENTIONS_PREFIX, readStoredMentions, type StoredMentions } from '../../shared/mentions-store';
import { sessionArea } from '../email-text/session-area';
import { mentionsSettled } from '../email-text/pending-mentions';
import type { SessionArea } from '../email-text/thread-mentions';

/**
 * How long a sidebar's question waits for the mail tab's report of the same conversation to arrive and
 * its names to be read, when none are stored yet: the sidebar hears of a conversation from its mail
 * tab at the same moment the background does, so its question may come first.
 */
const REPORT_GRACE_MS = 1_500;

async function stored(session: SessionArea, threadKey: string): Promise<StoredMentions | null> {
  const key = `${MENTIONS_PREFIX}${threadKey}`;
  return readStoredMentions((await session.get(key).catch(() => ({} as Record<string, unknown>)))[key]);
}

/** The names mentioned in one conversation's bodies, from session memory, for the sidebar; once they are read. */
export async function onMentionsGet(message: MessageOf<'mentions/get'>): Promise<ResponseOf<'mentions/get'>> {
  const session = sessionArea();
  if (!session) return { mentions: null };
  let found = await stored(session, message.threadKey);
  if (!found) {
    await mentionsSettled(message.threadKey, REPORT_GRACE_MS);
    found = await stored(session, message.threadKey);
  }
  return { mentions: found ? { people: found.people, organisations: found.organisations } : null };
}
