import type { MailAdapter, ReadResult } from './adapters/types';

const DEBOUNCE_MS = 120;
// While the mail app is still building its DOM there is nothing narrow to observe yet; a few spaced
// re-reads cover the start without a standing poll.
const STARTUP_RETRIES_MS = [300, 800, 1_600, 3_200, 6_400];

/**
 * Notices conversation switches: hash routes (Gmail), the History API (Outlook, through the Navigation
 * API where the browser has it) and narrow MutationObservers on the adapter's own targets. It never
 * observes the document body's whole subtree and ignores mutations inside Earshot's own dock.
 */
export class ThreadWatcher {
  private observer: MutationObserver | null = null;
  private observed: Element[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly startupTimers: ReturnType<typeof setTimeout>[] = [];
  private readonly onNavigate = () => this.schedule();
  private stopped = false;

  constructor(
    private readonly adapter: MailAdapter,
    private readonly doc: Document,
    private readonly onRead: (result: ReadResult) => void,
    private readonly isOwnNode: (node: Node) => boolean,
  ) {}

  start(): void {
    const win = this.doc.defaultView;
    win?.addEventListener('hashchange', this.onNavigate);
    win?.addEventListener('popstate', this.onNavigate);
    const navigation = (win as unknown as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('navigatesuccess', this.onNavigate);
    this.observer = new MutationObserver((records) => {
      if (records.every((record) => this.isOwnNode(record.target))) return;
      this.schedule();
    });
    for (const delay of STARTUP_RETRIES_MS) this.startupTimers.push(setTimeout(this.onNavigate, delay));
    this.read();
  }

  stop(): void {
    this.stopped = true;
    const win = this.doc.defaultView;
    win?.removeEventListener('hashchange', this.onNavigate);
    win?.removeEventListener('popstate', this.onNavigate);
    (win as unknown as { navigation?: EventTarget }).navigation?.removeEventListener('navigatesuccess', this.onNavigate);
    this.observer?.disconnect();
    if (this.timer) clearTimeout(this.timer);
    for (const timer of this.startupTimers) clearTimeout(timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.read();
    }, DEBOUNCE_MS);
  }

  private read(): void {
    if (this.stopped) return;
    const url = new URL(this.doc.location.href);
    this.onRead(this.adapter.read(this.doc, url));
    this.retarget();
  }

  /** The adapter's targets change as the app swaps views; observe the current ones only. */
  private retarget(): void {
    const targets = this.adapter.watchTargets(this.doc);
    const same = targets.length === this.observed.length && targets.every((target, i) => target.element === this.observed[i]);
    if (same || !this.observer) return;
    this.observer.disconnect();
    for (const target of targets) this.observer.observe(target.element, target.options);
    this.observed = targets.map((target) => target.element);
  }
}
