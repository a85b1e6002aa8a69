import type { MailAdapter, ReadResult } from './adapters/types';

const DEBOUNCE_MS = 120;
// While the mail app is still building its DOM there is nothing narrow to observe yet; a few spaced
// re-reads cover the start. They are a fixed handful, not a loop: they end after 6.4 s, or as soon as a
// conversation has been read.
const STARTUP_RETRIES_MS = [300, 800, 1_600, 3_200, 6_400];

/** For benchmarks only: how long each observer batch and each debounced read took, in milliseconds. */
export interface WatcherProbe {
  onBatch(ms: number): void;
  onRead(ms: number): void;
}

/**
 * Notices conversation switches. Gmail routes with the hash (hashchange); Outlook with the History
 * API, whose pushState a content script cannot see (no event fires, and the Navigation API is missing
 * in some browsers), so what the watcher relies on there is what the page itself changes: the adapter's
 * narrow MutationObserver targets (Outlook: the reading pane's children and the message list's
 * selected row; Gmail: the style of each view, the open message list, the preview pane). popstate and,
 * where it exists, the Navigation API's navigatesuccess only make Back/Forward and pushState quicker to
 * notice. Every trigger is debounced into one read. It never observes the document body's subtree, never
 * polls, and ignores mutations inside Earshot's own dock.
 */
export class ThreadWatcher {
  private observer: MutationObserver | null = null;
  private observed: Element[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private leading: ReturnType<typeof setTimeout> | null = null;
  /** A trigger arrived since the last read. */
  private dirty = false;
  private startupTimers: ReturnType<typeof setTimeout>[] = [];
  private readonly onNavigate = () => this.schedule();
  private running = false;

  constructor(
    private readonly adapter: MailAdapter,
    private readonly doc: Document,
    private readonly onRead: (result: ReadResult) => void,
    private readonly isOwnNode: (node: Node) => boolean,
    private readonly probe?: WatcherProbe,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const win = this.doc.defaultView;
    win?.addEventListener('hashchange', this.onNavigate);
    win?.addEventListener('popstate', this.onNavigate);
    navigationOf(win)?.addEventListener('navigatesuccess', this.onNavigate);
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.startupTimers = STARTUP_RETRIES_MS.map((delay) => setTimeout(this.onNavigate, delay));
    this.read();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    const win = this.doc.defaultView;
    win?.removeEventListener('hashchange', this.onNavigate);
    win?.removeEventListener('popstate', this.onNavigate);
    navigationOf(win)?.removeEventListener('navigatesuccess', this.onNavigate);
    this.observer?.disconnect();
    this.observer = null;
    this.observed = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.leading) clearTimeout(this.leading);
    this.leading = null;
    this.stopStartupRetries();
  }

  private stopStartupRetries(): void {
    for (const timer of this.startupTimers) clearTimeout(timer);
    this.startupTimers = [];
  }

  /** The whole cost of a mutation batch: decide whether it matters, and at most restart one timer. */
  private onMutations(records: MutationRecord[]): void {
    const start = this.probe ? performance.now() : 0;
    if (records.some((record) => this.matters(record))) this.schedule();
    if (this.probe) this.probe.onBatch(performance.now() - start);
  }

  private matters(record: MutationRecord): boolean {
    if (this.isOwnNode(record.target)) return false;
    return !(this.adapter.ignoresMutation?.(record) ?? false);
  }

  /**
   * The first trigger after a quiet spell reads in the next task, so a switch reaches the sidebar without
   * waiting out the debounce; the debounced read then runs only if something changed after that read.
   */
  private schedule(): void {
    if (!this.running) return;
    this.dirty = true;
    const quiet = this.timer === null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.read();
    }, DEBOUNCE_MS);
    if (quiet && this.leading === null) {
      this.leading = setTimeout(() => {
        this.leading = null;
        if (this.dirty) this.read({ onlyThread: true });
      }, 0);
    }
  }

  /**
   * `onlyThread`: an early read that found no conversation keeps its answer to itself: the app may be
   * half way through drawing one, and "can't read" or "no conversation" should not flash in the sidebar.
   */
  private read(options: { onlyThread?: boolean } = {}): void {
    if (!this.running) return;
    const start = this.probe ? performance.now() : 0;
    const url = new URL(this.doc.location.href);
    const result = this.adapter.read(this.doc, url);
    if (options.onlyThread && result.kind !== 'thread') {
      if (this.probe) this.probe.onRead(performance.now() - start);
      return;
    }
    this.dirty = false;
    // A conversation read means the app has built its views: the narrow observers cover the rest.
    if (result.kind === 'thread') this.stopStartupRetries();
    this.retarget();
    if (this.probe) this.probe.onRead(performance.now() - start);
    // Last: onRead may stop the watcher (an orphaned content script shuts down there).
    this.onRead(result);
  }

  /** The adapter's targets change as the app swaps views; observe the current ones only. */
  private retarget(): void {
    if (!this.observer) return;
    const targets = this.adapter.watchTargets(this.doc);
    const same = targets.length === this.observed.length && targets.every((target, i) => target.element === this.observed[i]);
    if (same) return;
    this.observer.disconnect();
    for (const target of targets) this.observer.observe(target.element, target.options);
    this.observed = targets.map((target) => target.element);
  }
}

/** The Navigation API, where the browser has it (Chromium; not every Firefox). */
function navigationOf(win: Window | null): EventTarget | undefined {
  return (win as unknown as { navigation?: EventTarget } | null)?.navigation;
}
