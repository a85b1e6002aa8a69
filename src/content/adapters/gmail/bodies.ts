import type { MessageBody } from '../../../shared/message-body';
import { bodyText } from '../body-text';
import type { Address } from './address';
import { firstOf } from './dom-query';

/**
 * The body of one message as the background reads it (its own words, links kept), or null when the
 * message is collapsed and Gmail has not put its body in the DOM.
 */
export function readBody(messageElement: Element, sender: Address): MessageBody | null {
  const element = firstOf(messageElement, 'body');
  if (!element) return null;
  const { text, links } = bodyText(element);
  if (text.trim() === '' && links.length === 0) return null;
  return { senderEmail: sender.email, senderName: sender.name, text, links };
}
