import { normaliseEmail } from '../../../shared/email';

/** A name and address as one `span[email]` shows them. */
export interface Address {
  name: string;
  /** Lower-cased; null when the attribute holds no address (never seen, but not trusted either). */
  email: string | null;
}

/**
 * Gmail puts the address in `email` and the display name in `name` (the visible text may be shortened
 * to a first name or to "me" in summaries).
 */
export function addressFromSpan(span: Element): Address {
  const email = normaliseEmail(span.getAttribute('email'));
  const name = (span.getAttribute('name') ?? span.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { name: name === email ? '' : name, email };
}
