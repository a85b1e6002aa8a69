import type { MessageOf, ResponseOf } from '../../shared/messages';
import type { MessageBody, Signature } from '../../shared/message-body';
import { isPaused } from '../../shared/settings';
import type { ThreadContext } from '../../shared/thread';
import type { PersonRecord, ThreadRecord } from '../../shared/domain';
import { upsertPerson } from '../../db/people';
import { skipReason } from '../../shared/lookup-policy';
import { resolveJobsFor, activityJobsFor } from '../resolver';
import { applySignature, latestSignature } from '../email-text/signature-identities';
import { mentionExclusions, mentionsIn, rememberMentions } from '../email-text/thread-mentions';
import { announceMentions, sessionArea } from '../email-text/session-area';
import { trackMentions } from '../email-text/pending-mentions';
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

  if (!settings.onboarded) {
    await noteMentions(thread, signaturesBySender(thread.bodies ?? []), now());
    return { accepted: false, reason: 'Choose your sources first.', lookedUp: 0 };
  }
  if (isPaused(settings, now())) {
    await noteMentions(thread, signaturesBySender(thread.bodies ?? []), now());
    return { accepted: false, reason: 'Earshot is paused.', lookedUp: 0 };
  }

  // The lookups go first: reading the signatures takes tens of ms the first requests need not wait.
  const people: PersonRecord[] = [];
  for (const participant of thread.participants) {
    if (skipReason(participant, thread.self, settings)) continue;
    const person = await upsertPerson(db, participant, now());
    people.push(person);
    const identities = await db.identities.where('personId').equals(person.id).toArray();
    await context.scheduler.enqueue([
      ...resolveJobsFor(person, context.sources, settings, ON_SCREEN, now()),
      ...activityJobsFor(identities, context.sources, ON_SCREEN, now()),
    ]);
  }
  // A profile in a sender's own signature is theirs (tier A): stored, and its posts read.
  const signatures = signaturesBySender(thread.bodies ?? []);
  for (const person of people) {
    const signature = person.email ? signatures.get(person.email) : undefined;
    if (!signature) continue;
    const readable = await applySignature(db, person, signature, now());
    await context.scheduler.enqueue(activityJobsFor(readable, context.sources, ON_SCREEN, now()));
  }
  if (thread.bodies) void trackMentions(threadKeyOf(thread.client, thread.threadId), noteMentionsWhenQuiet(context, thread, signatures));
  return { accepted: true, lookedUp: people.length };
}

/** How long the mentions wait at most for the conversation's lookups to finish. */
const MENTIONS_WAIT_MS = 2_000;

/**
 * The NLP tagger's first load and run hold the worker for a few hundred ms, and every answer that
 * arrives meanwhile waits with it: the names mentioned (the sidebar's last section) come after the
 * lookups' answers, or after a short wait when a big conversation keeps the queue busy. A sidebar that
 * asks for them before is answered once they are ready (mentions-get.ts).
 */
async function noteMentionsWhenQuiet(context: BackgroundContext, thread: ThreadContext, signatures: Map<string, Signature>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    context.scheduler.idle().catch(() => undefined),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, MENTIONS_WAIT_MS); }),
  ]);
  clearTimeout(timer);
  await noteMentions(thread, signatures, context.now());
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
