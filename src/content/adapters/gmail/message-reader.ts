import type { ParticipantRole } from '../../../shared/thread';
import { addressFromSpan, type Address } from './address';
import { readDetails, type MessageDetails } from './details-table';
import { allOf, firstOf } from './dom-query';
import { parseGmailDate } from './message-date';

/** One message of the conversation as its header shows it. */
export interface RawMessage {
  sender: Address;
  recipients: Array<{ role: Exclude<ParticipantRole, 'from'>; address: Address }>;
  details: MessageDetails | null;
  /** ISO time, or null when the title is missing or in a form we do not parse. */
  sentAt: string | null;
}

/**
 * Reads one visible message header; null when it has no sender, which means Gmail changed its markup.
 * Collapsed messages show only the sender and date, so their recipients are simply not known here.
 */
export function readMessage(header: Element): RawMessage | null {
  const senderSpan = firstOf(header, 'sender');
  if (!senderSpan) return null;
  const details = readDetails(header);
  const dateTitle = firstOf(header, 'date')?.getAttribute('title') ?? '';
  return {
    sender: addressFromSpan(senderSpan),
    recipients: recipientsOf(header, details),
    details,
    sentAt: dateTitle ? parseGmailDate(dateTitle) : null,
  };
}

/**
 * The details table separates To, Cc and Bcc; the summary line ("to me, Leo") does not, so without the
 * table everyone there counts as To.
 */
function recipientsOf(header: Element, details: MessageDetails | null): RawMessage['recipients'] {
  if (details && details.to.length + details.cc.length + details.bcc.length > 0) {
    return [
      ...details.to.map((address) => ({ role: 'to' as const, address })),
      ...details.cc.map((address) => ({ role: 'cc' as const, address })),
      ...details.bcc.map((address) => ({ role: 'bcc' as const, address })),
    ];
  }
  return allOf(header, 'recipientSummary').map((span) => ({ role: 'to' as const, address: addressFromSpan(span) }));
}
