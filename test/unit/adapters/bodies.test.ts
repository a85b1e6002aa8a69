// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '../../../src/content/adapters/gmail/gmail';
import { outlookAdapter } from '../../../src/content/adapters/outlook/outlook';
import type { MailAdapter } from '../../../src/content/adapters/types';
import { BODY_LIMITS, clampBodies } from '../../../src/shared/body-limits';
import type { MessageBody } from '../../../src/shared/message-body';
import { parseMessage } from '../../../src/shared/message-schemas';
import type { ThreadContext } from '../../../src/shared/thread';

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIL = join(HERE, '../../fixtures/mail');
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/1928a4c3e5f60b17';
const OUTLOOK_URL = 'https://outlook.office.com/mail/inbox/id/AAQkAGI2';

function read(adapter: MailAdapter, file: string, url: string): ThreadContext {
  const doc = new DOMParser().parseFromString(readFileSync(join(MAIL, file), 'utf8'), 'text/html');
  const result = adapter.read(doc, new URL(url));
  if (result.kind !== 'thread') throw new Error(`${file}: expected a thread, got ${JSON.stringify(result)}`);
  return result.thread;
}

const senders = (thread: ThreadContext) => (thread.bodies ?? []).map((body) => [body.senderName, body.senderEmail]);

describe('message bodies', () => {
  it('Gmail: one body per expanded message with its sender; the collapsed first message has none', () => {
    const thread = read(gmailAdapter, 'gmail/conversation-current.html', GMAIL_URL);
    expect(senders(thread)).toEqual([
      ['Alicia Wen', 'alicia.wen@brightline-freight.example'],
      ['Tomás Reyes', 'tomas.reyes@brightline-freight.example'],
    ]);
    const [alicia] = thread.bodies as MessageBody[];
    // Her own words and signature; the quoted message of Tomás is not hers and is left out.
    expect(alicia?.text).toContain('One correction on the lane table');
    expect(alicia?.text).toContain('Pricing Analyst | Brightline Freight');
    expect(alicia?.text).not.toContain('Attached is the revised rate card');
    expect(alicia?.links).toEqual([{ href: 'https://brightline-freight.example/', text: 'brightline-freight.example' }]);
  });

  it('Gmail: the signature replica carries the Bluesky link and the customer it mentions', () => {
    const thread = read(gmailAdapter, 'e2e/gmail-signature.html', 'https://mail.google.com/mail/u/0/#inbox/1928a4c3e5f60f53');
    expect(senders(thread)).toEqual([
      ['Priya Raman', 'priya.raman@tidewater-logistics.example'],
      ['Ines Carvalho', 'ines.carvalho@tidewater-logistics.example'],
    ]);
    const ines = thread.bodies?.[1];
    expect(ines?.text).toContain('I met Dana Whitfield from Litware yesterday');
    expect(ines?.links.map((link) => link.href)).toEqual([
      'https://tidewater-logistics.example/', 'https://bsky.app/profile/inescarvalho.bsky.social',
    ]);
  });

  it('Outlook: one body per expanded message, in the pane\'s order, quoted replies left out', () => {
    const thread = read(outlookAdapter, 'outlook/reading-pane-en.html', OUTLOOK_URL);
    expect(thread.bodies?.length).toBe(thread.participants.filter((p) => p.messageCount > 0).reduce((n, p) => n + p.messageCount, 0));
    const first = thread.bodies?.[0];
    expect(first?.senderName).toBe('Marcus Okafor');
    expect(first?.text).toContain('Lena from Contoso will run the training sessions');
    expect(first?.text).not.toContain('Thanks Dana, Leeds works for us.');
  });

  it('what the adapters send passes the background\'s schema', () => {
    for (const thread of [
      read(gmailAdapter, 'gmail/conversation-current.html', GMAIL_URL),
      read(gmailAdapter, 'gmail/forty-messages.html', GMAIL_URL),
      read(outlookAdapter, 'outlook/reading-pane-en.html', OUTLOOK_URL),
    ]) {
      expect(parseMessage({ type: 'thread/opened', thread })).not.toBeNull();
    }
  });
});

describe('body limits', () => {
  const body = (text: string, links = 0): MessageBody => ({
    senderEmail: 'a@b.example', senderName: 'A', text, links: Array.from({ length: links }, (_, i) => ({ href: `https://x.example/${i}`, text: 'x' })),
  });
  const message = (bodies: MessageBody[]) => ({ type: 'thread/opened', thread: { client: 'gmail', threadId: 't', subject: '', participants: [], self: null, bodies } });

  it('the schema refuses bodies over the limits', () => {
    expect(parseMessage(message([body('x'.repeat(BODY_LIMITS.textChars))]))).not.toBeNull();
    expect(parseMessage(message([body('x'.repeat(BODY_LIMITS.textChars + 1))]))).toBeNull();
    expect(parseMessage(message([body('x', BODY_LIMITS.linksPerBody + 1)]))).toBeNull();
    expect(parseMessage(message(Array.from({ length: BODY_LIMITS.bodies + 1 }, () => body('x'))))).toBeNull();
  });

  it('clamping keeps the newest bodies, the start of long texts and the first links, within the schema', () => {
    const many = Array.from({ length: 130 }, (_, i) => body(`${i} ${'y'.repeat(25_000)}`, 250));
    const clamped = clampBodies(many);
    expect(clamped).toHaveLength(BODY_LIMITS.bodies);
    expect(clamped[0]?.text.startsWith('30 ')).toBe(true);
    expect(clamped.every((b) => b.text.length === BODY_LIMITS.textChars && b.links.length === BODY_LIMITS.linksPerBody)).toBe(true);
    expect(parseMessage(message(clamped))).not.toBeNull();
  });
});

describe('bodies walked per read', () => {
  it('Gmail, forty messages: only the newest ten bodies are read, the last sender\'s included', () => {
    const thread = read(gmailAdapter, 'gmail/forty-messages.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmnbdxNvKqLcRtZkPbwx');
    expect(thread.bodies?.length).toBeLessThanOrEqual(BODY_LIMITS.read);
    expect(thread.bodies?.length).toBeGreaterThan(0);
  });
});
