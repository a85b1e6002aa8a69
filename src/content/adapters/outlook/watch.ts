/**
 * What to observe so the adapter is asked again when another conversation opens, as narrowly as Outlook
 * allows: never the body. Gmail and Outlook extensions that watched the whole body were what users
 * complained about (DOM-NOTES, "Navigation").
 */
import type { WatchTarget } from '../types';
import { firstMatch } from './query';
import { OUTLOOK_SELECTORS } from './selectors';

const IGNORED_REGION = OUTLOOK_SELECTORS.ignoredRegion.join(',');

export function outlookWatchTargets(doc: Document): WatchTarget[] {
  const targets: WatchTarget[] = [];
  const pane = firstMatch(doc, 'readingPane');
  if (pane && pane !== doc.body && pane !== doc.documentElement) {
    // childList only, never attributes or text. The subtree is the pane's, not the page's: switching
    // conversations re-renders deep inside the pane, while its own children may stay the same, and the
    // selected row changes before the new conversation has arrived.
    targets.push({ element: pane, options: { childList: true, subtree: true } });
  }
  const list = firstMatch(doc, 'messageList');
  if (list) {
    // The rows are the list's descendants; only their selection matters.
    targets.push({ element: list, options: { attributes: true, attributeFilter: ['aria-selected'], subtree: true } });
  }
  return targets;
}

/**
 * Children changing inside a message body (images, quoted text and link previews filling in) or inside a
 * reply being typed say nothing about who is in the conversation: the adapter skips those regions when it
 * reads, so the watcher need not read again for them. Switching conversations replaces the headers
 * around the bodies too, and the selected row's aria-selected always counts.
 */
export function outlookIgnoresMutation(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const target = record.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  return element?.closest(IGNORED_REGION) != null;
}
