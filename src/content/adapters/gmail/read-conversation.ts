import type { MessageBody } from '../../../shared/message-body';
import { BODY_LIMITS, clampBodies } from '../../../shared/body-limits';
import type { ReadResult } from '../types';
import { selfFromTitle } from './account';
import { readBody } from './bodies';
import { isInside, unionOf } from './dom-query';
import { resolveSender } from './group-sender';
import { locateConversation } from './locate';
import { readMessage, type RawMessage } from './message-reader';
import { ParticipantList } from './participants';
import { isPersonAddress } from './person-rules';
import { threadIdFromHash } from './route';
import { describeSelector, type GmailSelectorKey } from './selectors';
import { readSubject } from './subject';
import { readThreadId } from './thread-id';

/** The open conversation of a Gmail page, no conversation, or the registry key that stopped matching. */
export function readConversation(doc: Document, url: URL): ReadResult {
  const location = locateConversation(doc, url);
  if (location.kind === 'none') return { kind: 'none' };
  if (location.kind === 'unrecognised') return unreadable('conversation');
  const { conversation } = location;

  // Hidden "N older messages" have no sender in the DOM until expanded; they are not ours to read.
  const headers = unionOf(conversation, 'message').filter((header) => !isInside(header, 'hiddenMessage'));
  const subject = readSubject(conversation);
  if (subject === null && headers.length === 0) {
    // An empty container (a preview pane with nothing selected) is no conversation, unless the URL
    // says one is open.
    return threadIdFromHash(url) ? unreadable('subject') : { kind: 'none' };
  }
  if (subject === null) return unreadable('subject');
  if (headers.length === 0) return unreadable('message');
  const threadId = readThreadId(conversation, url);
  if (!threadId) return unreadable('threadId');

  const messages: RawMessage[] = [];
  for (const header of headers) {
    const message = readMessage(header);
    if (!message) return unreadable('sender');
    messages.push(message);
  }

  const self = selfFromTitle(doc.title);
  const listIds = new Set(messages.flatMap((message) => message.details?.listIds ?? []));
  const participants = new ParticipantList(self, (email) => isPersonAddress(email, listIds));
  const bodies: MessageBody[] = [];
  const firstBodyRead = messages.length - BODY_LIMITS.read;
  messages.forEach((message, index) => {
    const { sender, list } = resolveSender(message.sender, message.details, listIds);
    participants.addSender(sender, message.sentAt);
    if (list) participants.addRecipient(list, 'to');
    for (const { role, address } of message.recipients) participants.addRecipient(address, role);
    const body = index >= firstBodyRead ? readBody(headers[index] as Element, sender) : null;
    if (body) bodies.push(body);
  });

  return {
    kind: 'thread',
    thread: {
      client: 'gmail', threadId, subject, participants: participants.toParticipants(), self, bodies: clampBodies(bodies),
    },
  };
}

function unreadable(key: GmailSelectorKey): ReadResult {
  return { kind: 'unreadable', failedSelector: describeSelector(key) };
}
