/**
 * Turning one persona chip into a name and an address. Outlook shows "Name <address>" for external
 * people, sometimes only a name with the address in a `title` or `aria-label`, and for colleagues and
 * the user's own messages only a name: then the address stays null and the name is kept.
 */
import { normaliseEmail } from '../../../shared/email';
import { addressIn } from './address';
import { stripLabel } from './labels';

export interface NamedAddress {
  name: string;
  email: string | null;
}

const NAME_AND_ADDRESS = /^(.*?)\s*<\s*([^<>\s]+@[^<>\s]+?)\s*>$/;

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Separators Outlook prints between chips, and quotes some senders put round their name. */
function tidyName(name: string): string {
  return collapse(name).replace(/^[;,\s]+|[;,\s]+$/g, '').replace(/^(["'])(.*)\1$/, '$2').trim();
}

/** Text of the chip without avatar initials ("DW"), which sit inside a `role=img`. */
function visibleText(chip: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if ((node as Element).getAttribute('role') === 'img') return;
    node.childNodes.forEach(walk);
  };
  walk(chip);
  return collapse(text);
}

/** An address in the element's own or its descendants' `title` / `aria-label`. */
export function addressFromAttributes(chip: Element): string | null {
  const carriers = [chip, ...chip.querySelectorAll('[title], [aria-label]')];
  for (const element of carriers) {
    for (const attribute of ['title', 'aria-label']) {
      const email = addressIn(element.getAttribute(attribute));
      if (email) return email;
    }
  }
  return null;
}

/** A name for a chip that has no text: its avatar's label. */
function nameFromAvatar(chip: Element): string {
  const avatar = chip.matches('[role="img"][aria-label]') ? chip : chip.querySelector('[role="img"][aria-label]');
  return tidyName(avatar?.getAttribute('aria-label') ?? '');
}

/** Parse a "Name <address>", a bare address or a bare name. */
export function parsePersonText(raw: string): NamedAddress | null {
  const text = tidyName(stripLabel(collapse(raw)));
  if (!text) return null;
  const pair = NAME_AND_ADDRESS.exec(text);
  if (pair) {
    const email = normaliseEmail(pair[2]);
    if (email) return { name: tidyName(pair[1] ?? ''), email };
  }
  const bare = normaliseEmail(text);
  if (bare) return { name: '', email: bare };
  return { name: text, email: null };
}

/** Whether the chip's own text names someone (an avatar alone does not). */
export function showsPersonText(chip: Element): boolean {
  return parsePersonText(visibleText(chip)) !== null;
}

/** The person a chip shows, or null when it shows nobody (an empty or decorative element). */
export function personFromChip(chip: Element): NamedAddress | null {
  const fromText = parsePersonText(visibleText(chip));
  if (fromText?.email) return fromText;
  const name = fromText?.name || nameFromAvatar(chip);
  const email = addressFromAttributes(chip);
  if (!name && !email) return null;
  return { name, email };
}

/** A recipient line with no chips ("An: ana@example.com; Ben Ode"): split its text. */
export function peopleFromLineText(raw: string): NamedAddress[] {
  return stripLabel(collapse(raw))
    .split(';')
    .map(parsePersonText)
    .filter((person): person is NamedAddress => person !== null);
}
