import browser from 'webextension-polyfill';
import { parseSettings, type Settings } from './settings';

/** Settings live under one key in storage.sync (local where sync is unavailable). */
const KEY = 'settings';

function area(): browser.Storage.StorageArea {
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await area().get(KEY);
    return parseSettings(stored[KEY]);
  } catch {
    const stored = await browser.storage.local.get(KEY);
    return parseSettings(stored[KEY]);
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  try {
    await area().set({ [KEY]: settings });
  } catch {
    await browser.storage.local.set({ [KEY]: settings });
  }
}

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = parseSettings(change(await loadSettings()));
  await saveSettings(next);
  return next;
}

/** Calls back with the new settings whenever they change anywhere (popup, another tab). */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>) => {
    const change = changes[KEY];
    if (change) callback(parseSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
