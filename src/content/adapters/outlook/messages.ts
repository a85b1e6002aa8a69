/**
 * Reading each message header of the open conversation: its sender, its To/Cc/Bcc lines and its date.
 *
 * Messages are found from their sender lines, not from a message container: the sender line has stable
 * hooks (a heading holding a persona), while the containers around it are unnamed, hashed divs. Each
 * message is then the largest ancestor of its sender line that holds no other sender line.
 */
import type { ParticipantRole } from '../../../shared/thread';
import { labelRoleOf } from './labels';
import { addressFromAttributes, peopleFromLineText, personFromChip, showsPersonText, type NamedAddress } from './person';
import { allMatches, firstMatch, isWithin, outermost } from './query';
import type { OutlookSelectorKey } from './selectors';
import { parseSentDate } from './sent-date';

export type RecipientRole = Exclude<ParticipantRole, 'from'>;

export interface MessageHeader {
  sender: NamedAddress;
  recipients: Array<{ role: RecipientRole; person: NamedAddress }>;
  sentAt: string | null;
  /** The message's body element, or null for a collapsed message (Outlook renders no body for it). */
  body: Element | null;
}

export type MessagesResult =
  | { ok: true; messages: MessageHeader[] }
  | { ok: false; failedSelector: OutlookSelectorKey };

// When a recipient line's label is in a language labels.ts does not know, Outlook's fixed order decides.
const LINE_ORDER: readonly RecipientRole[] = ['to', 'cc', 'bcc'];

function recipientRoleOf(line: Element): RecipientRole | null {
  const role = labelRoleOf(line.getAttribute('aria-label')) ?? labelRoleOf(line.textContent);
  return role === 'from' ? null : role;
}

function isIgnored(element: Element, scope: Element): boolean {
  return isWithin(element, 'ignoredRegion', scope);
}

function senderLines(scope: Element): Element[] {
  const accept = (element: Element): boolean =>
    !isIgnored(element, scope) &&
    !isWithin(element, 'recipientWell', scope) &&
    !isWithin(element, 'sentTime', scope) &&
    // Without a RecipientWell (an older or newer build) a To heading looks like a From heading.
    recipientRoleOf(element) === null;
  return outermost(allMatches(scope, 'sender', accept));
}

function messageOf(line: Element, lines: readonly Element[], scope: Element): Element {
  let item = line;
  for (let parent = item.parentElement; parent && parent !== scope; parent = parent.parentElement) {
    if (lines.some((other) => other !== line && parent.contains(other))) break;
    item = parent;
  }
  return item;
}

function senderOf(line: Element): NamedAddress | null {
  // A chip with text beats the avatar beside it: the text is where "Name <address>" is.
  const chip = firstMatch(line, 'senderChip', showsPersonText) ?? firstMatch(line, 'senderChip');
  const person = personFromChip(chip ?? line);
  if (!person) return null;
  return person.email ? person : { name: person.name, email: addressFromAttributes(line) };
}

/** "+2" and similar buttons that expand a long recipient line name nobody. */
function isExpander(element: Element): boolean {
  return /^\+\s?\d+/.test((element.textContent ?? '').trim());
}

function recipientLinesOf(line: Element, item: Element, scope: Element): Element[] {
  // The well after the sender line is this message's; one before it can only be a neighbour's whose sender
  // line went unrecognised.
  const follows = (element: Element): boolean =>
    (line.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const well = firstMatch(item, 'recipientWell', (element) => !isIgnored(element, scope) && follows(element));
  if (!well) {
    return outermost(
      allMatches(item, 'recipientLine', (element) => !isIgnored(element, scope) && recipientRoleOf(element) !== null),
    );
  }
  const lines = outermost(allMatches(well, 'recipientLine'));
  if (lines.length > 0) return lines;
  return well.children.length > 0 ? [...well.children] : [well];
}

function recipientsOf(senderLine: Element, item: Element, scope: Element): MessageHeader['recipients'] {
  const recipients: MessageHeader['recipients'] = [];
  recipientLinesOf(senderLine, item, scope).forEach((line, index) => {
    const role = recipientRoleOf(line) ?? LINE_ORDER[index] ?? 'bcc';
    const chips = outermost(allMatches(line, 'recipientChip', (chip) => !isExpander(chip)));
    const people =
      chips.length > 0
        ? chips.map(personFromChip).filter((person): person is NamedAddress => person !== null)
        : peopleFromLineText(line.textContent ?? '');
    for (const person of people) recipients.push({ role, person });
  });
  return recipients;
}

function sentAtOf(item: Element, scope: Element, lang: string): string | null {
  const readable = (element: Element): string | null =>
    parseSentDate(element.textContent, lang) ?? parseSentDate(element.getAttribute('title'), lang);
  const accept = (candidate: Element): boolean => !isIgnored(candidate, scope) && readable(candidate) !== null;
  const element = firstMatch(item, 'sentTime', accept) ?? firstMatch(item, 'dateHeading', accept);
  return element ? readable(element) : null;
}

export function readMessages(scope: Element, lang: string): MessagesResult {
  const lines = senderLines(scope);
  if (lines.length === 0) return { ok: false, failedSelector: 'sender' };
  const messages: MessageHeader[] = [];
  for (const line of lines) {
    const sender = senderOf(line);
    if (!sender) continue;
    const item = messageOf(line, lines, scope);
    messages.push({
      sender, recipients: recipientsOf(line, item, scope), sentAt: sentAtOf(item, scope, lang), body: firstMatch(item, 'messageBody'),
    });
  }
  if (messages.length === 0) return { ok: false, failedSelector: 'senderChip' };
  return { ok: true, messages };
}
