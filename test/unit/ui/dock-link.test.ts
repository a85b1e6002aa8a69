// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DockCommand } from '../../../src/shared/dock-protocol';

/** What the frame's runtime.sendMessage does: records the message, then answers or throws. */
const runtime = vi.hoisted(() => ({ sent: [] as unknown[], answer: (_message: unknown): Promise<unknown> => Promise.resolve(undefined) }));
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (message: unknown) => { runtime.sent.push(message); return runtime.answer(message); } } },
}));

const { DOCK_HELLO, MAIL_ORIGINS } = await import('../../../src/shared/dock-protocol');
const { parseMessage } = await import('../../../src/shared/message-schemas');
const { connectToDock, parseDockCommand } = await import('../../../src/ui/sidebar/dock-link');

const TOKEN = '3f6c1a9e-2b7d-4c1e-9a55-0d2f7e8b1c44';
const THREAD = {
  client: 'gmail', threadId: '1928a4c3e5f60b17', subject: 'Re: Q3 renewal', self: 'jane@harborview.example',
  participants: [{ name: 'Maya Okafor', email: 'maya@northwind-labs.com', roles: ['from'], messageCount: 1, isPerson: true }],
};

/** The docked frame's window, as far as connectToDock sees it: its URL's hash, its parent, its events. */
class FrameWindow extends EventTarget {
  readonly parent = new EventTarget();
  readonly location: { hash: string };
  constructor(hash = `#dock=${TOKEN}`) {
    super();
    this.location = { hash };
  }
}

interface HelloOptions {
  data?: unknown;
  origin?: string;
  source?: unknown;
  ports?: MessagePort[];
}

/** Lets every pending promise and message settle: the frame takes a port only once its token is confirmed. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Posts a hello at the frame; `taken` is true when the frame took its port (it wires the port then). */
async function hello(win: FrameWindow, options: HelloOptions = {}): Promise<{ taken: boolean; channel: MessageChannel }> {
  const channel = new MessageChannel();
  win.dispatchEvent(new MessageEvent('message', {
    data: 'data' in options ? options.data : { type: DOCK_HELLO, token: TOKEN },
    origin: options.origin ?? 'https://mail.google.com',
    source: ('source' in options ? options.source : win.parent) as Window,
    ports: options.ports ?? [channel.port2],
  }));
  await settled();
  return { taken: channel.port2.onmessage !== null, channel };
}

/** The frame, with its token confirmed (or not) by our content script as `verdict` says. */
function connect(win: FrameWindow, verdict: Promise<boolean> = Promise.resolve(true)) {
  const received: DockCommand[] = [];
  const asked: string[] = [];
  const link = connectToDock(win as unknown as Window, (command) => received.push(command), (token) => {
    asked.push(token);
    return verdict;
  });
  return { link, received, asked };
}

/** The next message the content script's end of a channel receives. */
function nextMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve) => {
    port.onmessage = (event) => resolve(event.data);
  });
}

