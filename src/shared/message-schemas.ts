import * as z from 'zod/mini';
import { BODY_LIMITS } from './body-limits';
import type { Message } from './messages';
import { THREAD_LIMITS } from './thread-limits';

/**
 * Runtime shape checks for every message: the background trusts nothing it is sent, even from our own
 * content script (the page it runs in may have tampered with the DOM the adapter read).
 */
const text = (max: number) => z.string().check(z.maxLength(max));

const participantSchema = z.object({
  name: text(THREAD_LIMITS.nameChars),
  email: z.nullable(text(320)),
  roles: z.array(z.enum(['from', 'to', 'cc', 'bcc'])).check(z.maxLength(4)),
  messageCount: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
  isPerson: z.boolean(),
  lastMessageAt: z.optional(z.nullable(text(64))),
});

const bodyLinkSchema = z.object({
  href: text(BODY_LIMITS.hrefChars),
  text: text(BODY_LIMITS.linkTextChars),
});

const bodySchema = z.object({
  senderEmail: z.nullable(text(BODY_LIMITS.nameChars)),
  senderName: text(BODY_LIMITS.nameChars),
  text: text(BODY_LIMITS.textChars),
  links: z.array(bodyLinkSchema).check(z.maxLength(BODY_LIMITS.linksPerBody)),
});

const threadSchema = z.object({
  client: z.enum(['gmail', 'outlook']),
  threadId: text(THREAD_LIMITS.threadIdChars),
  subject: text(THREAD_LIMITS.subjectChars),
  participants: z.array(participantSchema).check(z.maxLength(THREAD_LIMITS.participants)),
  self: z.nullable(text(320)),
  bodies: z.optional(z.array(bodySchema).check(z.maxLength(BODY_LIMITS.bodies))),
});

export const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thread/opened'), thread: threadSchema }),
  z.object({ type: z.literal('thread/closed') }),
  z.object({ type: z.literal('person/refresh'), personId: text(400) }),
  z.object({
    type: z.literal('identity/verdict'),
    identityId: text(800),
    verdict: z.nullable(z.enum(['confirmed', 'rejected'])),
  }),
  z.object({
    type: z.literal('identity/add'),
    personId: text(400),
    network: z.enum(['bluesky', 'mastodon', 'github']),
    handle: text(300),
  }),
  z.object({
    type: z.literal('mention/lookup'),
    threadKey: z.optional(text(600)),
    name: text(200).check(z.minLength(1)),
    organisation: z.optional(text(200)),
  }),
  z.object({ type: z.literal('mentions/get'), threadKey: text(600) }),
  z.object({ type: z.literal('data/erase') }),
  // A dock token is a UUID; the limit only keeps junk small.
  z.object({ type: z.literal('dock/verify'), token: text(100).check(z.minLength(1)) }),
]);

export function parseMessage(input: unknown): Message | null {
  const result = z.safeParse(messageSchema, input);
  return result.success ? (result.data as Message) : null;
}
