import { addressFromSpan, type Address } from './address';
import { allOf, firstOf } from './dom-query';

/** What the "show details" table of one message says, row by row. */
export interface MessageDetails {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  /** List-Id values of the "mailing list:" row ("platform-guild.googlegroups.com"). */
  listIds: string[];
}

type RowKind = keyof MessageDetails | 'from';

/**
 * Row labels as Gmail writes them in English. They are localised and no public code lists the other
 * languages, so a row in another language is skipped and the caller falls back to the summary line.
 */
const LABELS: Readonly<Record<string, RowKind>> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  bcc: 'bcc',
  'reply-to': 'replyTo',
  'reply to': 'replyTo',
  'mailing list': 'listIds',
};

/** The parsed table, or null when the message has none (details not opened) or none of its rows read. */
export function readDetails(header: Element): MessageDetails | null {
  const rows = allOf(header, 'recipientDetailsRow');
  if (rows.length === 0) return null;
  const details: MessageDetails = { to: [], cc: [], bcc: [], replyTo: [], listIds: [] };
  let recognised = 0;
  for (const row of rows) {
    const labelCell = firstOf(row, 'recipientDetailsLabel');
    const kind = labelCell ? LABELS[normaliseLabel(labelCell.textContent ?? '')] : undefined;
    if (!kind || !labelCell) continue;
    recognised += 1;
    if (kind === 'from') continue;
    const spans = Array.from(row.querySelectorAll('span[email]')).filter((span) => !labelCell.contains(span));
    if (kind === 'listIds') details.listIds.push(...listIdsIn(row, labelCell));
    else details[kind].push(...spans.map(addressFromSpan));
  }
  return recognised > 0 ? details : null;
}

function normaliseLabel(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').trim().replace(/\s*:$/, '').toLowerCase();
}

/** "<platform-guild.googlegroups.com>" or a bare list id, and any address the row shows. */
function listIdsIn(row: Element, labelCell: Element): string[] {
  const ids: string[] = [];
  for (const span of Array.from(row.querySelectorAll('span[email]'))) {
    const email = addressFromSpan(span).email;
    if (email && !labelCell.contains(span)) ids.push(email.replace('@', '.'));
  }
  // Addresses are dropped from the text first so their domain part is not taken for a list id.
  const text = (row.textContent ?? '').replace(labelCell.textContent ?? '', ' ').replace(/\S+@\S+/g, ' ');
  for (const match of text.matchAll(/<?([a-z0-9][a-z0-9._-]*\.[a-z0-9.-]+[a-z0-9])>?/gi)) {
    if (match[1] && !match[1].includes('@')) ids.push(match[1].toLowerCase());
  }
  return ids;
}
