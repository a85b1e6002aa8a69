/**
 * The localised words Outlook on the web puts before a header line ("From:", "Von:", "À :", …).
 *
 * Used only where the DOM has no language-independent hook: telling a To line from a Cc line, and
 * recognising the older `aria-label="From: …"` sender spans. Everything else keys on roles, ids and
 * data-* attributes (see selectors.ts).
 */
import type { ParticipantRole } from '../../../shared/thread';

/**
 * Prefixes as Outlook shows them. French puts a (narrow) no-break space before the colon; the matcher
 * below treats any whitespace, or none, before the colon alike, and ignores case.
 * Sources: outlook-web-skill ARIA map (English "From:", "To:", "Cc:"), 2026-04; DOM-NOTES and Mailvelope's
 * German mock ("Von:", "An:"), 2025; French and Spanish: the header words of those Outlook UIs as listed in
 * the adapter issue, not yet checked against a live build (written here, 2026-04). Bcc words are the same kind of
 * unchecked guess.
 */
export const HEADER_LABELS: Readonly<Record<ParticipantRole, readonly string[]>> = {
  from: ['From:', 'Von:', 'De :', 'De:'],
  to: ['To:', 'An:', 'À :', 'Para:'],
  cc: ['Cc:', 'CC:', 'Cc :'],
  bcc: ['Bcc:', 'Cci :', 'CCO:'],
};

const ROLES: readonly ParticipantRole[] = ['from', 'to', 'cc', 'bcc'];

/** Lower case, one plain space for any run of whitespace, no space before a colon. */
function fold(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ :/g, ':')
    .trimStart()
    .toLowerCase();
}

const FOLDED: ReadonlyArray<{ role: ParticipantRole; prefix: string }> = ROLES.flatMap((role) =>
  HEADER_LABELS[role].map((label) => ({ role, prefix: fold(label) })),
);

/** The header role a text starts with ("Cc : Ana" → 'cc'), or null when it starts with no known label. */
export function labelRoleOf(text: string | null | undefined): ParticipantRole | null {
  if (!text) return null;
  const folded = fold(text);
  return FOLDED.find(({ prefix }) => folded.startsWith(prefix))?.role ?? null;
}

/** The text without its leading header label, when it has one. */
export function stripLabel(text: string): string {
  const folded = fold(text);
  const hit = FOLDED.find(({ prefix }) => folded.startsWith(prefix));
  if (!hit) return text.trim();
  // The prefix ends at the first colon of the original text.
  const colon = text.indexOf(':');
  return colon < 0 ? text.trim() : text.slice(colon + 1).trim();
}

/** Attribute selectors for `aria-label`s starting with a From label, with the spacing variants Outlook uses. */
export function fromLabelSelectors(): string[] {
  const variants = new Set<string>();
  for (const label of HEADER_LABELS.from) {
    variants.add(label);
    if (label.includes(' :')) {
      variants.add(label.replace(' :', '\u00a0:'));
      variants.add(label.replace(' :', '\u202f:'));
    }
  }
  return [...variants].map((label) => `[aria-label^="${label}"]`);
}
