// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '../../../src/content/adapters/gmail/gmail';
import { outlookAdapter } from '../../../src/content/adapters/outlook/outlook';
import type { ReadResult } from '../../../src/content/adapters/types';
import { parseMessage } from '../../../src/shared/message-schemas';
import type { ThreadContext } from '../../../src/shared/thread';
import {
  NAME_CASES, OUTLOOK_CASES, STRESS_CASES, gmailConversationPage, outlookPage, type NameCase,
} from '../../fixtures/hostile/mail';

/**
 * The hostile mail pages through the real adapters (happy-dom here; real Chromium in hostile.e2e.ts):
 * names come out as text, exactly as the sender wrote them, and nothing throws on sizes no real
 * conversation has.
 */
const OUTLOOK_URL = 'https://outlook.office.com/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzWwAA';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function thread(result: ReadResult): ThreadContext {
  if (result.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.thread;
}

function gmail(html: string, threadId: string): ThreadContext {
  return thread(gmailAdapter.read(parse(html), new URL(`https://mail.google.com/mail/u/0/#inbox/${threadId}`)));
}

describe(`hostile display names through the Gmail adapter (${NAME_CASES.length} cases)`, () => {
  it.each(NAME_CASES.map((c) => [c.id, c] as const))('%s', (_id, nameCase: NameCase) => {
    const read = gmail(gmailConversationPage({ threadId: '1928a4c3e5f6c001', subject: 'Names', senders: [{ name: nameCase.name, email: 'pat@p01.hostile.example' }] }), '1928a4c3e5f6c001');
    expect(read.participants.map((p) => [p.name, p.email])).toEqual([[nameCase.shown, 'pat@p01.hostile.example']]);
    // The background accepts what the adapter sends: one hostile name does not cost the whole conversation.
    expect(parseMessage({ type: 'thread/opened', thread: read })).not.toBeNull();
  });
});

describe(`hostile conversations through the Gmail adapter (${STRESS_CASES.length} cases)`, () => {
  it.each(STRESS_CASES.map((c) => [c.id, c] as const))('%s', (_id, stress) => {
    const read = gmail(stress.page(), stress.threadId);
    expect(read.participants).toHaveLength(stress.participants);
    const names = read.participants.map((p) => p.name || p.email);
    for (const name of stress.names) expect(names).toContain(name);
    expect(read.participants.every((p) => p.email === null || /^[^\s<>()]+@[^\s<>()]+$/.test(p.email))).toBe(true);
  });
});

describe(`hostile names and addresses through the Outlook adapter (${OUTLOOK_CASES.length} cases)`, () => {
  it.each(OUTLOOK_CASES.map((c) => [c.id, c] as const))('%s', (_id, outlookCase) => {
    const read = thread(outlookAdapter.read(parse(outlookPage(outlookCase)), new URL(OUTLOOK_URL)));
    if (outlookCase.addresses) {
      // Not one of them is an address: nobody is looked up, and each stays a name shown as text.
      expect(read.participants.map((p) => p.email)).toEqual(read.participants.map(() => null));
    } else {
      const [marcus, dana, lena] = outlookCase.names;
      expect(read.participants.map((p) => p.name)).toEqual([marcus, dana, 'Priya Natarajan', lena].map((name) => name.replace(/\s+/g, ' ').trim()));
    }
    expect(read.participants.every((p) => p.email === null || /^[^\s<>()]+@[^\s<>()]+$/.test(p.email))).toBe(true);
  });
});