describe('the docked frame takes a channel only from its own content script', () => {
  it.each(MAIL_ORIGINS)('takes the hello of its parent on %s and answers ready', async (origin) => {
    const win = new FrameWindow();
    connect(win);
    const { taken, channel } = await hello(win, { origin });
    expect(taken).toBe(true);
    expect(await nextMessage(channel.port1)).toEqual({ type: 'ready' });
    channel.port1.close();
  });

  const refused: [string, HelloOptions][] = [
    ['another window (a page script in a sibling frame or a popup)', { source: new EventTarget() }],
    ['no window at all', { source: null }],
    ['a web page origin', { origin: 'https://evil.example' }],
    ['a look-alike host', { origin: 'https://mail.google.com.evil.example' }],
    ['plain http on a mail host', { origin: 'http://mail.google.com' }],
    ['a mail host on another port', { origin: 'https://mail.google.com:8443' }],
    ['an opaque origin (sandboxed frame)', { origin: 'null' }],
    ['another extension', { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }],
    ['a wrong token', { data: { type: DOCK_HELLO, token: 'guess' } }],
    ['no token', { data: { type: DOCK_HELLO } }],
    ['the token as a prefix', { data: { type: DOCK_HELLO, token: TOKEN.slice(0, 8) } }],
    ['another type', { data: { type: 'earshot/dock-hello ', token: TOKEN } }],
    ['a string', { data: `${DOCK_HELLO} ${TOKEN}` }],
    ['null', { data: null }],
    ['an array', { data: [DOCK_HELLO, TOKEN] }],
    ['no port', { ports: [] }],
    ['two ports', { ports: [new MessageChannel().port2, new MessageChannel().port2] }],
  ];

  it.each(refused)('ignores a hello from %s', async (_why, options) => {
    const win = new FrameWindow();
    connect(win);
    expect((await hello(win, options)).taken).toBe(false);
    // …and still takes the real one afterwards.
    const real = await hello(win);
    expect(real.taken).toBe(true);
    real.channel.port1.close();
  });

  it('takes one channel per page load: a second hello, even a perfect one, is ignored', async () => {
    const win = new FrameWindow();
    connect(win);
    const first = await hello(win);
    const second = await hello(win);
    expect([first.taken, second.taken]).toEqual([true, false]);
    first.channel.port1.close();
  });

  it('is not docked without a token in its URL: asks nothing and listens to nothing then', async () => {
    const win = new FrameWindow('');
    const { link, asked } = connect(win);
    expect(link).toBeNull();
    expect((await hello(win)).taken).toBe(false);
    const empty = connect(new FrameWindow('#dock='));
    expect(empty.link).toBeNull();
    expect([...asked, ...empty.asked]).toEqual([]);
  });

  it('passes on well-formed commands only, in order', async () => {
    const win = new FrameWindow();
    const { received } = connect(win);
    const { channel } = await hello(win);
    await nextMessage(channel.port1);
    const junk: unknown[] = [
      null, 'thread', 42, [], { type: 'Thread', thread: THREAD }, { type: 'thread' }, { type: 'thread', thread: { ...THREAD, client: 'yahoo' } },
      { type: 'thread', thread: { ...THREAD, participants: 'everyone' } }, { type: 'thread', thread: { ...THREAD, subject: 'x'.repeat(2_001) } },
      { type: 'unreadable', client: 'gmail' }, { type: 'unreadable', client: 'gmail', failedSelector: 'x'.repeat(201) },
      { type: 'unreadable', client: 'hotmail', failedSelector: 'sender' }, { type: 'hide' },
    ];
    for (const command of junk) channel.port1.postMessage(command);
    channel.port1.postMessage({ type: 'unreadable', client: 'outlook', failedSelector: 'sender' });
    channel.port1.postMessage({ type: 'no-thread', extra: 'dropped' });
    channel.port1.postMessage({ type: 'thread', thread: THREAD });
    await expect.poll(() => received.length).toBe(3);
    expect(received).toEqual([
      { type: 'unreadable', client: 'outlook', failedSelector: 'sender' },
      { type: 'no-thread' },
      { type: 'thread', thread: THREAD },
    ]);
    channel.port1.close();
  });
});

