// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dock, dockMessageListener } from '../../../src/content/dock';
import { DOCK_HELLO, parseDockRequest } from '../../../src/shared/dock-protocol';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

interface PostedHello {
  message: { type: string; token: string };
  targetOrigin: string;
  ports: MessagePort[];
}

/**
 * A Dock whose frame "loaded": happy-dom loads no frame, so the frame's window is a stand-in that
 * records what the content script posts to it. The frame sits in a closed shadow root; the test keeps
 * the root attachShadow returned.
 */
function loadedDock() {
  const attach = vi.spyOn(HTMLElement.prototype, 'attachShadow');
  const dock = new Dock(document, `${EXTENSION}/sidebar.html`);
  const shadow = attach.mock.results[0]?.value as ShadowRoot;
  attach.mockRestore();
  const frame = shadow.querySelector('iframe') as HTMLIFrameElement;
  const posted: PostedHello[] = [];
  const frameWindow = {
    postMessage: (message: PostedHello['message'], targetOrigin: string, ports: MessagePort[]) => posted.push({ message, targetOrigin, ports }),
  };
  Object.defineProperty(frame, 'contentWindow', { get: () => frameWindow });
  frame.dispatchEvent(new Event('load'));
  const collapsed = () => dock.host.hasAttribute('data-collapsed');
  return { dock, frame, posted, collapsed };
}

/** Whatever the content script sends the frame next on the channel. */
function nextMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve) => {
    port.onmessage = (event) => resolve(event.data);
  });
}

let docks: Dock[] = [];
afterEach(() => {
  for (const dock of docks) dock.remove();
  docks = [];
});

describe('the content script side of the dock', () => {
  it('offers the channel to the extension origin only, with the token of the frame URL', () => {
    const { dock, frame, posted } = loadedDock();
    docks.push(dock);
    expect(posted).toHaveLength(1);
    const [hello] = posted;
    expect(hello?.targetOrigin).toBe(EXTENSION);
    expect(hello?.message.type).toBe(DOCK_HELLO);
    expect(frame.src).toBe(`${EXTENSION}/sidebar.html#dock=${hello?.message.token}`);
    expect(hello?.message.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(hello?.ports).toHaveLength(1);
  });

  it('listens to no window message: a page posting "hide" or a fake answer changes nothing', () => {
    const { dock, posted, collapsed } = loadedDock();
    docks.push(dock);
    const fake = new MessageChannel();
    for (const origin of [EXTENSION, 'https://mail.google.com', 'https://evil.example']) {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'hide' }, origin, source: window }));
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'ready' }, origin, source: window, ports: [fake.port2] }));
      window.postMessage({ type: 'hide' }, '*');
    }
    expect(collapsed()).toBe(false);
    expect(posted).toHaveLength(1);
    fake.port1.close();
  });

  it('takes the channel only on a well-formed answer, and obeys only well-formed requests', async () => {
    const { dock, posted, collapsed } = loadedDock();
    docks.push(dock);
    dock.show({ type: 'no-thread' });
    const frameEnd = posted[0]?.ports[0] as MessagePort;
    const nearMisses: unknown[] = [null, 'hide', 'ready', { type: 'HIDE' }, { type: ['hide'] }, { type: 'hide\u0000' }, { kind: 'hide' }, 7];
    for (const request of nearMisses) frameEnd.postMessage(request);
    const first = nextMessage(frameEnd);
    frameEnd.postMessage({ type: 'ready' });
    // Messages on one port arrive in order: the near misses were seen (and dropped) before "ready".
    expect(await first).toEqual({ type: 'no-thread' });
    expect(collapsed()).toBe(false);
    frameEnd.postMessage({ type: 'hide' });
    await expect.poll(collapsed).toBe(true);
  });
});

describe('the content script answers the background for its dock', () => {
  /** What the listener answered synchronously (undefined: no answer), and what it returned. */
  function ask(dock: Dock, message: unknown): { answered: unknown[]; returned: unknown } {
    const answered: unknown[] = [];
    const returned = dockMessageListener(dock)(message, {}, (verdict) => answered.push(verdict));
    return { answered, returned };
  }

  it('confirms its own token, exactly, and no other', () => {
    const { dock, posted } = loadedDock();
    docks.push(dock);
    const token = posted[0]?.message.token as string;
    expect(ask(dock, { type: 'dock/verify', token })).toEqual({ answered: [{ ours: true }], returned: undefined });
    const others: unknown[] = [
      'page-made', '', token.slice(0, 8), `${token} `, token.toUpperCase(), `${token}\u0000`, undefined, null, 42, [token], { toString: () => token },
    ];
    for (const other of others) expect(ask(dock, { type: 'dock/verify', token: other }).answered).toEqual([{ ours: false }]);
  });

  it('each dock has a token of its own: another tab\'s dock does not vouch for this one', () => {
    const first = loadedDock();
    const second = loadedDock();
    docks.push(first.dock, second.dock);
    const firstToken = first.posted[0]?.message.token;
    expect(firstToken).not.toBe(second.posted[0]?.message.token);
    expect(ask(second.dock, { type: 'dock/verify', token: firstToken }).answered).toEqual([{ ours: false }]);
  });

  it('toggles on dock/toggle, answering nothing, and ignores anything else', () => {
    const { dock, collapsed } = loadedDock();
    docks.push(dock);
    expect(ask(dock, { type: 'dock/toggle' })).toEqual({ answered: [], returned: undefined });
    expect(collapsed()).toBe(true);
    for (const junk of [undefined, null, 'dock/verify', {}, { type: 'Dock/Verify' }, { type: 'thread/opened' }]) {
      expect(ask(dock, junk)).toEqual({ answered: [], returned: undefined });
    }
    expect(collapsed()).toBe(true);
  });
});

describe('parseDockRequest', () => {
  it('knows hide and ready and nothing else', () => {
    expect(parseDockRequest({ type: 'hide' })).toEqual({ type: 'hide' });
    expect(parseDockRequest({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    for (const value of [undefined, null, 'hide', {}, { type: 'toString' }, { type: '__proto__' }, { type: 'constructor' }, [{ type: 'hide' }]]) {
      expect(parseDockRequest(value)).toBeNull();
    }
  });
});
