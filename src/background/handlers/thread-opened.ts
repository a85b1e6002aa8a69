import type { MessageOf, ResponseOf } from '../../shared/messages';
import type { MessageBody, Signature } from '../../shared/message-body';
import { isPaused } from '../../shared/settings';
import type { ThreadContext } from '../../shared/thread';
import type { ThreadRecord } from '../../shared/domain';
import { upsertPerson } from '../../db/people';
import { skipReason } from '../../shared/lookup-policy';
import { resolveJobsFor, activityJobsFor } from '../resolver';
import { applySignature, latestSignature } from '../email-text/signature-identities';
import { mentionExclusions, mentionsIn, rememberMentions } from '../email-text/thread-mentions';
import { announceMentions, sessionArea } from '../email-text/session-area';
import { threadKeyOf } from '../../shared/mentions-store';
import type { BackgroundContext } from '../context';

/** Priority of the conversation on screen: ahead of everything queued earlier. */
const ON_SCREEN = 0;

/** What is stored of a reported conversation: who is in it, never what they wrote. */
export function threadRecord(thread: ThreadContext, seenAt: number): ThreadRecord {
  const { client, threadId, subject, participants, self } = thread;
  return { key: `${client}:${threadId}`, client, threadId, subject, participants, self, seenAt };
}

/** Each sender's newest signature, read from the bodies on screen (nothing is stored here). */
function signaturesBySender(bodies: readonly MessageBody[]): Map<string, Signature> {
  const signatures = new Map<string, Signature>();
  for (const email of new Set(bodies.flatMap((body) => (body.senderEmail ? [body.senderEmail] : [])))) {
    const signature = latestSignature(bodies, email);
    if (signature) signatures.set(email, signature);
  }
  return signatures;
}

export async function onThreadOpened(
  message: MessageOf<'thread/opened'>, context: BackgroundContext,
): Promise<ResponseOf<'thread/opened'>> {
  const { db, now } = context;
  const { thread } = message;
  const settings = await context.loadSettings();
  if (!settings.enabled) return { accepted: false, reason: 'Earshot is switched off.', lookedUp: 0 };
  if (!settings.sites[thread.client]) return { accepted: false, reason: `Earshot is off on ${thread.client}.`, lookedUp: 0 };

  // The side panel follows the newest conversation any mail tab reported; stored locally only.
  await db.threads.put(threadRecord(thread, now()));

  const bodies = thread.bodies ?? [];
  const signatures = signaturesBySender(bodies);

  if (!settings.onboarded) {
    await noteMentions(thread, signatures, now());
    return { accepted: false, reason: 'Choose your sources first.', lookedUp: 0 };
  }
  if (isPaused(settings, now())) {
    await noteMentions(thread, signatures, now());
    return { accepted: false, reason: 'Earshot is paused.', lookedUp: 0 };
  }

  let lookedUp = 0;
  for (const participant of thread.participants) {
    if (skipReason(participant, thread.self, settings)) continue;
    const person = await upsertPerson(db, participant, now());
    const signature = person.email ? signatures.get(person.email) : undefined;
    if (signature) await applySignature(db, person, signature, now());
    const identities = await db.identities.where('personId').equals(person.id).toArray();
    const jobs = [
      ...resolveJobsFor(person, context.sources, settings, ON_SCREEN, now()),
      ...activityJobsFor(identities, context.sources, ON_SCREEN, now()),
    ];
    lookedUp += 1;
    await context.scheduler.enqueue(jobs);
  }
  // After the lookups are under way: the NLP tagger's first load and run take a few hundred ms.
  await noteMentions(thread, signatures, now());
  return { accepted: true, lookedUp };
}

/** The people and organisations the bodies name, kept in session memory for the sidebar; nothing of it leaves. */
async function noteMentions(thread: ThreadContext, signatures: Map<string, Signature>, at: number): Promise<void> {
  const session = sessionArea();
  if (!session || !thread.bodies) return;
  const companies = [...signatures.values()].flatMap((signature) => (signature.company ? [signature.company] : []));
  const mentions = mentionsIn(thread.bodies, mentionExclusions(thread, companies));
  const kept = await rememberMentions(session, thread, mentions, at).then(() => true, () => false);
  if (kept) announceMentions(threadKeyOf(thread.client, thread.threadId));
}
