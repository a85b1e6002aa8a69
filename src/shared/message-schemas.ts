import * as z from 'zod/mini';
import type { Message } from './messages';

/**
 * Runtime shape checks for every message: the background trusts nothing it is sent, even from our own
 * content script (the page it runs in may have tampered with the DOM the adapter read).
 */
const text = (max: number) => z.string().check(z.maxLength(max));

const participantSchema = z.object({
  name: text(320),
  email: z.nullable(text(320)),
  roles: z.array(z.enum(['from', 'to', 'cc', 'bcc'])).check(z.maxLength(4)),
  messageCount: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
  isPerson: z.boolean(),
  lastMessageAt: z.optional(z.nullable(text(64))),
});

const threadSchema = z.object({
  client: z.enum(['gmail', 'outlook']),
  threadId: text(512),
  subject: text(2_000),
  participants: z.array(participantSchema).check(z.maxLength(500)),
  self: z.nullable(text(320)),
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
  z.object({ type: z.literal('data/erase') }),
]);

export function parseMessage(input: unknown): Message | null {
  const result = z.safeParse(messageSchema, input);
  return result.success ? (result.data as Message) : null;
}
