// The hostile messages of test/e2e/messages.e2e.ts, as data: each is sent from a browser page, so each
// payload is JSON text, parsed in that page (JSON.parse makes "__proto__" an own key, as a hostile
// sender's message would have). "@@HUGE:<n>@@" in the text becomes n characters, made in the page.

/** How a case may end. `error` is the sending browser refusing (or failing) to deliver it. */
export type Outcome =
  | { kind: 'malformed' }
  | { kind: 'not-allowed'; type: string }
  | { kind: 'answer'; value: unknown }
  | { kind: 'error'; matches: string };

export interface MessageCase {
  name: string;
  json: string;
  /** Built in the page instead of parsed: values JSON cannot carry. */
  build?: 'cyclic-thread' | 'function-value' | 'deep-array';
  /** Any of these is a pass (browsers differ in what they refuse to send at all). */
  accept: Outcome[];
}

const THREAD = {
  client: 'gmail', threadId: '18f4a2c1d3e5b706', subject: 'Northwind pilot', self: 'sam@demo-earshot.test',
  participants: [{ name: 'Maya Okafor', email: 'maya@northwind-labs.com', roles: ['from'], messageCount: 1, isPerson: true }],
};
const json = (value: unknown) => JSON.stringify(value);
const malformed: Outcome[] = [{ kind: 'malformed' }];
const notAllowed = (type: string): Outcome[] => [{ kind: 'not-allowed', type }];
const PERSON = 'maya@northwind-labs.com';

/**
 * Every message Earshot knows, well formed: what another extension (or a web page) would send to make
 * Earshot erase, look up, or record something. From outside none may reach a handler.
 */
export const EVERY_MESSAGE: unknown[] = [
  { type: 'data/erase' },
  { type: 'thread/opened', thread: { ...THREAD, threadId: 'from-another-extension', participants: [{ ...THREAD.participants[0], email: 'victim@target.example' }] } },
  { type: 'thread/closed' },
  { type: 'person/refresh', personId: PERSON },
  { type: 'identity/verdict', identityId: `${PERSON}|bluesky:maya.northwind-labs.com`, verdict: 'rejected' },
  { type: 'identity/add', personId: PERSON, network: 'github', handle: 'attacker' },
  { type: 'mention/lookup', name: 'Someone Else' },
  { type: 'dock/verify', token: 'guess' },
];

