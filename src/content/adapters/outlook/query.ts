/** Running the selector registry: alternatives in order, first one that finds something wins. */
import { OUTLOOK_SELECTORS, type OutlookSelectorKey } from './selectors';

type Accept = (element: Element) => boolean;

const always: Accept = () => true;

/** The first accepted element of the first alternative that has one. */
export function firstMatch(root: ParentNode, key: OutlookSelectorKey, accept: Accept = always): Element | null {
  for (const selector of OUTLOOK_SELECTORS[key]) {
    for (const element of root.querySelectorAll(selector)) {
      if (accept(element)) return element;
    }
  }
  return null;
}

/**
 * Every accepted element of the first alternative that accepts any. Alternatives are not mixed: two
 * builds' markup on one page would otherwise count the same thing twice.
 */
export function allMatches(root: ParentNode, key: OutlookSelectorKey, accept: Accept = always): Element[] {
  for (const selector of OUTLOOK_SELECTORS[key]) {
    const found = [...root.querySelectorAll(selector)].filter(accept);
    if (found.length > 0) return found;
  }
  return [];
}

/** Whether the element is, or sits inside, something a registry key matches (stopping at `root`). */
export function isWithin(element: Element, key: OutlookSelectorKey, root: Element): boolean {
  const hit = element.closest(OUTLOOK_SELECTORS[key].join(','));
  return hit !== null && root.contains(hit);
}

/** Keep only elements that no other element of the list contains: a chip nested in a chip is one person. */
export function outermost(elements: readonly Element[]): Element[] {
  return elements.filter((element) => !elements.some((other) => other !== element && other.contains(element)));
}
