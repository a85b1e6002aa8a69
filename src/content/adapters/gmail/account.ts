import { normaliseEmail } from '../../../shared/email';

/**
 * The signed-in address, read from the window title ("Inbox (3) - jane@acme.com - Acme Mail"), which is
 * what Mailvelope and Briskine rely on. The title's last part is the product name and the part before it
 * the account; a subject may itself contain an address, so the parts are read from the end. Delegated
 * mailboxes (/mail/b/…) show the mailbox being read there, which is the "self" of that page.
 */
export function selfFromTitle(title: string): string | null {
  const parts = title.split(/\s+[-–—]\s+/);
  for (let index = parts.length - 2; index >= 0; index -= 1) {
    const address = addressIn(parts[index] ?? '');
    if (address) return address;
  }
  return null;
}

/** The part itself, or an address inside it ("boss@acme.com (delegated)"). */
function addressIn(part: string): string | null {
  const whole = normaliseEmail(part);
  if (whole) return whole;
  const token = part.split(/[\s()<>,]+/).find((word) => word.includes('@'));
  return normaliseEmail(token);
}
