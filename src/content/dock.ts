import { DOCK_HELLO, parseDockRequest, type DockCommand, type DockHello, type DockRequest } from '../shared/dock-protocol';
import type { DockVerdict, DockVerify } from '../shared/messages';

const WIDTH_PX = 360;
const HOST_TAG = 'earshot-dock';
/**
 * The frame starts listening for the hello only once its UI has rendered, which in a background tab
 * (Gmail restored at start-up, opened with a middle click) can be well after its load event: a hello
 * sent then is lost. So the hello is repeated, each time with a fresh channel, until the frame answers
 * on one; a handful of spaced attempts, and once more whenever the tab comes to the front.
 */
const HELLO_RETRIES_MS = [100, 300, 1_000, 3_000, 10_000];

/**
 * Hosts the one persistent sidebar frame in a closed shadow root, so page scripts can neither read the
 * frame's URL (which carries the channel token) nor style it. Remote data is only ever rendered inside
 * the frame, on the extension's origin.
 */
export class Dock {
  readonly host: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private readonly token = crypto.randomUUID();
  /** The port the frame answered on; null until it has. */
  private port: MessagePort | null = null;
  /** Ports offered in hellos the frame has not answered yet. */
  private offered: MessagePort[] = [];
  private helloTimer: ReturnType<typeof setTimeout> | null = null;
  private helloAttempt = 0;
  /** What the frame should show: sent on connection and after the frame reloads. */
  private current: DockCommand | null = null;
  private readonly onVisible = () => {
    if (this.doc.visibilityState === 'visible') this.sendHello();
  };
  private collapsed = false;
  private readonly toggleButton: HTMLButtonElement;
  /**
   * The only origin the hello may be delivered to: a frame navigated anywhere else never gets the port.
   * Spelled out from protocol and host because `URL.origin` is "null" for extension schemes in some
   * engines, and postMessage would throw on that.
   */
  private readonly frameOrigin: string;

  /**
   * @param stillWanted asked whenever the frame (re)loads, before a channel is offered: a content script
   *   whose extension has gone away answers false (and takes the dock away), so it never talks to a frame.
   */
  constructor(
    private readonly doc: Document,
    sidebarUrl: string,
    private readonly stillWanted: () => boolean = () => true,
  ) {
    this.host = doc.createElement(HOST_TAG);
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = `
      :host { all: initial; position: fixed; top: 0; right: 0; bottom: 0; width: ${WIDTH_PX}px; z-index: 2147483000;
        display: block; box-shadow: -2px 0 8px rgba(0,0,0,.15); background: Canvas; }
      :host([data-collapsed]) { width: 0; box-shadow: none; }
      iframe { border: 0; width: 100%; height: 100%; display: block; color-scheme: light dark; }
      button { position: absolute; top: 72px; left: -28px; width: 28px; height: 44px; border: 0; border-radius: 6px 0 0 6px;
        background: #3b5bdb; color: #fff; font: 600 14px system-ui, sans-serif; cursor: pointer; }
      button:focus-visible { outline: 3px solid #ffd43b; }`;
    const toggle = doc.createElement('button');
    this.toggleButton = toggle;
    toggle.type = 'button';
    toggle.textContent = '⟩';
    toggle.setAttribute('aria-label', 'Hide Earshot sidebar');
    toggle.addEventListener('click', () => this.toggle());
    this.frame = doc.createElement('iframe');
    this.frame.title = 'Earshot';
    this.frame.src = `${sidebarUrl}#dock=${this.token}`;
    const sidebar = new URL(sidebarUrl);
    this.frameOrigin = `${sidebar.protocol}//${sidebar.host}`;
    this.frame.addEventListener('load', () => this.connect());
    shadow.append(style, toggle, this.frame);
  }

