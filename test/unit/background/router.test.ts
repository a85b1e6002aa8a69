import { describe, expect, it } from 'vitest';
import { senderAllowed } from '../../../src/background/router';
import { parseMessage } from '../../../src/shared/message-schemas';

const OWN = 'abcdefghijklmnop';
const ORIGIN = 'chrome-extension://abcdefghijklmnop';

describe('router checks', () => {
  it('accepts thread reports only from our content script on a mail host', () => {
    expect(senderAllowed('thread/opened', { id: OWN, url: 'https://mail.google.com/mail/u/0/', tab: {} }, OWN, ORIGIN)).toBe(true);
    expect(senderAllowed('thread/opened', { id: OWN, url: 'https://outlook.office.com/mail/', tab: {} }, OWN, ORIGIN)).toBe(true);
    expect(senderAllowed('thread/opened', { id: 'other-extension', url: 'https://mail.google.com/', tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('thread/opened', { id: OWN, url: 'https://evil.example/', tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('thread/opened', { id: OWN, url: 'http://mail.google.com/', tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('thread/opened', { id: OWN, url: `${ORIGIN}/sidebar.html` }, OWN, ORIGIN)).toBe(false);
  });

  it('accepts UI commands only from our own pages', () => {
    expect(senderAllowed('person/refresh', { id: OWN, url: `${ORIGIN}/sidebar.html` }, OWN, ORIGIN)).toBe(true);
    expect(senderAllowed('person/refresh', { id: OWN, url: 'https://mail.google.com/', tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('person/refresh', { id: OWN }, OWN, ORIGIN)).toBe(false);
  });

  it('rejects malformed payloads', () => {
    expect(parseMessage(null)).toBeNull();
    expect(parseMessage({ type: 'nope' })).toBeNull();
    expect(parseMessage({ type: 'thread/opened' })).toBeNull();
    expect(parseMessage({ type: 'thread/opened', thread: { client: 'gmail', threadId: 1, subject: '', participants: [], self: null } })).toBeNull();
    expect(parseMessage({ type: 'person/refresh', personId: 'x'.repeat(5000) })).toBeNull();
    const good = { type: 'thread/opened', thread: { client: 'gmail', threadId: 'abc', subject: 'Hi', participants: [], self: null } };
    expect(parseMessage(good)).toEqual(good);
  });
});
