// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeExtension, type FakeExtension } from './fake-extension';

const fake = vi.hoisted(() => ({ browser: null as unknown as FakeExtension }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { Onboarding } = await import('../../../../src/ui/onboarding/Onboarding');
const { parseSettings } = await import('../../../../src/shared/settings');
const { SOURCE_CATALOG } = await import('../../../../src/shared/sources-catalog');

beforeEach(() => {
  fake.browser = createFakeExtension();
});
afterEach(() => cleanup());

describe('first run', () => {
  it('says in three sentences what Earshot does, and what each source sends to which host', async () => {
    render(<Onboarding />);
    await screen.findByRole('heading', { name: 'Welcome to Earshot' });
    const intro = document.querySelector('.intro')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    expect(intro.split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(3);
    const sends = (name: string) => {
      const box = screen.getByRole('checkbox', { name });
      return document.getElementById(box.getAttribute('aria-describedby') as string)?.textContent ?? '';
    };
    for (const source of SOURCE_CATALOG) {
      expect(sends(source.label)).toMatch(/^Sends .+ to .+\./);
      for (const host of source.hosts.filter((h) => h !== '*')) expect(sends(source.label)).toContain(host);
    }
    expect(sends('Gravatar')).toContain('SHA-256 of the address');
    expect(sends('Also search GitHub by email address')).toContain('the address itself to api.github.com');
  });

  it('saves nothing until the user chooses, then exactly the choice', async () => {
    render(<Onboarding />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Gravatar' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Company website' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also search GitHub by email address' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.browser.storage.sync.data.size).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Start with these sources' }));
    await screen.findByTestId('onboarded');
    const saved = parseSettings(fake.browser.storage.sync.data.get('settings'));
    expect(saved.onboarded).toBe(true);
    expect(saved.sources).toEqual({ bluesky: true, gravatar: false, mastodon: true, github: true, hackernews: true, wikidata: true, companySite: true });
    expect(saved.githubEmailSearch).toBe(true);
  });

  it('GitHub email search is off by default and cannot be chosen without GitHub', async () => {
    render(<Onboarding />);
    const search = await screen.findByRole('checkbox', { name: 'Also search GitHub by email address' }) as HTMLInputElement;
    expect(search.checked).toBe(false);
    fireEvent.click(search);
    fireEvent.click(screen.getByRole('checkbox', { name: 'GitHub' }));
    await waitFor(() => expect(search.disabled).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Start with these sources' }));
    await screen.findByTestId('onboarded');
    const saved = parseSettings(fake.browser.storage.sync.data.get('settings'));
    expect([saved.sources.github, saved.githubEmailSearch]).toEqual([false, false]);
  });
});
