// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser, type FakeBrowser } from '../helpers/fake-browser';
import { identity, NOW, person, post } from '../helpers/seed';

// The UI's only outside dependency: the extension APIs, which happy-dom lacks.
const fake = vi.hoisted(() => ({ browser: null as unknown as FakeBrowser }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { database } = await import('../../../src/db/database');
const { PersonView } = await import('../../../src/ui/sidebar/PersonView');
const { parseSettings } = await import('../../../src/shared/settings');
const { forgetSharedLiveQueries } = await import('../../../src/ui/common/shared-live-query');

const participant = { name: 'Maya Okafor', email: 'maya@northwind-labs.com', roles: ['from' as const], messageCount: 2, isPerson: true };
const settings = parseSettings({ onboarded: true, brands: ['Contoso'] });

beforeEach(async () => {
  fake.browser = createFakeBrowser();
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

const show = () => render(<PersonView personId="maya@northwind-labs.com" participant={participant} settings={settings} />);

describe('the person card states', () => {
  it('says it is resolving, per source, while lookups run', async () => {
    await database().people.put(person({ lookups: { bluesky: { state: 'running', at: NOW }, gravatar: { state: 'none', at: NOW } } }));
    show();
    expect((await screen.findByTestId('resolving')).textContent).toBe('Looking up… 1 of 2 sources done; waiting for Bluesky');
  });

  it('says nothing public was found, and what was tried', async () => {
    await database().people.put(person({ lookups: { bluesky: { state: 'none', at: NOW }, gravatar: { state: 'none', at: NOW } } }));
    show();
    expect((await screen.findByTestId('nothing-found')).textContent).toBe('Nothing public found. Tried Bluesky, Gravatar.');
  });

  it('names a failed source with its reason and a retry that asks the background', async () => {
    await database().people.put(person({ lookups: { bluesky: { state: 'error', at: NOW, detail: 'timed out' } } }));
    show();
    const failed = await screen.findByTestId('source-failed');
    expect(failed.textContent).toBe('Bluesky failed: timed out. Retry');
    fireEvent.click(screen.getByText('Retry'));
    await waitFor(() => expect(fake.browser.sent).toEqual([{ type: 'person/refresh', personId: 'maya@northwind-labs.com' }]));
  });

  it('says how old the cached answer is', async () => {
    await database().people.put(person({ lookups: { bluesky: { state: 'found', at: NOW - 25 * 60_000 } } }));
    show();
    expect((await screen.findByTestId('lookup-state')).textContent).toContain('From cache, 25 min old');
  });

  it('shows identities with tier badges, the company apart, and possible matches collapsed', async () => {
    const own = identity({ handle: 'maya.northwind-labs.com', displayName: 'Maya O.', profile: { jobTitle: 'VP Partnerships', company: 'Northwind Labs', location: 'Lisbon' } });
    const linked = identity({ handle: 'maya@social.example', network: 'mastodon', tier: 'B', url: 'https://social.example/@maya' });
    const company = identity({ handle: 'northwind-labs.com', tier: 'C' });
    const maybe = identity({ handle: 'mayaokafor.bsky.social', tier: 'D' });
    await database().people.put(person({ lookups: { bluesky: { state: 'found', at: NOW } } }));
    await database().identities.bulkPut([own, linked, company, maybe]);
    show();
    await screen.findByTestId('identities');
    const handles = screen.getByTestId('identities').querySelectorAll('[data-testid="identity-handle"]');
    expect([...handles].map((el) => el.textContent)).toEqual(['maya.northwind-labs.com', 'maya@social.example']);
    const badges = screen.getByTestId('identities').querySelectorAll('[data-testid="identity-badge"]');
    expect([...badges].map((el) => el.textContent)).toEqual(['Domain-verified', 'Linked']);
    expect(screen.getByTestId('company-identities').textContent).toContain('northwind-labs.comCompany');
    expect(screen.getByTestId('possible-matches').textContent).toContain('1 possible match');
    expect(screen.getByTestId('person-role').textContent).toBe('VP Partnerships · Northwind Labs');
  });

  it('lists posts newest first, labels reposts and replies, and draws the "new since" line', async () => {
    const own = identity({ handle: 'maya.northwind-labs.com' });
    await database().people.put(person({ lookups: { bluesky: { state: 'found', at: NOW } } }));
    await database().identities.put(own);
    await database().posts.bulkPut([
      post(own, 1, { text: 'newest, see https://example.com/a #supplychain @leo.northwind-labs.com' }),
      post(own, 5, { kind: 'repost', author: 'someone.bsky.social', text: 'a repost' }),
      post(own, 30, { kind: 'reply', text: 'an older reply' }),
    ]);
    render(<PersonView personId="maya@northwind-labs.com" settings={settings}
      participant={{ ...participant, lastMessageAt: new Date(NOW - 10 * 3_600_000).toISOString() }} />);
    await screen.findByTestId('posts');
    const items = [...screen.getByTestId('posts').children];
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['post', 'post', 'new-since-divider', 'post']);
    expect(items[1]?.textContent).toContain('Repost of @someone.bsky.social');
    expect(items[3]?.textContent).toContain('Reply');
    const links = [...(items[0]?.querySelectorAll('a') ?? [])].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]);
    expect(links).toEqual([
      ['https://example.com/a', 'https://example.com/a', 'noopener noreferrer'],
      ['@leo.northwind-labs.com', 'https://bsky.app/profile/leo.northwind-labs.com', 'noopener noreferrer'],
      ['Open', 'https://bsky.app/profile/maya.northwind-labs.com/post/1', 'noopener noreferrer'],
    ]);
  });

  it('renders hostile post text as text and drops unsafe links and images', async () => {
    const own = identity({ handle: 'maya.northwind-labs.com' });
    await database().people.put(person());
    await database().identities.put(own);
    await database().posts.put(post(own, 1, {
      text: '<img src=x onerror=alert(1)> javascript:alert(1)', url: 'javascript:alert(1)',
      images: [{ url: 'http://insecure.example/a.png', alt: 'x' }, { url: 'data:image/png;base64,AAAA', alt: 'y' }],
      link: { url: 'vbscript:msgbox', title: 'bad' },
    }));
    show();
    const text = await screen.findByTestId('post-text');
    expect(text.textContent).toBe('<img src=x onerror=alert(1)> javascript:alert(1)');
    expect(text.querySelector('img')).toBeNull();
    const postItem = screen.getByTestId('post');
    expect(postItem.querySelectorAll('img')).toHaveLength(0);
    expect([...postItem.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([]);
  });

  it('loads a picture only while its source is allowed', async () => {
    const own = identity({ handle: 'maya.northwind-labs.com', avatarUrl: 'https://cdn.bsky.app/img/avatar/maya.jpg' });
    await database().people.put(person());
    await database().identities.put(own);
    await fake.browser.storage.sync.set({ settings: { onboarded: true } });
    const first = show();
    await waitFor(() => expect(document.querySelector('img.avatar')?.getAttribute('src')).toBe('https://cdn.bsky.app/img/avatar/maya.jpg'));
    expect(document.querySelector('img.avatar')?.getAttribute('referrerpolicy')).toBe('no-referrer');
    first.unmount();
    await fake.browser.storage.sync.set({ settings: { onboarded: true, sources: { bluesky: false } } });
    show();
    await screen.findByTestId('person-name');
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('img.avatar')).toBeNull();
    expect(document.querySelector('.avatar.placeholder')).not.toBeNull();
  });

  it('saves notes as you type', async () => {
    await database().people.put(person());
    show();
    const box = await screen.findByTestId('notes');
    vi.useRealTimers();
    fireEvent.input(box, { target: { value: 'Prefers calls before 10' } });
    await waitFor(async () => expect((await database().notes.get('maya@northwind-labs.com'))?.text).toBe('Prefers calls before 10'), { timeout: 2000 });
  });

  it('pins a negative mention of the user\'s brands, and shows talking points', async () => {
    const own = identity({ handle: 'maya.northwind-labs.com' });
    await database().people.put(person());
    await database().identities.put(own);
    await database().posts.bulkPut([
      post(own, 2, {
        text: 'The onboarding at Contoso is honestly frustrating: two days and still no working export. #procurement',
        analysis: { hashtags: ['#procurement'], mentions: [], organisations: ['Contoso'], topics: ['onboarding'], sentiment: -0.6 },
      }),
      post(own, 3, {
        text: 'Great panel today. #supplychain',
        analysis: { hashtags: ['#supplychain'], mentions: [], organisations: [], topics: ['panel'], sentiment: 0.7 },
      }),
    ]);
    show();
    const flagged = await screen.findByTestId('needs-attention');
    expect(flagged.querySelectorAll('[data-testid="attention-item"]')).toHaveLength(1);
    expect(flagged.textContent).toContain('Mentions Contoso negatively');
    const points = [...screen.getByTestId('talking-points').querySelectorAll('[data-testid="talking-point"]')].map((el) => el.textContent);
    expect(points).toContain('#procurement 1');
    expect(points).toContain('Contoso 1');
  });
});
