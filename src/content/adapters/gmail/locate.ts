import { allOf, isShownByGmail, unionOf } from './dom-query';
import { threadIdFromHash } from './route';
import { GMAIL_SELECTORS } from './selectors';

export interface OpenConversation {
  main: Element;
  conversation: Element;
}

/** Where the open conversation is, or why there is none. */
export type Location =
  | ({ kind: 'conversation' } & OpenConversation)
  /** A conversation seems open (URL, message headers) but no conversation selector matches. */
  | { kind: 'unrecognised' }
  | { kind: 'none' };

/**
 * Gmail keeps earlier views in the DOM with `display: none`, so a conversation counts only when it
 * is on screen. The conversation alternatives are tried in registry order inside each shown main area.
 */
export function findShownConversation(doc: Document): OpenConversation | null {
  for (const main of shownMainAreas(doc)) {
    for (const selector of GMAIL_SELECTORS.conversation) {
      const shown = Array.from(main.querySelectorAll(selector)).find(isShownByGmail);
      if (shown) return { main, conversation: shown };
    }
  }
  return null;
}

export function locateConversation(doc: Document, url: URL): Location {
  const open = findShownConversation(doc);
  if (open) return { kind: 'conversation', ...open };
  const mains = shownMainAreas(doc);
  // Loading (no main area yet), inbox lists, settings and search results are not conversations.
  if (mains.length === 0) return { kind: 'none' };
  const looksOpen =
    threadIdFromHash(url) !== null || mains.some((main) => unionOf(main, 'message').some(isShownByGmail));
  return looksOpen ? { kind: 'unrecognised' } : { kind: 'none' };
}

function shownMainAreas(doc: Document): Element[] {
  return allOf(doc, 'mainArea').filter(isShownByGmail);
}
