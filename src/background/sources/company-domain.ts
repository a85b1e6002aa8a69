import type { PersonRecord } from '../../shared/domain';
import { bareDomain, isFreeMailDomain, splitEmail } from '../../shared/email';
import { publicHostname } from './web-url';

/**
 * The sender's company domain, when the address has one worth asking about: not a free-mail provider
 * (gmail.com says nothing about the person), and a public DNS name (never localhost or an IP).
 */
export function companyDomain(person: PersonRecord): string | null {
  if (!person.email) return null;
  const domain = bareDomain(person.domain ?? splitEmail(person.email).domain);
  if (isFreeMailDomain(domain)) return null;
  return publicHostname(domain);
}
