/**
 * A stand-in for webextension-polyfill in the popup's component tests (happy-dom has no extension APIs):
 * storage areas in memory with change events, a runtime that records what the UI sends, permissions
 * the test can grant or refuse, and tabs.
 */
type Change = { oldValue?: unknown; newValue?: unknown };
type Listener = (changes: Record<string, Change>, area: string) => void;

function storageArea(name: string, listeners: Set<Listener>, options: { failSet?: () => boolean } = {}) {
  const data = new Map<string, unknown>();
  const emit = (changes: Record<string, Change>) => {
    if (Object.keys(changes).length > 0) for (const listener of listeners) listener(changes, name);
  };
  return {
    data,
    async get(key?: string | string[] | null) {
      if (key === undefined || key === null) return structuredClone(Object.fromEntries(data));
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items: Record<string, unknown>) {
      if (options.failSet?.()) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      const changes: Record<string, Change> = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: data.get(key), newValue: structuredClone(value) };
        data.set(key, structuredClone(value));
      }
      emit(changes);
    },
    async remove(key: string | string[]) {
      const changes: Record<string, Change> = {};
      for (const k of Array.isArray(key) ? key : [key]) {
        if (data.has(k)) changes[k] = { oldValue: data.get(k) };
        data.delete(k);
      }
      emit(changes);
    },
    async clear() {
      const changes = Object.fromEntries([...data.entries()].map(([k, v]) => [k, { oldValue: v }]));
      data.clear();
      emit(changes);
    },
  };
}

export function createFakeExtension(options: { inTab?: boolean; syncFails?: () => boolean } = {}) {
  const listeners = new Set<Listener>();
  const sent: unknown[] = [];
  const granted = new Set<string>(['https://public.api.bsky.app/*', 'https://mail.google.com/*']);
  const permissionRequests: string[][] = [];
  const createdTabs: string[] = [];
  let answerRequest = true;
  let onMessage: (message: unknown) => unknown = () => ({ ok: true });
  return {
    sent,
    permissionRequests,
    createdTabs,
    granted,
    /** What the next permissions.request answers (the user's click in the browser's prompt). */
    answerPermissionRequests(ok: boolean) {
      answerRequest = ok;
    },
    /** How the fake background answers runtime.sendMessage. */
    answerMessages(handler: (message: unknown) => unknown) {
      onMessage = handler;
    },
    storage: {
      sync: storageArea('sync', listeners, { failSet: options.syncFails }),
      local: storageArea('local', listeners),
      onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path.replace(/^\//, '')}`,
      getManifest: () => ({
        host_permissions: ['https://public.api.bsky.app/*'],
        content_scripts: [{ matches: ['https://mail.google.com/*'] }],
      }),
      async sendMessage(message: unknown) {
        sent.push(message);
        return onMessage(message);
      },
    },
    permissions: {
      async contains({ origins = [] }: { origins?: string[] }) {
        return origins.every((origin) => granted.has(origin));
      },
      async getAll() {
        return { origins: [...granted], permissions: [] };
      },
      request({ origins = [] }: { origins?: string[] }) {
        permissionRequests.push(origins);
        if (answerRequest) for (const origin of origins) granted.add(origin);
        return Promise.resolve(answerRequest);
      },
      async remove({ origins = [] }: { origins?: string[] }) {
        for (const origin of origins) granted.delete(origin);
        return true;
      },
      onAdded: { addListener: () => undefined },
    },
    tabs: {
      async getCurrent() {
        return options.inTab ? { id: 7 } : undefined;
      },
      async create({ url }: { url: string }) {
        createdTabs.push(url);
        return { id: 8, url };
      },
    },
  };
}

export type FakeExtension = ReturnType<typeof createFakeExtension>;
