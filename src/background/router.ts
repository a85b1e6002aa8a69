import type browser from 'webextension-polyfill';
import {
  CONTENT_SCRIPT_MESSAGES, EXTENSION_PAGE_MESSAGES, FRAMED_PAGE_MESSAGES, type Message, type MessageOf, type MessageType,
  type RejectedResponse, type ResponseOf,
} from '../shared/messages';
import { parseMessage } from '../shared/message-schemas';
import { MAIL_HOSTS } from '../shared/dock-protocol';
import type { BackgroundContext } from './context';

/** `sender` has passed `senderAllowed` for this message's type. */
export type Handler<T extends MessageType> = (
  message: MessageOf<T>, context: BackgroundContext, sender: browser.Runtime.MessageSender,
) => Promise<ResponseOf<T>>;

/** One handler per message type: a type without a handler fails the type check. */
export type HandlerMap = { [T in MessageType]: Handler<T> };

export interface SenderFacts {
  /** The sending extension's id. */
  id?: string;
  url?: string;
  /** Present when a content script, or one of our pages framed in a tab, sent it. */
  tab?: unknown;
}

/** Checks who sent a message before its shape: other extensions and web pages get nothing. */
export function senderAllowed(type: MessageType, sender: SenderFacts, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  if (CONTENT_SCRIPT_MESSAGES.has(type)) {
    return sender.tab !== undefined && url.protocol === 'https:' && MAIL_HOSTS.includes(url.hostname);
  }
  // `URL.origin` is "null" for extension schemes in some engines; protocol and host are not.
  const ownPage = `${url.protocol}//${url.host}` === ownOrigin;
  if (EXTENSION_PAGE_MESSAGES.has(type)) return ownPage;
  if (FRAMED_PAGE_MESSAGES.has(type)) return ownPage && typeof (sender.tab as { id?: unknown } | undefined)?.id === 'number';
  return false;
}

export function createRouter(handlers: HandlerMap, context: BackgroundContext, own: { id: string; origin: string }) {
  return async (raw: unknown, sender: browser.Runtime.MessageSender): Promise<unknown> => {
    const message = parseMessage(raw);
    if (!message) return reject('malformed message');
    if (!senderAllowed(message.type, sender, own.id, own.origin)) return reject(`sender may not send ${message.type}`);
    return dispatch(handlers, message, context, sender);
  };
}

function dispatch(
  handlers: HandlerMap, message: Message, context: BackgroundContext, sender: browser.Runtime.MessageSender,
): Promise<unknown> {
  const handler = handlers[message.type] as Handler<typeof message.type>;
  return handler(message as never, context, sender);
}

function reject(reason: string): RejectedResponse {
  return { rejected: true, reason };
}
