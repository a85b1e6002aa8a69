/**
 * A stand-in for webextension-polyfill in component tests (happy-dom has no extension APIs): storage
 * areas in memory with change events, and a runtime that records what the UI sends (and answers a
 * docked frame's dock/verify from `dockTokens`).
 */
type MessageListener = (message: unknown) => unknown;
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
  /** The dock tokens our content script would confirm to a docked frame (dock/verify): none unless a test adds one. */
  const dockTokens: string[] = [];
  const messageListeners = new Set<MessageListener>();
  return {
    sent,
    dockTokens,
    storage: {
      sync: storageArea('sync', listeners),
      local: storageArea('local', listeners),
      onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path.replace(/^\//, '')}`,
      /** Where the background's broadcasts (mentions changed) would arrive: nothing is broadcast here. */
      onMessage: {
        addListener: (listener: MessageListener) => messageListeners.add(listener),
        removeListener: (listener: MessageListener) => messageListeners.delete(listener),
      },
      async sendMessage(message: unknown) {
        sent.push(message);
        const { type, token } = message as { type?: string; token?: string };
        if (type === 'dock/verify') return { ours: dockTokens.includes(token ?? '') };
        return { ok: true, queued: 0 };
      },
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