describe('the docked frame takes a channel only once its own content script confirms its token', () => {
  beforeEach(() => {
    runtime.sent.length = 0;
  });

  /** A verdict the test gives when it chooses. */
  function deferred() {
    let give: (ours: boolean) => void = () => undefined;
    const verdict = new Promise<boolean>((resolve) => { give = resolve; });
    return { verdict, give };
  }

  it('asks once, at once, with the token in its URL: before any hello, and not again for later ones', async () => {
    const win = new FrameWindow();
    const { asked } = connect(win);
    expect(asked).toEqual([TOKEN]);
    const first = await hello(win, { data: { type: DOCK_HELLO, token: 'guess' } });
    const real = await hello(win);
    expect(asked).toEqual([TOKEN]);
    first.channel.port1.close();
    real.channel.port1.close();
  });

  it('a frame a page made itself (the token is not its dock\'s) takes no port, answers nothing, shows nothing, and stops listening', async () => {
    const win = new FrameWindow();
    const { received } = connect(win, Promise.resolve(false));
    const greeted = await hello(win);
    expect(greeted.taken).toBe(false);
    const answers: unknown[] = [];
    greeted.channel.port1.onmessage = (event) => answers.push(event.data);
    greeted.channel.port1.postMessage({ type: 'thread', thread: THREAD });
    // Greeted again, as a page would: still nothing.
    const again = await hello(win);
    expect(again.taken).toBe(false);
    await settled();
    expect(answers).toEqual([]);
    expect(received).toEqual([]);
    greeted.channel.port1.close();
    again.channel.port1.close();
  });

  it('holds a hello that comes before the verdict, and takes it once the verdict is "ours"', async () => {
    const win = new FrameWindow();
    const { verdict, give } = deferred();
    const { received } = connect(win, verdict);
    const early = await hello(win);
    expect(early.taken).toBe(false);
    early.channel.port1.postMessage({ type: 'thread', thread: THREAD });
    give(true);
    expect(await nextMessage(early.channel.port1)).toEqual({ type: 'ready' });
    await expect.poll(() => received).toEqual([{ type: 'thread', thread: THREAD }]);
    early.channel.port1.close();
  });

  it('drops a hello held for a verdict that comes back "not ours"', async () => {
    const win = new FrameWindow();
    const { verdict, give } = deferred();
    const { received } = connect(win, verdict);
    const early = await hello(win);
    const answers: unknown[] = [];
    early.channel.port1.onmessage = (event) => answers.push(event.data);
    early.channel.port1.postMessage({ type: 'thread', thread: THREAD });
    give(false);
    await settled();
    expect(early.channel.port2.onmessage).toBeNull();
    expect([answers, received]).toEqual([[], []]);
    early.channel.port1.close();
  });

  describe('by default it asks the background with dock/verify', () => {
    const cases: [string, () => Promise<unknown>, boolean][] = [
      ['{ours: true}', () => Promise.resolve({ ours: true }), true],
      ['{ours: false}', () => Promise.resolve({ ours: false }), false],
      ['a refusal from the router', () => Promise.resolve({ rejected: true, reason: 'sender may not send dock/verify' }), false],
      ['nothing (no receiver answered)', () => Promise.resolve(undefined), false],
      ['a truthy non-boolean', () => Promise.resolve({ ours: 'yes' }), false],
      ['an error (the background is gone)', () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), false],
    ];

    it.each(cases)('and takes the hello only on a true verdict: answered %s', async (_why, answer, takes) => {
      runtime.answer = answer;
      const win = new FrameWindow();
      connectToDock(win as unknown as Window, () => undefined);
      expect(runtime.sent).toEqual([{ type: 'dock/verify', token: TOKEN }]);
      expect(parseMessage(runtime.sent[0])).toEqual({ type: 'dock/verify', token: TOKEN });
      const greeted = await hello(win);
      expect(greeted.taken).toBe(takes);
      greeted.channel.port1.close();
    });
  });
});

describe('parseDockCommand', () => {
  it('accepts exactly the threads the background accepts in thread/opened', () => {
    const participant = THREAD.participants[0]!;
    const threads: unknown[] = [
      THREAD, { ...THREAD, self: null }, { ...THREAD, participants: [] }, { ...THREAD, participants: [{ ...participant, lastMessageAt: null }] },
      { ...THREAD, client: 'yahoo' }, { ...THREAD, threadId: 7 }, { ...THREAD, subject: 'x'.repeat(2_001) }, { ...THREAD, self: undefined },
      { ...THREAD, participants: Array.from({ length: 501 }, () => participant) }, { ...THREAD, participants: [{ ...participant, roles: ['boss'] }] },
      { ...THREAD, participants: [{ ...participant, messageCount: 0.5 }] }, { ...THREAD, participants: [{ ...participant, email: 1 }] },
      { ...THREAD, participants: [{ ...participant, name: 'x'.repeat(321) }] }, { ...THREAD, participants: [{ ...participant, isPerson: 'yes' }] },
      null, [], 'thread',
    ];
    for (const thread of threads) {
      expect(parseDockCommand({ type: 'thread', thread }) !== null, JSON.stringify(thread).slice(0, 80))
        .toBe(parseMessage({ type: 'thread/opened', thread }) !== null);
    }
  });

  it('keeps only the fields a command has: no bodies, no stray keys, no prototype', () => {
    // JSON.parse makes "__proto__" an own key, as a structured clone from a hostile sender would.
    const hostile = JSON.parse(JSON.stringify({ type: 'thread', thread: { ...THREAD, bodies: [] }, extra: 1 }).replace('"extra"', '"__proto__":{"polluted":true},"extra"'));
    expect(Object.keys(hostile)).toContain('__proto__');
    const parsed = parseDockCommand(hostile);
    expect(parsed).toEqual({ type: 'thread', thread: THREAD });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
