/**
 * Who is signed in, read from the page only (never looked up): the address, to leave the user out of
 * the participants and report it as `self`, and the display name, because Outlook prints the user's
 * own messages with a name and no address.
 */
import { addressIn } from './address';
import { firstMatch } from './query';

export interface SelfIdentity {
  email: string | null;
  name: string | null;
}

/** The folder tree's root names the mailbox in `data-folder-name` and `title` (Mailvelope reads both). */
function mailboxAddress(root: Element): string | null {
  return addressIn(root.getAttribute('data-folder-name')) ?? addressIn(root.getAttribute('title'));
}

/** The Microsoft 365 account control: its address line, or an address in its attributes. */
function accountAddress(control: Element): string | null {
  return (
    addressIn(control.getAttribute('title')) ??
    addressIn(control.getAttribute('aria-label')) ??
    addressIn(control.textContent)
  );
}

/** A display name: an avatar's label, an image's alt text, or the account control's name line. */
function displayName(element: Element): string {
  const raw = element.getAttribute('aria-label') ?? element.getAttribute('alt') ?? element.textContent ?? '';
  return raw.replace(/\s+/g, ' ').trim();
}

function selfEmail(doc: Document): string | null {
  const root = firstMatch(doc, 'selfMailbox', (element) => mailboxAddress(element) !== null);
  if (root) return mailboxAddress(root);
  const control = firstMatch(doc, 'selfAccount', (element) => accountAddress(element) !== null);
  return control ? accountAddress(control) : null;
}

function selfName(doc: Document): string | null {
  const element = firstMatch(doc, 'selfName', (candidate) => {
    const name = displayName(candidate);
    return name !== '' && addressIn(name) === null;
  });
  return element ? displayName(element) : null;
}

export function readSelf(doc: Document): SelfIdentity {
  return { email: selfEmail(doc), name: selfName(doc) };
}
