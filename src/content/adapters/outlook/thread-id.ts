/**
 * The id of the open conversation: the selected row's `data-convid` (a conversation id, stable across
 * the conversation's messages), else the Exchange ItemID in the URL (pop-outs and rows the virtual list
 * has not rendered). Outlook navigates with the History API, so the URL is current without a hash.
 */
import { firstMatch } from './query';

// /mail/id/<id>, /mail/inbox/id/<id>, /mail/0/inbox/id/<id>, /mail/deeplink/read/<id> (outlook-web-skill, DOM-NOTES)
const ITEM_PATH = /\/mail\/(?:[^/]+\/)*?(?:id|deeplink\/read)\/([^/?#]+)/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape is still a stable id for this item.
    return segment;
  }
}

/** The ItemID a URL opens, decoded, or null when the URL opens no item. */
export function itemIdFromUrl(url: URL): string | null {
  const match = ITEM_PATH.exec(url.pathname);
  const segment = match?.[1];
  return segment ? decode(segment) : null;
}

export function readThreadId(doc: Document, url: URL): string | null {
  const row = firstMatch(doc, 'selectedRow');
  const convId = row?.getAttribute('data-convid')?.trim();
  return convId || itemIdFromUrl(url);
}
