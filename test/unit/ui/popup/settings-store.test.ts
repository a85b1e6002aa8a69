import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeExtension, type FakeExtension } from './fake-extension';

/** Settings in storage.sync: validated on read, kept when sync refuses a write, updated one at a time. */
const fake = vi.hoisted(() => ({ browser: null as unknown as FakeExtension, syncFails: false }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { loadSettings, saveSettings, updateSettings, onSettingsChanged, clearAllStorage } = await import('../../../../src/shared/settings-store');
const { DEFAULT_SETTINGS, parseSettings, normaliseListEntry } = await import('../../../../src/shared/settings');

beforeEach(() => {
  fake.syncFails = false;
  fake.browser = createFakeExtension({ syncFails: () => fake.syncFails });
});
afterEach(() => vi.restoreAllMocks());

describe('settings store', () => {
  it('reads defaults when nothing is stored, and falls back field by field on corrupt values', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await fake.browser.storage.sync.set({
      settings: { onboarded: true, retentionDays: -4, exclusions: ['a.com', 7, 'b.com'], sites: { gmail: 'no', outlook: false }, unknownKey: 1, vips: 'x' },
    });
    const settings = await loadSettings();
    expect(settings).toMatchObject({ onboarded: true, retentionDays: 30, exclusions: ['a.com', 'b.com'], sites: { gmail: true, outlook: false }, vips: [] });
    expect('unknownKey' in settings).toBe(false);
    await fake.browser.storage.sync.set({ settings: 'garbage' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps settings locally when sync refuses them (quota), and reads them from there', async () => {
    await saveSettings(parseSettings({ brands: ['Old'] }));
    fake.syncFails = true;
    await saveSettings(parseSettings({ brands: ['New'] }));
    expect(fake.browser.storage.sync.data.has('settings')).toBe(false);
    expect((await loadSettings()).brands).toEqual(['New']);
    fake.syncFails = false;
    await saveSettings(parseSettings({ brands: ['Synced'] }));
    expect(fake.browser.storage.local.data.has('settings')).toBe(false);
    expect((await loadSettings()).brands).toEqual(['Synced']);
  });

  it('runs updates one after another, so quick changes never overwrite each other', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, brands: [...s.brands, 'A'] })),
      updateSettings((s) => ({ ...s, brands: [...s.brands, 'B'] })),
      updateSettings((s) => ({ ...s, vipOnly: true })),
    ]);
    expect(await loadSettings()).toMatchObject({ brands: ['A', 'B'], vipOnly: true });
  });

  it('tells listeners the new and the previous settings, including after everything is cleared', async () => {
    const seen: [number, number][] = [];
    const stop = onSettingsChanged((next, previous) => seen.push([next.retentionDays, previous.retentionDays]));
    await saveSettings(parseSettings({ retentionDays: 7 }));
    await saveSettings(parseSettings({ retentionDays: 90 }));
    await clearAllStorage();
    await vi.waitFor(() => expect(seen).toEqual([[7, 30], [90, 7], [30, 90]]));
    stop();
  });

  it('normalises list entries as the user types them', () => {
    expect(normaliseListEntry('domain', ' https://www.Acme.com/about ')).toBe('acme.com');
    expect(normaliseListEntry('domain', '@eu.acme.com')).toBe('eu.acme.com');
    expect(normaliseListEntry('domain', 'not a domain')).toBeNull();
    expect(normaliseListEntry('domain', 'nope')).toBeNull();
    expect(normaliseListEntry('address', 'mailto:Jane@Acme.COM')).toBe('jane@acme.com');
    expect(normaliseListEntry('address', 'acme.com')).toBeNull();
    expect(normaliseListEntry('address-or-domain', 'Jane@Acme.com')).toBe('jane@acme.com');
    expect(normaliseListEntry('address-or-domain', '@acme.com')).toBe('acme.com');
    expect(normaliseListEntry('name', '  Northwind   Labs ')).toBe('Northwind Labs');
    expect(normaliseListEntry('name', '   ')).toBeNull();
  });
});
