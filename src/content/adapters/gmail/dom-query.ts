import { GMAIL_SELECTORS, type GmailSelectorKey } from './selectors';

type Root = Document | Element;

/** The first element of the first alternative that matches anything, or null. */
export function firstOf(root: Root, key: GmailSelectorKey): Element | null {
  for (const selector of GMAIL_SELECTORS[key]) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** Every element of the first alternative that matches anything (alternatives are not mixed). */
export function allOf(root: Root, key: GmailSelectorKey): Element[] {
  for (const selector of GMAIL_SELECTORS[key]) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/**
 * Elements matching any alternative, in document order, keeping only the outermost of nested matches,
 * so an element found by two alternatives (or by one on a parent and one on a child) counts once.
 */
export function unionOf(root: Root, key: GmailSelectorKey): Element[] {
  const found = Array.from(root.querySelectorAll(GMAIL_SELECTORS[key].join(', ')));
  return found.filter((element) => !found.some((other) => other !== element && other.contains(element)));
}

/** True when the element or an ancestor matches an alternative of the key. */
export function isInside(element: Element, key: GmailSelectorKey): boolean {
  return GMAIL_SELECTORS[key].some((selector) => element.closest(selector) !== null);
}

/**
 * Gmail switches views by setting `display: none` inline on the `.nH` children of the view container
 * and keeps the hidden views in the DOM, so a view is on screen when no ancestor is hidden that way.
 * Inline style only: computed style would force a layout on every read.
 */
export function isShownByGmail(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if ((node as HTMLElement).style?.display === 'none') return false;
    if (node.hasAttribute('hidden')) return false;
  }
  return true;
}
