import browser from 'webextension-polyfill';
import { addPendingHost, removePendingHosts } from '../../db/pending-hosts';

/**
 * The scheduler's permission gate for sources that reach hosts known only at run time. A host without
 * the user's permission is skipped (the sidebar says why) and remembered, so the popup can list it with
 * a Grant button; a host the user grants leaves that list.
 */
export function hostPermissionGate(now: () => number): (origin: string) => Promise<boolean> {
  return async (origin) => {
    const granted = await browser.permissions.contains({ origins: [`${origin}/*`] });
    if (!granted) await addPendingHost(origin, now()).catch(() => undefined);
    return granted;
  };
}

function originOf(pattern: string): string | null {
  const match = /^(https:\/\/[^/*]+)\/\*?$/.exec(pattern);
  return match?.[1] ?? null;
}

export function registerPermissionWatch(): void {
  browser.permissions.onAdded.addListener((permissions) => {
    const origins = (permissions.origins ?? []).map(originOf).filter((origin): origin is string => origin !== null);
    if (origins.length > 0) void removePendingHosts(origins).catch(() => undefined);
  });
}
