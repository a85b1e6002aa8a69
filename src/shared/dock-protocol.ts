import type { ThreadContext } from './thread';

/**
 * The docked sidebar frame and its content script talk over a private MessageChannel. The first
 * window message carries the channel's port and a token that only the content script knows (it is in
 * the frame's URL, inside a closed shadow root); page scripts can post to the frame but can't know it.
 */
export const DOCK_HELLO = 'earshot/dock-hello';

export interface DockHello {
  type: typeof DOCK_HELLO;
  token: string;
}

export type DockCommand =
  | { type: 'thread'; thread: ThreadContext }
  | { type: 'no-thread' }
  | { type: 'unreadable'; client: string; failedSelector: string };

/** What the frame may ask of its content script. */
export type DockRequest = { type: 'hide' } | { type: 'ready' };

/** Origins whose pages may host the docked frame. */
export const MAIL_ORIGINS: readonly string[] = [
  'https://mail.google.com',
  'https://outlook.live.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
];

export const MAIL_HOSTS: readonly string[] = MAIL_ORIGINS.map((origin) => new URL(origin).hostname);
