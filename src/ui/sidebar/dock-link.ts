import { DOCK_HELLO, MAIL_ORIGINS, type DockCommand, type DockHello, type DockRequest } from '../../shared/dock-protocol';

/**
 * In the docked frame: accept one channel from the content script that created us. The hello must come
 * from the parent window, from a mail origin, and carry the token in our own URL; anything else a page
 * posts to this frame is ignored.
 */
export function connectToDock(
  win: Window,
  onCommand: (command: DockCommand) => void,
): { post: (request: DockRequest) => void } | null {
  const token = new URLSearchParams(win.location.hash.slice(1)).get('dock');
  if (!token) return null;
  let port: MessagePort | null = null;
  const onHello = (event: MessageEvent<unknown>) => {
    const hello = event.data as Partial<DockHello> | null;
    if (port || event.source !== win.parent || !MAIL_ORIGINS.includes(event.origin)) return;
    if (hello?.type !== DOCK_HELLO || hello.token !== token || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = (message: MessageEvent<DockCommand>) => onCommand(message.data);
    win.removeEventListener('message', onHello);
    port.postMessage({ type: 'ready' } satisfies DockRequest);
  };
  win.addEventListener('message', onHello);
  return { post: (request) => port?.postMessage(request) };
}
