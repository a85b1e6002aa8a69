// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser, type FakeBrowser } from '../helpers/fake-browser';

const fake = vi.hoisted(() => ({ browser: null as unknown as FakeBrowser }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { database } = await import('../../../src/db/database');
const { App } = await import('../../../src/ui/sidebar/App');
const { DOCK_HELLO } = await import('../../../src/shared/dock-protocol');
const { forgetSharedLiveQueries } = await import('../../../src/ui/common/shared-live-query');

beforeEach(async () => {
  fake.browser = createFakeBrowser();
  // Each case deletes the database: the queries the previous case's cards kept read the old one.
  forgetSharedLiveQueries();
  await database().delete();
  await database().open();
  history.replaceState(null, '', '/sidebar.html');
});
afterEach(() => cleanup());

/** The docked frame, greeted by its parent; `vouched`: our content script confirms the token (dock/verify). */
async function docked(token = 'secret-token', vouched = true) {
  if (vouched) fake.browser.dockTokens.push(token);
  history.replaceState(null, '', `/sidebar.html#dock=${token}`);
  render(<App />);
  const channel = new MessageChannel();
  window.dispatchEvent(new MessageEvent('message', {
    data: { type: DOCK_HELLO, token }, origin: 'https://mail.google.com', source: window.parent, ports: [channel.port2],
  }));
  return channel.port1;
}

describe('sidebar states', () => {
  it('asks for a conversation when none is open', async () => {
    render(<App />);
    expect((await screen.findByText('Open a conversation to see who is in it.')).getAttribute('role')).toBe('status');
  });

  it('says when Earshot is off, paused, or not set up yet', async () => {
    await fake.browser.storage.sync.set({ settings: { enabled: false } });
    const { unmount } = render(<App />);
    expect(await screen.findByText('Earshot is switched off. Nothing is looked up.')).toBeTruthy();
    unmount();
    await fake.browser.storage.sync.set({ settings: { onboarded: true, pausedUntil: Date.now() + 3_600_000 } });
    const second = render(<App />);
    expect(await screen.findByText('Paused. Nothing is looked up until you resume in the Earshot menu.')).toBeTruthy();
    second.unmount();
    await fake.browser.storage.sync.set({ settings: {} });
    render(<App />);
    expect(await screen.findByText('Choose what Earshot may look up: open the Earshot menu to start.')).toBeTruthy();
  });

  it('shows "can\'t read this conversation" when the dock says so', async () => {
    const port = await docked();
    port.postMessage({ type: 'unreadable', client: 'gmail', failedSelector: 'sender' });
    expect((await screen.findByTestId('unreadable')).textContent).toContain("Can't read this conversation");
  });

  it('ignores a page script that posts without the token, and follows the dock that has it', async () => {
    fake.browser.dockTokens.push('right');
    history.replaceState(null, '', '/sidebar.html#dock=right');
    render(<App />);
    const intruder = new MessageChannel();
    window.dispatchEvent(new MessageEvent('message', {
      data: { type: DOCK_HELLO, token: 'guess' }, origin: 'https://mail.google.com', source: window.parent, ports: [intruder.port2],
    }));
    intruder.port1.postMessage({ type: 'unreadable', client: 'gmail', failedSelector: 'x' });
    const wrongOrigin = new MessageChannel();
    window.dispatchEvent(new MessageEvent('message', {
      data: { type: DOCK_HELLO, token: 'right' }, origin: 'https://evil.example', source: window.parent, ports: [wrongOrigin.port2],
    }));
    wrongOrigin.port1.postMessage({ type: 'unreadable', client: 'gmail', failedSelector: 'x' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('unreadable')).toBeNull();
  });

  it('a sidebar frame a mail page made itself, greeted with its own token, asks our content script and shows nothing', async () => {
    const port = await docked('page-made', false);
    const answers: unknown[] = [];
    port.onmessage = (event) => answers.push(event.data);
    port.postMessage({ type: 'thread', thread: { client: 'gmail', threadId: 'page-made', subject: 'Page-made thread', self: null, participants: [] } });
    port.postMessage({ type: 'unreadable', client: 'gmail', failedSelector: 'x' });
    await screen.findByText('Open a conversation to see who is in it.');
    await expect.poll(() => fake.browser.sent).toContainEqual({ type: 'dock/verify', token: 'page-made' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Page-made thread')).toBeNull();
    expect(screen.queryByTestId('unreadable')).toBeNull();
    expect(answers).toEqual([]);
    expect(fake.browser.sent.filter((message) => (message as { type?: string }).type === 'dock/verify')).toHaveLength(1);
  });

  it('lists the participants of the open thread, hiding the user and colleagues until asked', async () => {
    await fake.browser.storage.sync.set({ settings: { onboarded: true, myDomains: ['demo-earshot.test'] } });
    const port = await docked();
    port.postMessage({
      type: 'thread',
      thread: {
        client: 'gmail', threadId: 't1', subject: 'Pilot', self: 'sam@demo-earshot.test',
        participants: [
          { name: 'Leo Brandt', email: 'leo@northwind-labs.com', roles: ['cc'], messageCount: 0, isPerson: true },
          { name: 'Maya Okafor', email: 'maya@northwind-labs.com', roles: ['from'], messageCount: 2, isPerson: true },
          { name: 'Ana Colleague', email: 'ana@demo-earshot.test', roles: ['to'], messageCount: 0, isPerson: true },
          { name: 'GitHub', email: 'notifications@github.com', roles: ['to'], messageCount: 0, isPerson: false },
        ],
      },
    });
    await screen.findByText('Pilot');
    const names = () => [...document.querySelectorAll('.participant .name')].map((el) => el.textContent);
    expect(names()).toEqual(['Maya Okafor', 'GitHub', 'Leo Brandt']);
    expect(document.querySelector('.participant[aria-pressed="true"] .name')?.textContent).toBe('Maya Okafor');
    screen.getByTestId('show-hidden').click();
    await screen.findByText('Ana Colleague');
    expect(names()).toEqual(['Maya Okafor', 'Ana Colleague', 'GitHub', 'Leo Brandt']);
  });
});
