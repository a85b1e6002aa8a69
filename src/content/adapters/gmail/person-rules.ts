import { isRoleAddress, splitEmail } from '../../../shared/email';

/**
 * Mailing lists: Google Groups' own domain, or an address whose `local.domain` is the List-Id Gmail
 * shows in the "mailing list:" row (custom-domain groups such as team@acme.com).
 */
export function isListAddress(email: string, listIds: ReadonlySet<string>): boolean {
  const { local, domain } = splitEmail(email);
  return domain === 'googlegroups.com' || listIds.has(`${local}.${domain}`);
}

/**
 * Services that send from per-thread addresses on a "no reply" host (widgets@noreply.github.com). The
 * shared isRoleAddress looks at the local part only; this host rule belongs there eventually.
 */
const ROLE_HOST = /^(no-?reply|do-?not-?reply|notifications?|bounces?|mailer)\./;

/** False for role addresses, mailing lists and no-reply hosts: none of them is a person to look up. */
export function isPersonAddress(email: string | null, listIds: ReadonlySet<string>): boolean {
  if (!email) return true;
  if (isRoleAddress(email) || isListAddress(email, listIds)) return false;
  return !ROLE_HOST.test(splitEmail(email).domain);
}
