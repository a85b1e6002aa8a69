// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser, type FakeBrowser } from '../helpers/fake-browser';
import { identity, NOW, person } from '../helpers/seed';

type Mentions = { people: string[]; organisations: string[] };
type Listener = (message: unknown) => unknown;
type Messaging = FakeBrowser & { mentions: Map<string, Mentions>; announce(threadKey: string): void };

// The UI's only outside dependency: the extension APIs, which happy-dom lacks. The background's side of
// `mentions/get` and its "mentions changed" notice are played by the fake below.
const fake = vi.hoisted(() => ({ browser: null as unknown as Messaging }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { database } = await import('../../../src/db/database');
const { PersonView } = await import('../../../src/ui/sidebar/PersonView');
const { Mentions } = await import('../../../src/ui/sidebar/Mentions');
const { parseSettings } = await import('../../../src/shared/settings');
const { forgetSharedLiveQueries } = await import('../../../src/ui/common/shared-live-query');

const settings = parseSettings({ onboarded: true });
const maya = { name: 'Maya Okafor', email: 'maya@northwind-labs.com', roles: ['from' as const], messageCount: 1, isPerson: true };
const thread = { client: 'gmail' as const, threadId: '18f4', subject: 'Pilot', participants: [maya], self: 'sam@demo.test' };
const KEY = 'gmail:18f4';

/** The shared fake browser, answering `mentions/get` from a map and able to broadcast the change notice. */
function withMessaging(base: FakeBrowser): Messaging {
  const mentions = new Map<string, Mentions>();
  const listeners = new Set<Listener>();
  const recordAndAnswer = base.runtime.sendMessage;
  const runtime = {
    ...base.runtime,
    async sendMessage(message: unknown) {
      const asked = message as { type?: string; threadKey?: string };
      if (asked.type === 'mentions/get') return { mentions: mentions.get(asked.threadKey ?? '') ?? null };
      return recordAndAnswer(message);
    },
    onMessage: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
  };
  return {
    ...base, runtime, mentions,
    announce: (threadKey) => { for (const listener of listeners) listener({ type: 'mentions/changed', threadKey }); },
  } as Messaging;
}

beforeEach(async () => {
  fake.browser = withMessaging(createFakeBrowser());
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  // Each case deletes the database: the queries the previous case's cards kept read the old one.
  forgetSharedLiveQueries();
  await database().delete();
  await database().open();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const signature = { title: 'VP Partnerships', company: 'Northwind Labs', phone: '+351 21 555 0100', website: 'https://northwind-labs.com', links: [
  { network: 'web' as const, url: 'javascript:alert(1)' },
  { network: 'web' as const, url: 'https://maya.example/' },
], seenAt: NOW };

describe('what their signature gives the card', () => {
  it('fills title and company when no source has them, and says so', async () => {
    await database().people.put(person({ signature }));
    render(<PersonView personId="maya@northwind-labs.com" participant={maya} settings={settings} />);
    const role = await screen.findByTestId('person-role');
    expect(role.firstChild?.textContent).toBe('VP Partnerships · Northwind Labs');
    expect(role.getAttribute('title')).toBe('Title and company from their email signature');
    expect(role.textContent).toContain('(Title and company from their email signature)');
    const links = screen.getAllByTestId('signature-link') as HTMLAnchorElement[];
    // Only plain web links; a javascript: URL in a signature is dropped.
    expect(links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('rel'), link.getAttribute('target')])).toEqual([
      ['northwind-labs.com', 'https://northwind-labs.com/', 'noopener noreferrer', '_blank'],
      ['maya.example', 'https://maya.example/', 'noopener noreferrer', '_blank'],
    ]);
    expect(screen.getByTestId('signature-phone').textContent).toBe('+351 21 555 0100');
  });

  it('lets a source\'s title win and takes only the company from the signature', async () => {
    await database().people.put(person({ signature }));
    await database().identities.put(identity({ handle: 'maya.northwind-labs.com', profile: { jobTitle: 'Chief Partner Officer' } }));
    render(<PersonView personId="maya@northwind-labs.com" participant={maya} settings={settings} />);
    await waitFor(() => expect(screen.getByTestId('person-role').firstChild?.textContent).toBe('Chief Partner Officer · Northwind Labs'));
    expect(screen.getByTestId('person-role').getAttribute('title')).toBe('Company from their email signature');
  });

  it('shows a profile link from their signature as a tier-A identity with its evidence', async () => {
    await database().people.put(person({}));
    await database().identities.put(identity({
      handle: 'maya.bsky.social', evidence: [{ kind: 'own-signature', text: 'Linked in their own email signature', url: 'https://bsky.app/profile/maya.bsky.social' }],
    }));
    render(<PersonView personId="maya@northwind-labs.com" participant={maya} settings={settings} />);
    expect((await screen.findByTestId('identity-handle')).textContent).toBe('maya.bsky.social');
    expect(screen.getByTestId('identity-badge').textContent).toBe('Email-verified');
    expect(screen.getByText('Linked in their own email signature')).toBeTruthy();
  });
});

describe('Mentioned in this conversation', () => {
  it('shows nothing while no names are stored for the open conversation', async () => {
    render(<Mentions thread={thread} settings={settings} />);
    await Promise.resolve();
    expect(screen.queryByTestId('mentions')).toBeNull();
  });

  it('lists people and organisations, each with a labelled Look up button that asks the background', async () => {
    fake.browser.mentions.set(KEY, { people: ['Dana Whitfield'], organisations: ['Litware'] });
    render(<Mentions thread={thread} settings={settings} />);
    expect((await screen.findByRole('heading', { name: 'Mentioned in this conversation' })).tagName).toBe('H2');
    const rows = screen.getAllByTestId('mention').map((row) => `${row.getAttribute('data-kind')} ${row.querySelector('.mention-name')?.textContent}`);
    expect(rows).toEqual(['person Dana Whitfield', 'organisation Litware']);
    expect(fake.browser.sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Look up Dana Whitfield' }));
    await waitFor(() => expect(fake.browser.sent).toEqual([{ type: 'mention/lookup', threadKey: 'gmail:18f4', name: 'Dana Whitfield' }]));
  });

  it('follows the background writing the names after the sidebar painted', async () => {
    render(<Mentions thread={thread} settings={settings} />);
    await Promise.resolve();
    fake.browser.mentions.set(KEY, { people: [], organisations: ['Litware'] });
    fake.browser.announce('gmail:other-thread');
    fake.browser.announce(KEY);
    expect((await screen.findByTestId('mention-name')).textContent).toBe('Litware');
  });

  it('after a lookup, shows the name\'s possible matches collapsed, never as the person', async () => {
    fake.browser.mentions.set(KEY, { people: ['Dana Whitfield'], organisations: [] });
    render(<Mentions thread={thread} settings={settings} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Look up Dana Whitfield' }));
    // What the background then writes: the chosen name, and what the name search found.
    await database().people.put({ id: 'name:dana whitfield', email: null, name: 'Dana Whitfield', domain: null, firstSeenAt: NOW, lastSeenAt: NOW, lookups: { bluesky: { state: 'found', at: NOW } }, lookupChosenAt: NOW });
    await database().identities.put(identity({
      id: 'name:dana whitfield|bluesky:danawhitfield.bsky.social', personId: 'name:dana whitfield', handle: 'danawhitfield.bsky.social', tier: 'D',
      evidence: [{ kind: 'name-search', text: 'Found by name.' }],
    }));
    const result = await screen.findByTestId('mention-result');
    await waitFor(() => expect(result.querySelector('[data-testid="possible-matches"] summary')?.textContent).toBe('1 possible match'));
    expect(result.querySelector('[data-testid="identities"]')).toBeNull();
    expect(result.querySelector('[data-testid="identity-badge"]')?.textContent).toBe('Possible match');
    const toggle = screen.getByTestId('mention-show');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByTestId('mention-result')).toBeNull());
  });

  it('says why a lookup did not start', async () => {
    const answer = fake.browser.runtime.sendMessage;
    fake.browser.runtime.sendMessage = (async (message: { type: string }) => (message.type === 'mention/lookup'
      ? { ok: false, reason: 'Earshot is paused.' }
      : answer(message))) as typeof answer;
    fake.browser.mentions.set(KEY, { people: ['Dana Whitfield'], organisations: [] });
    render(<Mentions thread={thread} settings={settings} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Look up Dana Whitfield' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Dana Whitfield: Earshot is paused.');
  });
});