  /**
   * Docks a content script left behind: Firefox unloads an add-on's content scripts when it is updated
   * or reloaded but leaves the nodes they added, and then injects the new version into open tabs.
   */
  static removeLeftovers(doc: Document): void {
    for (const host of Array.from(doc.querySelectorAll(HOST_TAG))) host.remove();
  }

  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  remove(): void {
    this.disconnect();
    this.host.remove();
  }

  show(command: DockCommand): void {
    this.current = command;
    this.port?.postMessage(command);
  }

  /**
   * Whether a docked frame's token is this dock's: the frame asks (through the background) before it
   * takes a channel, since a page can make a sidebar frame of its own and greet it with a token of its
   * choosing (see dock-protocol.ts).
   */
  owns(token: unknown): boolean {
    return token === this.token;
  }

  contains(node: Node): boolean {
    return node === this.host || this.host.contains(node);
  }

  /** On every load of the frame (a reload loses the old channel): offer a channel until one is taken. */
  private connect(): void {
    this.disconnect();
    if (!this.stillWanted()) return;
    this.helloAttempt = 0;
    this.doc.addEventListener('visibilitychange', this.onVisible);
    this.sendHello();
  }

  private sendHello(): void {
    if (this.port) return;
    const channel = new MessageChannel();
    const offered = channel.port1;
    // Only the frame can hold the other end (the hello is posted to the extension's origin alone), so a
    // port message needs no origin check; its shape is still checked.
    offered.onmessage = (event: MessageEvent<unknown>) => {
      const request = parseDockRequest(event.data);
      if (request) this.onAnswer(offered, request);
    };
    this.offered.push(offered);
    const hello: DockHello = { type: DOCK_HELLO, token: this.token };
    this.frame.contentWindow?.postMessage(hello, this.frameOrigin, [channel.port2]);
    if (this.helloTimer) clearTimeout(this.helloTimer);
    const delay = HELLO_RETRIES_MS[this.helloAttempt];
    this.helloAttempt += 1;
    this.helloTimer = delay === undefined ? null : setTimeout(() => this.sendHello(), delay);
  }

  /** The frame's first well-formed message on an offered port makes that port the channel. */
  private onAnswer(port: MessagePort, request: DockRequest): void {
    if (!this.port) {
      this.port = port;
      for (const other of this.offered) if (other !== port) other.close();
      this.offered = [];
      this.stopHellos();
      if (this.current) port.postMessage(this.current);
    }
    if (port === this.port) this.onRequest(request);
  }

  private stopHellos(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.doc.removeEventListener('visibilitychange', this.onVisible);
  }

  private disconnect(): void {
    this.stopHellos();
    this.port?.close();
    this.port = null;
    for (const port of this.offered) port.close();
    this.offered = [];
  }

  private onRequest(request: DockRequest): void {
    if (request.type === 'hide') this.setCollapsed(true);
  }

  /** Show or hide; the keyboard shortcut and the tab on the dock's edge both come here. */
  toggle(): void {
    this.setCollapsed(!this.collapsed);
  }

  private setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.host.toggleAttribute('data-collapsed', collapsed);
    this.toggleButton.textContent = collapsed ? '⟨' : '⟩';
    this.toggleButton.setAttribute('aria-label', collapsed ? 'Show Earshot sidebar' : 'Hide Earshot sidebar');
  }
}

/**
 * The content script's runtime.onMessage listener: only the background reaches it (a page can't). It
 * toggles the dock, and tells a docked frame, through the background, whether its token is this dock's.
 * The verdict is answered before the listener returns: the one way Chrome and Firefox both take without
 * a Promise or a held channel.
 */
export function dockMessageListener(dock: Dock) {
  return (message: unknown, _sender: unknown, sendResponse: (verdict: DockVerdict) => void): undefined => {
    const request = message as Partial<DockVerify> | { type: 'dock/toggle' } | null;
    if (request?.type === 'dock/toggle') dock.toggle();
    else if (request?.type === 'dock/verify') sendResponse({ ours: dock.owns(request.token) });
    return undefined;
  };
}
