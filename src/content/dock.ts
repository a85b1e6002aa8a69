import { DOCK_HELLO, type DockCommand, type DockHello, type DockRequest } from '../shared/dock-protocol';

const WIDTH_PX = 360;

/**
 * Hosts the one persistent sidebar frame in a closed shadow root, so page scripts can neither read the
 * frame's URL (which carries the channel token) nor style it. Remote data is only ever rendered inside
 * the frame, on the extension's origin.
 */
export class Dock {
  readonly host: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private readonly channel = new MessageChannel();
  private readonly token = crypto.randomUUID();
  private connected = false;
  private pending: DockCommand | null = null;
  private collapsed = false;
  private readonly toggleButton: HTMLButtonElement;

  constructor(private readonly doc: Document, sidebarUrl: string) {
    this.host = doc.createElement('earshot-dock');
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
    this.frame.addEventListener('load', () => this.connect());
    this.channel.port1.onmessage = (event: MessageEvent<DockRequest>) => this.onRequest(event.data);
    shadow.append(style, toggle, this.frame);
  }

  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  remove(): void {
    this.channel.port1.close();
    this.host.remove();
  }

  show(command: DockCommand): void {
    if (!this.connected) {
      this.pending = command;
      return;
    }
    this.channel.port1.postMessage(command);
  }

  contains(node: Node): boolean {
    return node === this.host || this.host.contains(node);
  }

  private connect(): void {
    if (this.connected) return;
    const hello: DockHello = { type: DOCK_HELLO, token: this.token };
    const origin = new URL(this.frame.src).origin;
    this.frame.contentWindow?.postMessage(hello, origin, [this.channel.port2]);
    this.connected = true;
    if (this.pending) this.show(this.pending);
    this.pending = null;
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
