import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeExtension, type FakeExtension } from '../ui/popup/fake-extension';

/** The permission gate in front of run-time hosts: refused hosts are remembered for the popup's Grant. */
const fake = vi.hoisted(() => ({ browser: null as unknown as FakeExtension, added: [] as ((p: { origins?: string[] }) => void)[] }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { hostPermissionGate, registerPermissionWatch } = await import('../../../src/background/data/host-permissions');
const { readPendingHosts, purgePendingHostsBefore } = await import('../../../src/db/pending-hosts');
const { senderAllowed } = await import('../../../src/background/router');
const { parseMessage } = await import('../../../src/shared/message-schemas');

beforeEach(() => {
  fake.browser = createFakeExtension();
  fake.added = [];
  fake.browser.permissions.onAdded = { addListener: (listener: (p: { origins?: string[] }) => void) => fake.added.push(listener) } as never;
});

describe('host permission gate', () => {
  it('lets granted hosts through and remembers refused ones once', async () => {
    fake.browser.granted.add('https://mastodon.social/*');
    let clock = 1_000;
    const gate = hostPermissionGate(() => clock);
    expect(await gate('https://mastodon.social')).toBe(true);
    expect(await gate('https://acme.example')).toBe(false);
    clock += 5_000;
    expect(await gate('https://acme.example')).toBe(false);
    expect(await gate('https://fosstodon.org')).toBe(false);
    expect(await readPendingHosts()).toEqual([
      { origin: 'https://acme.example', host: 'acme.example', firstAt: 1_000, lastAt: 1_000 },
      { origin: 'https://fosstodon.org', host: 'fosstodon.org', firstAt: 6_000, lastAt: 6_000 },
    ]);
    clock += 120_000;
    await gate('https://acme.example');
    expect((await readPendingHosts())[0]).toMatchObject({ firstAt: 1_000, lastAt: 126_000 });
    await purgePendingHostsBefore(100_000);
    expect((await readPendingHosts()).map((h) => h.host)).toEqual(['acme.example']);
  });

  it('forgets a host once the user grants it', async () => {
    const gate = hostPermissionGate(() => 1);
    await gate('https://acme.example');
    await gate('https://fosstodon.org');
    registerPermissionWatch();
    fake.added[0]?.({ origins: ['https://acme.example/*'] });
    await vi.waitFor(async () => expect((await readPendingHosts()).map((h) => h.host)).toEqual(['fosstodon.org']));
  });
});

describe('data/erase message', () => {
  const OWN = 'abcdefghijklmnop';
  const ORIGIN = `chrome-extension://${OWN}`;
  it('comes only from the extension\'s own pages, never a content script or another extension', () => {
    expect(parseMessage({ type: 'data/erase' })).toEqual({ type: 'data/erase' });
    expect(senderAllowed('data/erase', { id: OWN, url: `${ORIGIN}/popup.html` }, OWN, ORIGIN)).toBe(true);
    expect(senderAllowed('data/erase', { id: OWN, url: 'https://mail.google.com/mail/u/0/', tab: {} }, OWN, ORIGIN)).toBe(false);
    expect(senderAllowed('data/erase', { id: 'other', url: 'chrome-extension://other/popup.html' }, OWN, ORIGIN)).toBe(false);
  });
});
