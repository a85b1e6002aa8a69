/**
 * The conversation's subject: the first heading of the reading pane that is not a header line of a
 * message (sender, recipients, date) and holds no persona. Outlook prints it twice (before and after the
 * Copilot summary); the first is enough. Labels are not consulted: a subject may well start with "To:".
 */
import { firstMatch, isWithin } from './query';

function isSubjectHeading(heading: Element, pane: Element): boolean {
  if (isWithin(heading, 'ignoredRegion', pane)) return false;
  if (isWithin(heading, 'recipientWell', pane) || isWithin(heading, 'sentTime', pane)) return false;
  if (firstMatch(heading, 'senderChip') !== null) return false;
  return (heading.textContent ?? '').trim() !== '';
}

export function readSubject(pane: Element): string {
  const heading = firstMatch(pane, 'subject', (candidate) => isSubjectHeading(candidate, pane));
  return (heading?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
