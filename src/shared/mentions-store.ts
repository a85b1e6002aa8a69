import type { ConversationMentions } from './message-body';

/**
 * Names mentioned in the bodies of one conversation live in the extension's session storage (memory
 * only, gone when the browser closes, never in IndexedDB), under one key per conversation. The
 * background writes them; the sidebar asks the background for them (`mentions/get`), because Firefox
 * gives no `storage.session` to an extension frame docked in a mail page, and hears that they changed
 * from the notice below, which the background broadcasts to extension pages.
 */
export const MENTIONS_PREFIX = 'mentions:';

/** `<client>:<threadId>`, as the sidebar and the background name a conversation. */
export function threadKeyOf(client: string, threadId: string): string {
  return `${client}:${threadId}`;
}

export function mentionsKey(client: string, threadId: string): string {
  return `${MENTIONS_PREFIX}${threadKeyOf(client, threadId)}`;
}

/** Not a message to the background (the router refuses it): a notice to the extension's pages. */
export const MENTIONS_CHANGED = 'mentions/changed';

export interface MentionsChanged {
  type: typeof MENTIONS_CHANGED;
  threadKey: string;
}

export function isMentionsChanged(message: unknown): message is MentionsChanged {
  const candidate = message as Partial<MentionsChanged> | null;
  return candidate?.type === MENTIONS_CHANGED && typeof candidate.threadKey === 'string';
}

export interface StoredMentions extends ConversationMentions {
  at: number;
}

/** What session storage gave back, or null when it is not the shape the background writes. */
export function readStoredMentions(value: unknown): StoredMentions | null {
  if (!value || typeof value !== 'object') return null;
  const { people, organisations, at } = value as Record<string, unknown>;
  const names = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  if (!names(people) || !names(organisations) || typeof at !== 'number') return null;
  return { people, organisations, at };
}
