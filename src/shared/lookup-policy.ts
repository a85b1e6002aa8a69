import { isRoleAddress, splitEmail } from './email';
import type { Settings } from './settings';
import type { Participant } from './thread';

/** Why a participant is not looked up. The background enforces it; the sidebar explains it. */
export type SkipReason = 'self' | 'no-address' | 'not-a-person' | 'colleague' | 'excluded' | 'not-vip';

function normalisedList(list: readonly string[]): string[] {
  return list.map((entry) => entry.trim().toLowerCase().replace(/^@/, '')).filter((entry) => entry !== '');
}

function domainListed(domain: string, list: readonly string[]): boolean {
  return normalisedList(list).some((entry) => !entry.includes('@') && (domain === entry || domain.endsWith(`.${entry}`)));
}

export function skipReason(participant: Pick<Participant, 'email' | 'isPerson'>, self: string | null, settings: Settings): SkipReason | null {
  const email = participant.email?.trim().toLowerCase() ?? null;
  if (email && self && email === self.trim().toLowerCase()) return 'self';
  if (!email) return 'no-address';
  if (!participant.isPerson || isRoleAddress(email)) return 'not-a-person';
  const { domain } = splitEmail(email);
  if (domainListed(domain, settings.myDomains)) return 'colleague';
  if (normalisedList(settings.exclusions).includes(email) || domainListed(domain, settings.exclusions)) return 'excluded';
  if (settings.vipOnly && !normalisedList(settings.vips).includes(email)) return 'not-vip';
  return null;
}
