import type { MailClient, ThreadContext } from '../../shared/thread';

/**
 * What reading a page gave: an open conversation, no conversation (inbox list, settings, search), or a
 * page that looks like a conversation but whose structure we no longer recognise.
 */
export type ReadResult =
  | { kind: 'thread'; thread: ThreadContext }
  | { kind: 'none' }
  | { kind: 'unreadable'; failedSelector: string };

/** Something whose change may mean another conversation is on screen, and how narrowly to watch it. */
export interface WatchTarget {
  element: Element;
  /** Never `subtree: true` on document.body: that re-walks the whole mailbox on every keystroke. */
  options: MutationObserverInit;
}

export interface MailAdapter {
  client: MailClient;
  /** Host names this adapter reads (exact match). */
  hosts: readonly string[];
  read(doc: Document, url: URL): ReadResult;
  /** Narrow observation targets; the watcher re-reads (debounced) when any of them changes. */
  watchTargets(doc: Document): WatchTarget[];
  /** Element the dock sits beside (its right edge), or null to dock at the window's right edge. */
  dockAnchor(doc: Document): Element | null;
  /**
   * True for a mutation inside one of the targets that cannot change which conversation is open or who
   * is in it (a message body filling in, a reply being typed), so the watcher does not re-read for it.
   */
  ignoresMutation?(record: MutationRecord): boolean;
  /**
   * The `failedSelector` of an unreadable result spelt out with the selectors it stands for, for the one
   * console.debug line; adapters whose failedSelector already lists them leave this out.
   */
  describeFailure?(failedSelector: string): string;
}

/** The interface the issue names: the open conversation, or null when none can be read. */
export function readThread(adapter: MailAdapter, doc: Document, url: URL): ThreadContext | null {
  const result = adapter.read(doc, url);
  return result.kind === 'thread' ? result.thread : null;
}
