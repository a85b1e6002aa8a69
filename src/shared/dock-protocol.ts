import type { ThreadContext } from './thread';

/**
 * The docked sidebar frame and its content script talk over a private MessageChannel. The first
 * window message carries the channel's port and a token that only the content script knows (it is in
 * the frame's URL, inside a closed shadow root); page scripts can post to the frame but can't know it.
 *
 * Who checks what:
 * - the frame takes a hello only from its parent window, only when that parent is on a mail origin
 *   (MAIL_ORIGINS), only with its own token and one port, and only once per page load: after that it
 *   stops listening to window messages altogether. A content script that needs a new channel (the frame
 *   reloaded, the add-on was updated) gets it from the new page load, never by re-hello to a live frame,
 *   so nothing a page posts later can replace the channel.
 * - the content script posts the hello to the frame's window with the extension's origin as target, so
 *   a frame navigated elsewhere never receives the port; it listens to no window message at all, only
 *   to the ports it offered, which only the frame can hold.
 * - both sides check the shape of every message on the channel and drop anything else.
 * Known limit: sidebar.html is web-accessible on the mail hosts, so a mail page can frame a sidebar of
 * its own and greet it with a token of its own choosing (test/e2e/messages.e2e.ts reports whether it
 * can). That frame is not the dock and has no channel to our content script; it renders on the
 * extension's origin, so the page cannot read what it shows.
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

const DOCK_REQUESTS: readonly string[] = ['hide', 'ready'] satisfies DockRequest['type'][];

/** A request from the frame, or null for anything else (checked by hand: the content script stays small). */
export function parseDockRequest(value: unknown): DockRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && DOCK_REQUESTS.includes(type) ? ({ type } as DockRequest) : null;
}

/** Origins whose pages may host the docked frame. */
export const MAIL_ORIGINS: readonly string[] = [
  'https://mail.google.com',
  'https://outlook.live.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
];

export const MAIL_HOSTS: readonly string[] = MAIL_ORIGINS.map((origin) => new URL(origin).hostname);
