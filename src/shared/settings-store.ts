import browser from 'webextension-polyfill';
import { parseSettings, type Settings } from './settings';

/**
 * Settings live under one key in storage.sync, so they follow the user to their other browsers. Where
 * sync is missing, or refuses a write (its per-item quota is 8 KB), they live in storage.local instead;
 * reading looks in sync first and then in local.
 */
export const SETTINGS_KEY = 'settings';

function syncArea(): browser.Storage.StorageArea | undefined {
  try {
    return browser.storage.sync;
  } catch {
    return undefined;
  }
}

export async function loadSettings(): Promise<Settings> {
  const sync = syncArea();
  if (sync) {
    try {
      const stored = await sync.get(SETTINGS_KEY);
      if (stored[SETTINGS_KEY] !== undefined) return parseSettings(stored[SETTINGS_KEY]);
    } catch {
      // Sync unavailable (disabled by policy, or not signed in on some engines): local below.
    }
  }
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  const value = parseSettings(settings);
  const sync = syncArea();
  if (sync) {
    try {
      await sync.set({ [SETTINGS_KEY]: value });
      // A copy left in local by an earlier failed sync write would be stale now.
      await browser.storage.local.remove(SETTINGS_KEY).catch(() => undefined);
      return;
    } catch {
      // Over quota or unavailable: keep them locally, and take the stale sync copy away so reads find these.
      await sync.remove(SETTINGS_KEY).catch(() => undefined);
    }
  }
  await browser.storage.local.set({ [SETTINGS_KEY]: value });
}

/** Updates run one after another, so two quick clicks never read the same old settings. */
let queue: Promise<unknown> = Promise.resolve();

export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const run = queue.then(async () => {
    const next = parseSettings(change(await loadSettings()));
    await saveSettings(next);
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Calls back with the new settings (and the previous ones) whenever they change anywhere: the popup,
 * another window, another device through sync.
 */
export function onSettingsChanged(callback: (settings: Settings, previous: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (!change || area === 'managed') return;
    // Moving between areas removes the key from one: that is not a change of settings.
    if (change.newValue === undefined) {
      void loadSettings().then((settings) => callback(settings, parseSettings(change.oldValue)));
      return;
    }
    callback(parseSettings(change.newValue), parseSettings(change.oldValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Forgets every stored setting and everything else in extension storage: sync and local. */
export async function clearAllStorage(): Promise<void> {
  const sync = syncArea();
  await sync?.clear().catch(() => undefined);
  await browser.storage.local.clear();
}
