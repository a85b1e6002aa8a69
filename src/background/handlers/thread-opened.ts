import type { MessageOf, ResponseOf } from '../../shared/messages';
import { isPaused } from '../../shared/settings';
import { upsertPerson } from '../../db/people';
import { skipReason } from '../../shared/lookup-policy';
import { resolveJobsFor, activityJobsFor } from '../resolver';
import type { BackgroundContext } from '../context';

/** Priority of the conversation on screen: ahead of everything queued earlier. */
const ON_SCREEN = 0;

export async function onThreadOpened(
  message: MessageOf<'thread/opened'>, context: BackgroundContext,
): Promise<ResponseOf<'thread/opened'>> {
  const { db, now } = context;
  const { thread } = message;
  const settings = await context.loadSettings();
  if (!settings.enabled) return { accepted: false, reason: 'Earshot is switched off.', lookedUp: 0 };
  if (!settings.sites[thread.client]) return { accepted: false, reason: `Earshot is off on ${thread.client}.`, lookedUp: 0 };

  // The side panel follows the newest conversation any mail tab reported; stored locally only.
  await db.threads.put({
    key: `${thread.client}:${thread.threadId}`,
    client: thread.client,
    threadId: thread.threadId,
    subject: thread.subject,
    participants: thread.participants,
    self: thread.self,
    seenAt: now(),
  });

  if (!settings.onboarded) return { accepted: false, reason: 'Choose your sources first.', lookedUp: 0 };
  if (isPaused(settings, now())) return { accepted: false, reason: 'Earshot is paused.', lookedUp: 0 };

  let lookedUp = 0;
  for (const participant of thread.participants) {
    if (skipReason(participant, thread.self, settings)) continue;
    const person = await upsertPerson(db, participant, now());
    const identities = await db.identities.where('personId').equals(person.id).toArray();
    const jobs = [
      ...resolveJobsFor(person, context.sources, settings, ON_SCREEN, now()),
      ...activityJobsFor(identities, context.sources, ON_SCREEN, now()),
    ];
    lookedUp += 1;
    await context.scheduler.enqueue(jobs);
  }
  return { accepted: true, lookedUp };
}
