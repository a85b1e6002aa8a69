/**
 * A stand-in for webextension-polyfill in component tests (happy-dom has no extension APIs): storage
 * areas in memory with change events, and a runtime that records what the UI sends.
 */
type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

function storageArea(name: string, listeners: Set<Listener>) {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key?: string | string[] | null) {
      if (key === undefined || key === null) return Object.fromEntries(data);
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items: Record<string, unknown>) {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: data.get(key), newValue: structuredClone(value) };
        data.set(key, structuredClone(value));
      }
      for (const listener of listeners) listener(changes, name);
    },
    async remove(key: string) {
      data.delete(key);
    },
    async clear() {
      data.clear();
    },
  };
}

export function createFakeBrowser() {
  const listeners = new Set<Listener>();
  const sent: unknown[] = [];
  return {
    sent,
    storage: {
      sync: storageArea('sync', listeners),
      local: storageArea('local', listeners),
      onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path.replace(/^\//, '')}`,
      async sendMessage(message: unknown) {
        sent.push(message);
        return { ok: true, queued: 0 };
      },
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
