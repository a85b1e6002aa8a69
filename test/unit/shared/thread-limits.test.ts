import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { clampThread, THREAD_LIMITS } from '../../../src/shared/thread-limits';
import { messageSchema } from '../../../src/shared/message-schemas';
import type { Participant, ThreadContext } from '../../../src/shared/thread';

const person = (i: number, name = `Person ${i}`): Participant => ({
  name, email: `p${i}@example.com`, roles: [i === 0 ? 'from' : 'to'], messageCount: i === 0 ? 1 : 0, isPerson: true,
});

describe('clampThread', () => {
  it('cuts a hostile conversation to what the background accepts, senders first, and leaves a normal one as it is', () => {
    const huge: ThreadContext = {
      client: 'gmail', threadId: 'x'.repeat(2_000), subject: 'S'.repeat(1_000_000),
      participants: [person(0, `😀${'N'.repeat(1_000_000)}`), ...Array.from({ length: 9_999 }, (_, i) => person(i + 1))],
      self: null,
    };
    const clamped = clampThread(huge);
    expect(clamped.participants).toHaveLength(THREAD_LIMITS.participants);
    expect(clamped.participants[0]?.email).toBe('p0@example.com');
    expect(clamped.participants[0]?.name.length).toBeLessThanOrEqual(THREAD_LIMITS.nameChars);
    expect(clamped.subject).toHaveLength(THREAD_LIMITS.subjectChars);
    expect(clamped.threadId).toHaveLength(THREAD_LIMITS.threadIdChars);
    expect(z.safeParse(messageSchema, { type: 'thread/opened', thread: clamped }).success).toBe(true);

    const normal: ThreadContext = { client: 'outlook', threadId: 'abc', subject: 'Hello', participants: [person(0)], self: 'me@example.com' };
    expect(clampThread(normal)).toEqual(normal);
  });

  it('never leaves half a surrogate pair at the cut', () => {
    const name = `${'a'.repeat(THREAD_LIMITS.nameChars - 1)}😀tail`;
    const [cut] = clampThread({ client: 'gmail', threadId: 't', subject: 's', participants: [person(0, name)], self: null }).participants;
    expect(cut?.name).toBe('a'.repeat(THREAD_LIMITS.nameChars - 1));
  });
});
