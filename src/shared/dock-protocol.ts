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
 * - the frame takes a hello only once our content script has confirmed its token. sidebar.html is
 *   web-accessible on the mail hosts, so a mail page can frame a sidebar of its own and greet it, from
 *   its parent window on a mail origin, with the token it put in that frame's URL: every check above
 *   passes. So at start (alongside its first render, once per page load) the frame sends `dock/verify`
 *   with its token to the background through runtime messaging, which a page can't reach nor forge; the
 *   background asks the content script of the sender's tab, top frame only (tabs.sendMessage, frameId 0),
 *   which answers whether that is its dock's token. Only on `{ours: true}` does the frame take the
 *   hello; otherwise it stays waiting and shows nothing (test/e2e/messages.e2e.ts part (b) checks a
 *   page-made frame in both browsers). The side panel and a sidebar opened as a page have no token:
 *   they ask nothing and take no hello.
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

/** Marked pure so the bundles that never use it (sidebar, content script) leave it out. */
export const MAIL_HOSTS: readonly string[] = /* @__PURE__ */ MAIL_ORIGINS.map((origin) => new URL(origin).hostname);
