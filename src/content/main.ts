import browser, { type Runtime } from 'webextension-polyfill';
import type { Message } from '../shared/messages';
import { siteEnabled } from '../shared/site-switch';
import type { ThreadContext } from '../shared/thread';
import { clampThread } from '../shared/thread-limits';
import { adapterForHost } from './adapters/registry';
import type { MailAdapter, ReadResult } from './adapters/types';
import { Dock, dockMessageListener } from './dock';
import { ThreadWatcher } from './watcher';

/**
 * The content script: reads the open conversation through the host's adapter, tells the background and
 * the docked sidebar, and draws nothing but the dock. Every failure ends quietly: the page's console is
 * the user's, not ours.
 */
function threadKey(thread: ThreadContext): string {
  // A body that fills in after its header changes its length, so it is sent once more; what the page
  // does inside a body it already sent (images, link previews) does not change the key.
  const bodies = (thread.bodies ?? []).map((body) => [body.senderEmail, body.text.length, body.links.length]);
  return JSON.stringify([thread.threadId, thread.participants.map((p) => [p.email, p.name, p.roles, p.messageCount]), bodies]);
}

class EarshotPage {
  private readonly dock: Dock;
  private readonly watcher: ThreadWatcher;
  private lastKey = '';
  private lastUnreadable = '';
  private active = false;

  constructor(private readonly adapter: MailAdapter) {
    Dock.removeLeftovers(document);
    this.dock = new Dock(document, browser.runtime.getURL('sidebar.html'), () => this.stillConnected());
    this.watcher = new ThreadWatcher(adapter, document, (result) => this.onRead(result), (node) => this.dock.contains(node));
  }

  async start(): Promise<void> {
    const stored = await browser.storage.sync.get('settings').catch(() => ({} as Record<string, unknown>));
    browser.storage.onChanged.addListener((changes) => {
      if (changes.settings) this.apply(siteEnabled(changes.settings.newValue, this.adapter.client));
    });
    // The polyfill's types give `sendResponse` only to listeners that return true; this one answers
    // before it returns (see dockMessageListener).
    browser.runtime.onMessage.addListener(dockMessageListener(this.dock) as Runtime.OnMessageListenerNoResponse);
    this.apply(siteEnabled(stored.settings, this.adapter.client));
  }

  private apply(enabled: boolean): void {
    if (enabled === this.active) return;
    this.active = enabled;
    if (enabled) {
      this.lastKey = '';
      this.dock.mount();
      this.watcher.start();
    } else {
      this.watcher.stop();
      this.dock.remove();
    }
  }

  private onRead(result: ReadResult): void {
    // Cut off from the extension (updated, reloaded or removed under this tab): the first read after
    // that, or the dock frame's reload, is where this script notices.
    if (!extensionAlive()) {
      this.shutDown();
      return;
    }
    if (result.kind === 'thread') {
      const thread = clampThread(result.thread);
      const key = threadKey(thread);
      if (key === this.lastKey) return;
      this.lastKey = key;
      // The sidebar needs who is in the conversation, not what they wrote: bodies go to the background only.
      const { bodies: _bodies, ...shown } = thread;
      this.dock.show({ type: 'thread', thread: shown });
      this.send({ type: 'thread/opened', thread });
    } else if (result.kind === 'none') {
      if (this.lastKey === 'none') return;
      this.lastKey = 'none';
      this.dock.show({ type: 'no-thread' });
    } else {
      if (this.lastUnreadable !== result.failedSelector) {
        // The one line that tells whoever maintains the adapter which selector stopped matching.
        const selector = this.adapter.describeFailure?.(result.failedSelector) ?? result.failedSelector;
        console.debug(`[Earshot] can't read this conversation: no match for ${selector}`);
      }
      this.lastUnreadable = result.failedSelector;
      this.lastKey = 'unreadable';
      this.dock.show({ type: 'unreadable', client: this.adapter.client, failedSelector: result.failedSelector });
    }
  }

  private send(message: Message): void {
    try {
      browser.runtime.sendMessage(message).catch(() => this.shutDownIfOrphaned());
    } catch {
      this.shutDownIfOrphaned();
    }
  }

  private shutDownIfOrphaned(): void {
    if (!extensionAlive()) this.shutDown();
  }

  private stillConnected(): boolean {
    this.shutDownIfOrphaned();
    return this.active;
  }

  /** The old content script can no longer reach its extension: stop watching, take the dock away, say nothing. */
  private shutDown(): void {
    this.active = false;
    this.watcher.stop();
    this.dock.remove();
  }
}

/**
 * False once this content script is orphaned: Chromium clears runtime.id when the extension is updated,
 * reloaded or disabled (and throws "Extension context invalidated" from most calls). Firefox unloads an
 * add-on's content scripts outright, so there this code simply stops running.
 */
function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

const adapter = adapterForHost(location.hostname);
if (adapter && window.top === window) {
  new EarshotPage(adapter).start().catch(() => undefined);
}
