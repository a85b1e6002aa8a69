import type browser from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import type { BackgroundContext } from '../../../src/background/context';
import { createRouter, senderAllowed, type HandlerMap } from '../../../src/background/router';
import { parseMessage } from '../../../src/shared/message-schemas';
import { CONTENT_SCRIPT_MESSAGES, EXTENSION_PAGE_MESSAGES, FRAMED_PAGE_MESSAGES } from '../../../src/shared/messages';

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

  it('accepts dock/verify only from our own page framed in a tab (the docked sidebar)', () => {
    const framed = { id: OWN, url: `${ORIGIN}/sidebar.html#dock=3f6c1a9e`, tab: { id: 7 } };
    expect(senderAllowed('dock/verify', framed, OWN, ORIGIN)).toBe(true);
    // Our page in no tab (the side panel, the popup) has no dock to ask about.
    expect(senderAllowed('dock/verify', { id: OWN, url: `${ORIGIN}/sidebar.html` }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('dock/verify', { ...framed, tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('dock/verify', { ...framed, tab: { id: '7' } }, OWN, ORIGIN)).toBe(false);
    // Not a content script's message, nor another extension's, even from inside a mail tab.
    expect(senderAllowed('dock/verify', { id: OWN, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 } }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('dock/verify', { ...framed, id: 'other-extension', url: 'chrome-extension://other-extension/sidebar.html' }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('dock/verify', { ...framed, id: 'other-extension' }, OWN, ORIGIN)).toBe(false);
  });

  it('rejects malformed payloads', () => {
    expect(parseMessage(null)).toBeNull();
    expect(parseMessage({ type: 'nope' })).toBeNull();
    expect(parseMessage({ type: 'thread/opened' })).toBeNull();
    expect(parseMessage({ type: 'thread/opened', thread: { client: 'gmail', threadId: 1, subject: '', participants: [], self: null } })).toBeNull();
    expect(parseMessage({ type: 'person/refresh', personId: 'x'.repeat(5000) })).toBeNull();
    const good = { type: 'thread/opened', thread: { client: 'gmail', threadId: 'abc', subject: 'Hi', participants: [], self: null } };
    expect(parseMessage(good)).toEqual(good);
    expect(parseMessage({ type: 'dock/verify', token: '3f6c1a9e-2b7d-4c1e-9a55-0d2f7e8b1c44', extra: 1 })).toEqual({ type: 'dock/verify', token: '3f6c1a9e-2b7d-4c1e-9a55-0d2f7e8b1c44' });
    for (const token of [undefined, null, 7, '', 'x'.repeat(101), ['t'], { token: 't' }]) expect(parseMessage({ type: 'dock/verify', token })).toBeNull();
  });
});

describe('the router end to end: reject with a reason, never call a handler, keep working', () => {
  const ALL_TYPES = [...CONTENT_SCRIPT_MESSAGES, ...EXTENSION_PAGE_MESSAGES, ...FRAMED_PAGE_MESSAGES];
  const called: unknown[] = [];
  const senders: unknown[] = [];
  const handlers = Object.fromEntries(ALL_TYPES.map((type) => [type, async (message: unknown, _context: unknown, sender: unknown) => {
    called.push(message);
    senders.push(sender);
    return { ok: true };
  }])) as unknown as HandlerMap;
  const route = createRouter(handlers, {} as BackgroundContext, { id: OWN, origin: ORIGIN });
  const page = { id: OWN, url: `${ORIGIN}/popup.html` } as browser.Runtime.MessageSender;
  const mail = { id: OWN, url: 'https://mail.google.com/mail/u/0/', tab: { id: 1 } } as unknown as browser.Runtime.MessageSender;
  const thread = { client: 'gmail', threadId: 'abc', subject: 'Hi', participants: [], self: null };
  /** What a hostile sender's structured clone can hold: "__proto__" as an own key. */
  const ownProto = (json: string) => JSON.parse(json) as unknown;

  const malformed: [string, unknown][] = [
    ['undefined', undefined], ['null', null], ['a string', 'data/erase'], ['a number', 7], ['an array', [{ type: 'data/erase' }]],
    ['no type', {}], ['an unknown type', { type: 'data/export' }], ['a type of another case', { type: 'Data/Erase' }],
    ['a type from the prototype', { type: 'constructor' }], ['"__proto__" as the type', { type: '__proto__' }],
    ['a type with a suffix', { type: 'data/erase ' }], ['a number type', { type: 1 }],
    ['thread/opened without a thread', { type: 'thread/opened' }],
    ['thread/opened with a string thread', { type: 'thread/opened', thread: 'x' }],
    ['thread/opened with an array thread', { type: 'thread/opened', thread: [] }],
    ['thread/opened with a wrong client', { type: 'thread/opened', thread: { ...thread, client: 'yahoo' } }],
    ['thread/opened with 501 participants', { type: 'thread/opened', thread: { ...thread, participants: Array.from({ length: 501 }, () => ({ name: 'a', email: null, roles: [], messageCount: 0, isPerson: true })) } }],
    ['thread/opened with a 1 MB subject', { type: 'thread/opened', thread: { ...thread, subject: 'x'.repeat(1_000_000) } }],
    ['thread/opened with a negative message count', { type: 'thread/opened', thread: { ...thread, participants: [{ name: 'a', email: null, roles: ['from'], messageCount: -1, isPerson: true }] } }],
    ['thread/opened with NaN', { type: 'thread/opened', thread: { ...thread, participants: [{ name: 'a', email: null, roles: ['from'], messageCount: Number.NaN, isPerson: true }] } }],
    ['person/refresh with a number id', { type: 'person/refresh', personId: 42 }],
    ['person/refresh with an object id', { type: 'person/refresh', personId: { toString: 'x' } }],
    ['identity/verdict with an unknown verdict', { type: 'identity/verdict', identityId: 'x', verdict: 'maybe' }],
    ['identity/add on an unknown network', { type: 'identity/add', personId: 'p', network: 'myspace', handle: 'h' }],
    ['identity/add with a huge handle', { type: 'identity/add', personId: 'p', network: 'github', handle: 'h'.repeat(100_000) }],
    ['dock/verify without a token', { type: 'dock/verify' }],
    ['dock/verify with a number token', { type: 'dock/verify', token: 42 }],
    ['dock/verify with an empty token', { type: 'dock/verify', token: '' }],
    ['dock/verify with a 1 MB token', { type: 'dock/verify', token: 't'.repeat(1_000_000) }],
  ];

  it.each(malformed)('rejects %s as malformed', async (_why, raw) => {
    called.length = 0;
    expect(await route(raw, page)).toEqual({ rejected: true, reason: 'malformed message' });
    expect(called).toEqual([]);
    // …and the next good request is served.
    expect(await route({ type: 'person/refresh', personId: 'p' }, page)).toEqual({ ok: true });
    expect(called).toHaveLength(1);
  });

  it('strips prototype-pollution keys instead of carrying them to a handler', async () => {
    called.length = 0;
    const raw = ownProto('{"type":"person/refresh","personId":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(await route(raw, page)).toEqual({ ok: true });
    expect(called).toEqual([{ type: 'person/refresh', personId: 'p' }]);
    expect(Object.getPrototypeOf(called[0])).toBe(Object.prototype);
    const nested = ownProto(`{"type":"thread/opened","thread":{"client":"gmail","threadId":"abc","subject":"Hi","self":null,"participants":[{"name":"a","email":null,"roles":["from"],"messageCount":1,"isPerson":true,"__proto__":{"isAdmin":true}}],"__proto__":{"polluted":true}}}`);
    expect(await route(nested, mail)).toEqual({ ok: true });
    expect(JSON.stringify(called[1])).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('names the message a sender may not send', async () => {
    called.length = 0;
    const other = { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' } as browser.Runtime.MessageSender;
    const webPage = { id: OWN, url: 'https://evil.example/', tab: { id: 2 } } as unknown as browser.Runtime.MessageSender;
    expect(await route({ type: 'data/erase' }, other)).toEqual({ rejected: true, reason: 'sender may not send data/erase' });
    expect(await route({ type: 'data/erase' }, mail)).toEqual({ rejected: true, reason: 'sender may not send data/erase' });
    expect(await route({ type: 'thread/opened', thread }, webPage)).toEqual({ rejected: true, reason: 'sender may not send thread/opened' });
    expect(await route({ type: 'thread/opened', thread }, page)).toEqual({ rejected: true, reason: 'sender may not send thread/opened' });
    expect(await route({ type: 'data/erase' }, { id: OWN, url: 'not a url' } as browser.Runtime.MessageSender)).toEqual({ rejected: true, reason: 'sender may not send data/erase' });
    expect(called).toEqual([]);
  });

  it('hands dock/verify, with its sender, to the handler only from our page framed in a tab', async () => {
    called.length = 0;
    senders.length = 0;
    const verify = { type: 'dock/verify', token: 'page-made' };
    const framed = { id: OWN, url: `${ORIGIN}/sidebar.html#dock=page-made`, tab: { id: 7 }, frameId: 3 } as unknown as browser.Runtime.MessageSender;
    expect(await route(verify, page)).toEqual({ rejected: true, reason: 'sender may not send dock/verify' });
    expect(await route(verify, mail)).toEqual({ rejected: true, reason: 'sender may not send dock/verify' });
    expect(called).toEqual([]);
    expect(await route(verify, framed)).toEqual({ ok: true });
    expect(called).toEqual([verify]);
    expect(senders).toEqual([framed]);
  });
});
