import { MENTIONS_CHANGED, type MentionsChanged } from '../../shared/mentions-store';
import type { SessionArea } from './thread-mentions';

interface ExtensionGlobal {
  storage?: { session?: SessionArea };
  runtime?: { sendMessage?(message: unknown): Promise<unknown> | undefined };
}

/**
 * The browser's own extension API, or null where there is none: Node, where the request benchmark and
 * the lookup tool run the same handlers. Read from the global rather than through the polyfill, which
 * refuses to load outside an extension; in both browsers these calls return promises.
 */
function extensionApi(): ExtensionGlobal | null {
  const scope = globalThis as { browser?: ExtensionGlobal; chrome?: ExtensionGlobal };
  return scope.browser ?? scope.chrome ?? null;
}

/** The extension's session storage (memory only), or null where there is none. */
export function sessionArea(): SessionArea | null {
  return extensionApi()?.storage?.session ?? null;
}

/** Tells open extension pages (the sidebar) that a conversation's mentions were rewritten. */
export function announceMentions(threadKey: string): void {
  const notice: MentionsChanged = { type: MENTIONS_CHANGED, threadKey };
  try {
    // No page listening is the usual case, and not an error.
    void extensionApi()?.runtime?.sendMessage?.(notice)?.catch(() => undefined);
  } catch {
    // An API that throws instead of rejecting: same.
  }
}
