import type { ThreadContext } from './thread';
import type { UserVerdict } from './domain';
import type { ConversationMentions } from './message-body';

/**
 * Every message sent to the background, as one discriminated union. The background's handler map is
 * typed over `Message['type']`, so adding a message without a handler fails the type check.
 */
export type Message =
  | { type: 'thread/opened'; thread: ThreadContext }
  | { type: 'thread/closed' }
  | { type: 'person/refresh'; personId: string }
  | { type: 'identity/verdict'; identityId: string; verdict: UserVerdict }
  | { type: 'identity/add'; personId: string; network: 'bluesky' | 'mastodon' | 'github'; handle: string }
  /**
   * The sidebar's "Look up" on a name mentioned in a conversation: the one way a name read from a body
   * leaves the browser, and only because the user asked. `threadKey` is `<client>:<threadId>`.
   */
  | { type: 'mention/lookup'; threadKey?: string; name: string; organisation?: string }
  /** The sidebar asks for the names the bodies of a conversation mention (kept in session memory). */
  | { type: 'mentions/get'; threadKey: string }
  /** The popup's "Erase everything": every table, every stored setting; the extension starts over. */
  | { type: 'data/erase' }
  /**
   * The docked sidebar frame asks whether the token in its URL is the one our content script in its
   * tab's top frame put there (shared/dock-protocol.ts): a frame a mail page made itself is not.
   */
  | DockVerify;

/** Also what the background asks that content script, which answers a `DockVerdict`. */
export interface DockVerify {
  type: 'dock/verify';
  token: string;
}

export interface DockVerdict {
  ours: boolean;
}

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** What the background answers to each message. */
export interface ResponseMap {
  'thread/opened': { accepted: boolean; reason?: string; lookedUp: number };
  'thread/closed': { ok: true };
  'person/refresh': { queued: number };
  'identity/verdict': { ok: boolean };
  'identity/add': { ok: boolean; reason?: string };
  /** `personId` is the name-only person whose possible matches the sidebar then shows. */
  'mention/lookup': { ok: boolean; personId?: string; reason?: string };
  'mentions/get': { mentions: ConversationMentions | null };
  'data/erase': { ok: boolean; reason?: string };
  'dock/verify': DockVerdict;
}

/** A refusal the router sends instead of calling a handler. */
export interface RejectedResponse {
  rejected: true;
  reason: string;
}

export type ResponseOf<T extends MessageType> = ResponseMap[T];

/** Which senders may send which messages. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set(['thread/opened', 'thread/closed']);
export const EXTENSION_PAGE_MESSAGES: ReadonlySet<MessageType> = new Set([
  'person/refresh', 'identity/verdict', 'identity/add', 'mention/lookup', 'mentions/get', 'data/erase',
]);
/** Sent by our own page framed in a tab (the docked sidebar), so the sender names that tab. */
export const FRAMED_PAGE_MESSAGES: ReadonlySet<MessageType> = new Set(['dock/verify']);
