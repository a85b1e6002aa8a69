import type { MessageBody } from './message-body';

/**
 * What a mail-client adapter reports about the open conversation. This is the only shape in which
 * anything of a mail client's DOM leaves the content script.
 */
export type MailClient = 'gmail' | 'outlook';

export type ParticipantRole = 'from' | 'to' | 'cc' | 'bcc';

export interface Participant {
  /** Display name as the mail client shows it; may be '' when the client shows only the address. */
  name: string;
  /** Lower-cased address, or null when the client shows only a name (Outlook internal senders). */
  email: string | null;
  /** Every role the person has anywhere in the conversation, without repeats, in from/to/cc/bcc order. */
  roles: ParticipantRole[];
  /** How many messages of the conversation this person sent (0 for someone only ever addressed). */
  messageCount: number;
  /** False for role addresses (noreply@, notifications@, support@, …): never looked up. */
  isPerson: boolean;
  /** ISO date of this person's most recent message in the conversation, when the client shows it. */
  lastMessageAt?: string | null;
}

export interface ThreadContext {
  client: MailClient;
  /** Stable id of the conversation within the client (Gmail legacy thread id, Outlook conversation id). */
  threadId: string;
  subject: string;
  /** Every participant once, senders first in order of appearance, then recipients. */
  participants: Participant[];
  /** The signed-in user's own address: never looked up. */
  self: string | null;
  /**
   * The bodies of the expanded messages, in conversation order (collapsed ones have none in the DOM).
   * Read in the background for signatures and names, never stored; see message-body.ts.
   */
  bodies?: MessageBody[];
}

/** Why an adapter could not read a page that looked like an open conversation. */
export interface UnreadableThread {
  client: MailClient;
  /** The selector (registry key) that matched nothing. */
  failedSelector: string;
}
