import browser from 'webextension-polyfill';
import type { MessageOf, MessageType, ResponseOf } from '../../shared/messages';

/** Typed request to the background. */
export async function send<T extends MessageType>(message: MessageOf<T>): Promise<ResponseOf<T>> {
  return (await browser.runtime.sendMessage(message)) as ResponseOf<T>;
}
