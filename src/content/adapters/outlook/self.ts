/**
 * Who is signed in, read from the page only (never looked up): the address, to leave the user out of
 * the participants and report it as `self`, and the display name, because Outlook prints the user's
 * own messages with a name and no address.
 */
import { addressIn } from './address';
import { OUTLOOK_SELECTORS } from './selectors';

export interface SelfIdentity {
  email: string | null;
  name: string | null;
}

/** The folder tree's root names the mailbox in `data-folder-name` and `title` (Mailvelope reads both). */
function fromMailboxRoot(doc: Document): string | null {
  for (const selector of OUTLOOK_SELECTORS.selfMailbox) {
    for (const root of doc.querySelectorAll(selector)) {
      const email = addressIn(root.getAttribute('data-folder-name')) ?? addressIn(root.getAttribute('title'));
      if (email) return email;
    }
  }
  return null;
}

/** The Microsoft 365 account control: its address line, or an address in its attributes. */
function fromAccountControl(doc: Document): string | null {
  for (const selector of OUTLOOK_SELECTORS.selfAccount) {
    const control = doc.querySelector(selector);
    if (!control) continue;
    const email =
      addressIn(control.getAttribute('title')) ??
      addressIn(control.getAttribute('aria-label')) ??
      addressIn(control.textContent);
    if (email) return email;
  }
  return null;
}

function selfName(doc: Document): string | null {
  for (const selector of OUTLOOK_SELECTORS.selfName) {
    const element = doc.querySelector(selector);
    const name = (element?.getAttribute('aria-label') ?? element?.getAttribute('alt') ?? element?.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (name && !addressIn(name)) return name;
  }
  return null;
}

export function readSelf(doc: Document): SelfIdentity {
  return { email: fromMailboxRoot(doc) ?? fromAccountControl(doc), name: selfName(doc) };
}
