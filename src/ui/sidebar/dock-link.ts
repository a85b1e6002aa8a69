import * as z from 'zod/mini';
import { DOCK_HELLO, MAIL_ORIGINS, type DockCommand, type DockHello, type DockRequest } from '../../shared/dock-protocol';
import type { ThreadContext } from '../../shared/thread';
import { send } from '../common/send';

const MAX_SELECTOR_CHARS = 200;
const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * What the frame shows of a conversation: who is in it. The same limits as the background's check of
 * `thread/opened` (shared/message-schemas.ts), written out here because that module, with every
 * message's schema, would cost the sidebar 1.5 KB gzip; message bodies are the background's alone.
 */
const client = z.enum(['gmail', 'outlook']);
const threadSchema = z.object({
  client,
  threadId: text(512),
  subject: text(2_000),
  participants: z.array(z.object({
    name: text(320),
    email: z.nullable(text(320)),
    roles: z.array(z.enum(['from', 'to', 'cc', 'bcc'])).check(z.maxLength(4)),
    messageCount: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
    isPerson: z.boolean(),
    lastMessageAt: z.optional(z.nullable(text(64))),
  })).check(z.maxLength(500)),
  self: z.nullable(text(320)),
});

// By the same parts as a thread, which costs the sidebar less than checking it by hand.
const unreadableSchema = z.object({ client, failedSelector: text(MAX_SELECTOR_CHARS) });

/** A command from the content script, or null for anything else. */
export function parseDockCommand(value: unknown): DockCommand | null {
  // A primitive has no `type` and falls to the default: no check of its own needed.
  const command = value as Record<string, unknown> | null | undefined;
  switch (command?.type) {
    case 'no-thread':
      return { type: 'no-thread' };
    case 'unreadable': {
      const parsed = z.safeParse(unreadableSchema, command);
      return parsed.success ? { type: 'unreadable', ...parsed.data } : null;
    }
    case 'thread': {
      const parsed = z.safeParse(threadSchema, command.thread);
      return parsed.success ? { type: 'thread', thread: parsed.data as ThreadContext } : null;
    }
    default:
      return null;
  }
}

/** A hello this frame may take: from its parent on a mail origin, with our token and one port. */
function helloPort(event: MessageEvent<unknown>, win: Window, token: string): MessagePort | null {
  if (event.source !== win.parent || !MAIL_ORIGINS.includes(event.origin)) return null;
  // A primitive has no `type`: reading it is safe, and it never matches.
  const hello = event.data as Partial<DockHello> | null | undefined;
  if (hello?.type !== DOCK_HELLO || hello.token !== token) return null;
  return event.ports.length === 1 ? event.ports[0] ?? null : null;
}

/** Asks our content script, through the background, whether `token` is the one it put in our URL. */
const askContentScript = (token: string): Promise<boolean> =>
  send({ type: 'dock/verify', token }).then((verdict) => verdict?.ours === true, () => false);

/**
 * In the docked frame: accept one channel, once per page load, from the content script that created
 * us (see dock-protocol.ts for who checks what). No token in our URL: not docked. (Opened as a page
 * of its own, our parent is ourselves, on the extension's origin: no hello passes the origin check.)
 * A hello is taken only once that content script has confirmed our token: a frame a mail page made
 * itself, and greets with the token it chose, stays waiting.
 */
export function connectToDock(
  win: Window,
  onCommand: (command: DockCommand) => void,
  verify: (token: string) => Promise<boolean> = askContentScript,
): { post: (request: DockRequest) => void } | null {
  const token = new URLSearchParams(win.location.hash.slice(1)).get('dock');
  if (!token) return null;
  // Asked at once, alongside the first render and the wait for the hello, not after them.
  const ours = verify(token);
  let port: MessagePort | null = null;
  const onHello = (event: MessageEvent<unknown>) => {
    const offered = helloPort(event, win, token);
    if (!offered) return;
    win.removeEventListener('message', onHello);
    void ours.then((yes) => {
      if (!yes) return;
      port = offered;
      port.onmessage = (message: MessageEvent<unknown>) => {
        const command = parseDockCommand(message.data);
        if (command) onCommand(command);
      };
      port.postMessage({ type: 'ready' } satisfies DockRequest);
    });
  };
  win.addEventListener('message', onHello);
  return { post: (request) => port?.postMessage(request) };
}