/** From an extension page of Earshot's own (the popup): wrong shapes, wrong senders, sizes, pollution. */
export const MALFORMED_FROM_OWN_PAGE: MessageCase[] = [
  { name: 'null', json: 'null', accept: malformed },
  { name: 'a number', json: '42', accept: malformed },
  { name: 'a string naming a type', json: '"data/erase"', accept: malformed },
  { name: 'an array holding a message', json: json([{ type: 'data/erase' }]), accept: malformed },
  { name: 'an empty object', json: '{}', accept: malformed },
  { name: 'an unknown type', json: json({ type: 'data/export' }), accept: malformed },
  { name: 'a type in other case', json: json({ type: 'DATA/ERASE' }), accept: malformed },
  { name: 'a type with a trailing space', json: json({ type: 'data/erase ' }), accept: malformed },
  { name: 'type "constructor"', json: json({ type: 'constructor' }), accept: malformed },
  { name: 'type "__proto__"', json: json({ type: '__proto__' }), accept: malformed },
  { name: 'type "toString"', json: json({ type: 'toString' }), accept: malformed },
  { name: 'a number type', json: json({ type: 7 }), accept: malformed },
  { name: 'thread/opened without a thread', json: json({ type: 'thread/opened' }), accept: malformed },
  { name: 'thread/opened with a string thread', json: json({ type: 'thread/opened', thread: 'garbage' }), accept: malformed },
  { name: 'thread/opened with an array thread', json: json({ type: 'thread/opened', thread: [1, 2, 3] }), accept: malformed },
  { name: 'thread/opened with an unknown client', json: json({ type: 'thread/opened', thread: { ...THREAD, client: 'yahoo' } }), accept: malformed },
  { name: 'thread/opened with participants as an object', json: json({ type: 'thread/opened', thread: { ...THREAD, participants: { 0: THREAD.participants[0] } } }), accept: malformed },
  { name: 'thread/opened with a float message count', json: json({ type: 'thread/opened', thread: { ...THREAD, participants: [{ ...THREAD.participants[0], messageCount: 1.5 }] } }), accept: malformed },
  { name: 'thread/opened with a 4 MB subject', json: json({ type: 'thread/opened', thread: { ...THREAD, subject: '@@HUGE:4000000@@' } }), accept: malformed },
  {
    name: 'thread/opened with 20,000 participants',
    json: json({ type: 'thread/opened', thread: { ...THREAD, participants: Array.from({ length: 20_000 }, (_, i) => ({ ...THREAD.participants[0], email: `p${i}@x.example` })) } }),
    accept: malformed,
  },
  { name: 'a well-formed thread/opened from a page, not a content script', json: json({ type: 'thread/opened', thread: THREAD }), accept: notAllowed('thread/opened') },
  { name: 'thread/closed from a page', json: json({ type: 'thread/closed' }), accept: notAllowed('thread/closed') },
  { name: 'person/refresh with a number id', json: json({ type: 'person/refresh', personId: 1 }), accept: malformed },
  { name: 'person/refresh with a 5 MB id', json: json({ type: 'person/refresh', personId: '@@HUGE:5000000@@' }), accept: malformed },
  { name: 'identity/verdict with an unknown verdict', json: json({ type: 'identity/verdict', identityId: 'x', verdict: 'maybe' }), accept: malformed },
  { name: 'identity/add on an unknown network', json: json({ type: 'identity/add', personId: PERSON, network: 'myspace', handle: 'x' }), accept: malformed },
  { name: 'mention/lookup with an empty name', json: json({ type: 'mention/lookup', name: '' }), accept: malformed },
  // The popup, opened here in a tab of its own: no content script there vouches for any token.
  { name: 'dock/verify from our page in a tab with no dock', json: json({ type: 'dock/verify', token: 'guess' }), accept: [{ kind: 'answer', value: { ours: false } }] },
  { name: 'dock/verify without a token', json: json({ type: 'dock/verify' }), accept: malformed },
  { name: 'dock/verify with a 1 MB token', json: json({ type: 'dock/verify', token: '@@HUGE:1000000@@' }), accept: malformed },
  {
    name: 'a "__proto__" key in a valid message (stripped; the handler answers for an unknown person)',
    json: '{"type":"person/refresh","personId":"nobody@unknown.example","__proto__":{"polluted":true,"type":"data/erase"}}',
    accept: [{ kind: 'answer', value: { queued: 0 } }],
  },
  {
    name: '"__proto__" and "constructor" keys inside a thread',
    json: `{"type":"thread/opened","thread":{"__proto__":{"client":"gmail"},"constructor":{"prototype":{"polluted":true}},"threadId":"t","subject":"s","participants":[],"self":null}}`,
    accept: malformed,
  },
  { name: 'a cyclic thread', json: '', build: 'cyclic-thread', accept: [...malformed, { kind: 'error', matches: '' }] },
  { name: 'a function in a message', json: '', build: 'function-value', accept: [...malformed, { kind: 'error', matches: '' }] },
  { name: 'arrays nested 5,000 deep', json: '', build: 'deep-array', accept: [...malformed, { kind: 'error', matches: '' }] },
];

/** The page-side result of sending one case. */
export type Sent = { kind: 'answer'; value: unknown } | { kind: 'error'; message: string };

/** Whether what came back is one of the outcomes the case accepts. */
export function accepted(sent: Sent, accept: Outcome[]): boolean {
  return accept.some((outcome) => {
    if (outcome.kind === 'error') return sent.kind === 'error' && sent.message.includes(outcome.matches);
    if (sent.kind !== 'answer') return false;
    const expected = outcome.kind === 'malformed'
      ? { rejected: true, reason: 'malformed message' }
      : outcome.kind === 'not-allowed' ? { rejected: true, reason: `sender may not send ${outcome.type}` } : outcome.value;
    return JSON.stringify(sent.value) === JSON.stringify(expected);
  });
}
