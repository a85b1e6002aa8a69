import type { MailAdapter } from '../types';
import { findShownConversation } from './locate';
import { readConversation } from './read-conversation';
import { gmailWatchTargets } from './watch';

/**
 * Gmail on the web, at mail.google.com for every account (/mail/u/N/) and delegated mailboxes
 * (/mail/b/…): the path does not change the DOM, so only the hash route is read.
 */
export const gmailAdapter: MailAdapter = {
  client: 'gmail',
  hosts: ['mail.google.com'],
  read: readConversation,
  watchTargets: gmailWatchTargets,
  // The conversation's main area; null on lists and settings, where the dock sits at the window edge.
  dockAnchor: (doc) => findShownConversation(doc)?.main ?? null,
};
