import { isFreeMailDomain, splitEmail } from '../../shared/email';
import type { Tier } from '../../shared/domain';

/** A handle to try, and what finding it would prove. */
export interface HandleCandidate {
  handle: string;
  tier: Tier;
  evidenceKind: string;
  evidenceText: string;
}

// Handle syntax from the atproto spec: dot-separated labels of letters, digits and hyphens, at least two.
const HANDLE_PATTERN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidHandle(handle: string): boolean {
  return handle.length <= 253 && HANDLE_PATTERN.test(handle);
}

function nameSlug(name: string): string | null {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g);
  if (!words || words.length < 2) return null;
  return `${words[0]}${words[words.length - 1]}`;
}

/**
 * Domain handles for an address, per DESIGN.md §2: {local}.{domain} and {first}{last}.{domain} are the
 * person (tier A: a Bluesky handle on their own mail domain is verified by DNS or /.well-known on that
 * domain); {domain} alone is the company (tier C). Free-mail domains prove nothing and give none.
 */
export function blueskyHandleCandidates(email: string, name: string): HandleCandidate[] {
  const { local, domain } = splitEmail(email);
  if (isFreeMailDomain(domain)) return [];
  const candidates: HandleCandidate[] = [];
  const personal = new Set<string>();
  const localHandle = `${local.split('+')[0] ?? local}.${domain}`;
  personal.add(localHandle);
  const slug = nameSlug(name);
  if (slug) personal.add(`${slug}.${domain}`);
  for (const handle of personal) {
    if (!isValidHandle(handle)) continue;
    candidates.push({
      handle,
      tier: 'A',
      evidenceKind: 'domain-handle',
      evidenceText: `${handle} is a Bluesky handle on the sender's own mail domain ${domain}, which Bluesky verifies through that domain.`,
    });
  }
  if (isValidHandle(domain)) {
    candidates.push({
      handle: domain,
      tier: 'C',
      evidenceKind: 'company-domain-handle',
      evidenceText: `${domain} is the Bluesky handle of the sender's company domain.`,
    });
  }
  return candidates;
}
