/**
 * Outlook on the web (outlook.live.com, outlook.office.com, outlook.office365.com,
 * outlook.cloud.microsoft): the reading pane and the pop-out read window.
 */
import { BODY_LIMITS, clampBodies } from '../../../shared/body-limits';
import type { MessageBody } from '../../../shared/message-body';
import type { ThreadContext } from '../../../shared/thread';
import { bodyText } from '../body-text';
import type { MailAdapter, ReadResult } from '../types';
import { readMessages } from './messages';
import { buildParticipants, type Sighting } from './participants';
import { firstMatch } from './query';
import { readSelf } from './self';
import { readSubject } from './subject';
import { readThreadId } from './thread-id';
import { OUTLOOK_SELECTORS } from './selectors';
import { outlookIgnoresMutation, outlookWatchTargets } from './watch';

const NONE: ReadResult = { kind: 'none' };

function read(doc: Document, url: URL): ReadResult {
  const pane = firstMatch(doc, 'readingPane');
  // An empty pane, the settings dialog or a multi-selection summary: nothing that only an open item has.
  if (!pane || !firstMatch(pane, 'conversationMarker')) return NONE;

  const result = readMessages(pane, doc.documentElement.lang);
  if (!result.ok) return { kind: 'unreadable', failedSelector: result.failedSelector };

  const threadId = readThreadId(doc, url);
  if (!threadId) return { kind: 'unreadable', failedSelector: 'selectedRow' };

  const sightings: Sighting[] = [];
  const bodies: MessageBody[] = [];
  const firstBodyRead = result.messages.length - BODY_LIMITS.read;
  for (const [index, message] of result.messages.entries()) {
    sightings.push({ person: message.sender, role: 'from', sentAt: message.sentAt });
    for (const { role, person } of message.recipients) sightings.push({ person, role });
    const body = message.body && index >= firstBodyRead ? bodyText(message.body) : null;
    if (body && (body.text.trim() !== '' || body.links.length > 0)) {
      bodies.push({ senderEmail: message.sender.email, senderName: message.sender.name, ...body });
    }
  }
  const self = readSelf(doc);
  const thread: ThreadContext = {
    client: 'outlook',
    threadId,
    subject: readSubject(pane),
    participants: buildParticipants(sightings, self),
    self: self.email,
    bodies: clampBodies(bodies),
  };
  return { kind: 'thread', thread };
}

/** "sender: [role=\"heading\"]:has(…) | …": the registry key Outlook's reader names, with its selectors. */
function describeFailure(failedSelector: string): string {
  if (!Object.hasOwn(OUTLOOK_SELECTORS, failedSelector)) return failedSelector;
  const selectors: readonly string[] = OUTLOOK_SELECTORS[failedSelector as keyof typeof OUTLOOK_SELECTORS];
  return `${failedSelector}: ${selectors.join(' | ')}`;
}

export const outlookAdapter: MailAdapter = {
  client: 'outlook',
  hosts: ['outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'outlook.cloud.microsoft'],
  read,
  watchTargets: outlookWatchTargets,
  dockAnchor: (doc) => firstMatch(doc, 'readingPane'),
  ignoresMutation: outlookIgnoresMutation,
  describeFailure,
};
