import type browser from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundContext } from '../../../src/background/context';

/** The background's tabs.sendMessage: records each call, then answers as the test says. */
const tabs = vi.hoisted(() => ({
  calls: [] as unknown[][],
  answer: (): Promise<unknown> => Promise.resolve(undefined),
}));
vi.mock('webextension-polyfill', () => ({
  default: { tabs: { sendMessage: (...args: unknown[]) => { tabs.calls.push(args); return tabs.answer(); } } },
}));

const { createDockVerify } = await import('../../../src/background/handlers/dock-verify');

const CONTEXT = {} as BackgroundContext;
const MESSAGE = { type: 'dock/verify', token: '3f6c1a9e-2b7d-4c1e-9a55-0d2f7e8b1c44' } as const;
/** The docked frame, as the router passes it on: our sidebar, framed in tab 7. */
const FRAMED = { id: 'own', url: 'chrome-extension://own/sidebar.html#dock=x', tab: { id: 7 }, frameId: 3 } as unknown as browser.Runtime.MessageSender;

beforeEach(() => {
  tabs.calls.length = 0;
  tabs.answer = () => Promise.resolve(undefined);
});

describe('dock/verify: the content script of the frame\'s own tab decides', () => {
  it('asks the top frame of the sender\'s tab, with the token, through tabs.sendMessage', async () => {
    tabs.answer = () => Promise.resolve({ ours: true });
    expect(await createDockVerify()(MESSAGE, CONTEXT, FRAMED)).toEqual({ ours: true });
    expect(tabs.calls).toEqual([[7, MESSAGE, { frameId: 0 }]]);
  });

  const notOurs: [string, () => Promise<unknown>][] = [
    ['the content script says not ours', () => Promise.resolve({ ours: false })],
    ['no content script answers (not a mail tab, switched off)', () => Promise.resolve(undefined)],
    ['no content script is there', () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))],
    ['a truthy non-boolean', () => Promise.resolve({ ours: 'yes' })],
    ['a bare true', () => Promise.resolve(true)],
    ['null', () => Promise.resolve(null)],
  ];

  it.each(notOurs)('answers not ours when %s', async (_why, answer) => {
    tabs.answer = answer;
    expect(await createDockVerify()(MESSAGE, CONTEXT, FRAMED)).toEqual({ ours: false });
  });

  it('answers not ours, asking nobody, when the sender names no tab', async () => {
    const ask = vi.fn(async () => ({ ours: true }));
    const noTab = { ...FRAMED, tab: undefined } as browser.Runtime.MessageSender;
    expect(await createDockVerify(ask)(MESSAGE, CONTEXT, noTab)).toEqual({ ours: false });
    expect(ask).not.toHaveBeenCalled();
  });

  it('passes on only the token, whatever else the message carried', async () => {
    const ask = vi.fn(async () => ({ ours: true }));
    const padded = { ...MESSAGE, extra: 'x' } as typeof MESSAGE;
    await createDockVerify(ask)(padded, CONTEXT, FRAMED);
    expect(ask).toHaveBeenCalledWith(7, MESSAGE);
  });
});
