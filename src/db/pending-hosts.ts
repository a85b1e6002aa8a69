import browser from 'webextension-polyfill';

/**
 * Hosts a source wanted to reach but had no permission for (fediverse instances, company sites). The
 * background records them when the permission gate refuses; the popup lists them with a Grant button.
 * They are stored in storage.local, never synced: they are the domains of the user's correspondents.
 */
export const PENDING_HOSTS_KEY = 'pendingHosts';
const MAX_PENDING = 100;

export interface PendingHost {
  /** https://host[:port], as permissions take it (with "/*" appended). */
  origin: string;
  host: string;
  firstAt: number;
  lastAt: number;
}

function isPendingHost(value: unknown): value is PendingHost {
  const entry = value as Partial<PendingHost> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.origin === 'string' && typeof entry.host === 'string'
    && typeof entry.firstAt === 'number' && typeof entry.lastAt === 'number' && /^https:\/\/[^/]+$/.test(entry.origin);
}

export function parsePendingHosts(stored: unknown): PendingHost[] {
  return Array.isArray(stored) ? stored.filter(isPendingHost) : [];
}

export async function readPendingHosts(): Promise<PendingHost[]> {
  const stored = await browser.storage.local.get(PENDING_HOSTS_KEY);
  return parsePendingHosts(stored[PENDING_HOSTS_KEY]);
}

let writes: Promise<unknown> = Promise.resolve();

/** Read-modify-write, one at a time within this context. */
function edit(change: (hosts: PendingHost[]) => PendingHost[]): Promise<void> {
  const run = writes.then(async () => {
    const current = await readPendingHosts();
    const next = change(current);
    if (JSON.stringify(next) !== JSON.stringify(current)) await browser.storage.local.set({ [PENDING_HOSTS_KEY]: next });
  });
  writes = run.catch(() => undefined);
  return run;
}

/** Origins already listed are not written again within this long, so a busy queue does not churn storage. */
const TOUCH_AFTER_MS = 60_000;

export function addPendingHost(origin: string, now: number): Promise<void> {
  const host = new URL(origin).host;
  return edit((hosts) => {
    const existing = hosts.find((entry) => entry.origin === origin);
    if (existing) {
      if (now - existing.lastAt < TOUCH_AFTER_MS) return hosts;
      return hosts.map((entry) => (entry.origin === origin ? { ...entry, lastAt: now } : entry));
    }
    return [...hosts, { origin, host, firstAt: now, lastAt: now }].slice(-MAX_PENDING);
  });
}

export function removePendingHosts(origins: readonly string[]): Promise<void> {
  const gone = new Set(origins);
  return edit((hosts) => hosts.filter((entry) => !gone.has(entry.origin)));
}

/** Hosts last wanted before `cutoff` are forgotten with the rest of the looked-up data. */
export function purgePendingHostsBefore(cutoff: number): Promise<void> {
  return edit((hosts) => hosts.filter((entry) => entry.lastAt >= cutoff));
}

/** Merges hosts from an export into those stored. */
export function mergePendingHosts(incoming: readonly PendingHost[]): Promise<void> {
  return edit((hosts) => {
    const byOrigin = new Map(hosts.map((entry) => [entry.origin, entry]));
    for (const entry of incoming) {
      const existing = byOrigin.get(entry.origin);
      byOrigin.set(entry.origin, existing
        ? { ...existing, firstAt: Math.min(existing.firstAt, entry.firstAt), lastAt: Math.max(existing.lastAt, entry.lastAt) }
        : entry);
    }
    return [...byOrigin.values()].slice(-MAX_PENDING);
  });
}

export function onPendingHostsChanged(callback: (hosts: PendingHost[]) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    const change = changes[PENDING_HOSTS_KEY];
    if (area === 'local' && change) callback(parsePendingHosts(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The permission pattern for an origin. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
