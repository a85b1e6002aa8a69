import browser from 'webextension-polyfill';
import type { DockVerify, MessageOf, ResponseOf } from '../../shared/messages';
import type { Handler } from '../router';

/** Delivers a message to the content script of one tab's top frame and returns its answer. */
export type AskTopFrame = (tabId: number, message: DockVerify) => Promise<unknown>;

const askTopFrame: AskTopFrame = (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });

/**
 * The docked frame asks whether its token is its dock's. Only the content script of the tab the frame
 * sits in (the router checked the sender names one) can say: it made the dock and its token. A page
 * that frames a sidebar of its own can choose the token in its URL and greet it, but cannot answer
 * here: the question goes through the extension's messaging to our content script, which it can't forge.
 * No content script there (not a mail tab, site switched off, add-on updated under it), or any other
 * answer: not ours.
 */
export function createDockVerify(ask: AskTopFrame = askTopFrame): Handler<'dock/verify'> {
  return async (message: MessageOf<'dock/verify'>, _context, sender): Promise<ResponseOf<'dock/verify'>> => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ours: false };
    const answer = await ask(tabId, { type: 'dock/verify', token: message.token }).catch(() => null);
    return { ours: (answer as { ours?: unknown } | null)?.ours === true };
  };
}
