import { firstOf } from './dom-query';

/**
 * The subject as the user reads it. Gmail replaces emoji with images (`img[data-emoji]`, the emoji in
 * alt), so text content alone would drop them.
 */
export function readSubject(conversation: Element): string | null {
  const heading = firstOf(conversation, 'subject');
  if (!heading) return null;
  return textWithEmoji(heading).replace(/\s+/g, ' ').trim();
}

function textWithEmoji(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (element.tagName === 'IMG') return element.getAttribute('data-emoji') ?? element.getAttribute('alt') ?? '';
  let text = '';
  for (const child of Array.from(element.childNodes)) text += textWithEmoji(child);
  return text;
}
