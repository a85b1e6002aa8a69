import type { WatchTarget } from '../types';
import { allOf, firstOf, isShownByGmail } from './dom-query';
import { findShownConversation } from './locate';

const STYLE_ONLY: MutationObserverInit = { attributes: true, attributeFilter: ['style'] };
const CHILDREN_ONLY: MutationObserverInit = { childList: true };

/**
 * What InboxSDK watches, and nothing wider (gmail.js #544/#560, InboxSDK #1088/#1098 are users'
 * complaints about body-wide observers): the style of each view under `div.aeF > div.nH`, which Gmail
 * flips on navigation; the children of the open conversation's message list, which grow when a reply
 * is sent or older messages are expanded; the preview pane in split mode, whose content is swapped.
 * Before Gmail has built its views, only the body's direct children are watched (no subtree) so the
 * watcher learns when the app has loaded; hashchange covers the rest.
 */
export function gmailWatchTargets(doc: Document): WatchTarget[] {
  const targets: WatchTarget[] = [];
  for (const container of allOf(doc, 'viewContainer')) {
    for (const view of Array.from(container.children)) {
      if (view.classList.contains('nH')) targets.push({ element: view, options: STYLE_ONLY });
    }
  }
  for (const pane of allOf(doc, 'previewPane')) {
    if (isShownByGmail(pane)) targets.push({ element: pane, options: CHILDREN_ONLY });
  }
  const open = findShownConversation(doc);
  if (open) {
    const list = firstOf(open.conversation, 'messageList');
    if (list) targets.push({ element: list, options: CHILDREN_ONLY });
  }
  if (targets.length === 0 && doc.body) targets.push({ element: doc.body, options: CHILDREN_ONLY });
  return targets;
}
