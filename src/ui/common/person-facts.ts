import type { IdentityRecord, Network, PersonSignature } from '../../shared/domain';

export interface PersonFacts {
  displayName?: string;
  avatarUrl?: string;
  /** The network the avatar comes from: it loads only while that source is allowed. */
  avatarNetwork?: Network;
  description?: string;
  jobTitle?: string;
  company?: string;
  location?: string;
  /** Which of title and company came from their own email signature because no source had them. */
  fromSignature?: { jobTitle?: true; company?: true };
}

const TIER_ORDER = { A: 0, B: 1, C: 2, D: 3 } as const;

/**
 * The card's facts, from identities shown as the person only (tiers A and B, or a possible match the
 * user confirmed), strongest evidence first: a company account never lends the person its picture.
 */
export function personFacts(identities: readonly IdentityRecord[], signature?: PersonSignature): PersonFacts {
  const own = identities
    .filter((identity) => identity.verdict !== 'rejected')
    .filter((identity) => identity.tier === 'A' || identity.tier === 'B' || identity.verdict === 'confirmed')
    .sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier]);
  const facts: PersonFacts = {};
  for (const identity of own) {
    facts.displayName ??= identity.displayName;
    if (!facts.avatarUrl && identity.avatarUrl) {
      facts.avatarUrl = identity.avatarUrl;
      facts.avatarNetwork = identity.network;
    }
    facts.description ??= identity.description;
    facts.jobTitle ??= identity.profile?.jobTitle;
    facts.company ??= identity.profile?.company;
    facts.location ??= identity.profile?.location;
  }
  if (signature) fillFromSignature(facts, signature);
  return facts;
}

/** A source's title or company wins; their signature fills only what no source has. */
function fillFromSignature(facts: PersonFacts, signature: PersonSignature): void {
  const filled: NonNullable<PersonFacts['fromSignature']> = {};
  if (!facts.jobTitle && signature.title) {
    facts.jobTitle = signature.title;
    filled.jobTitle = true;
  }
  if (!facts.company && signature.company) {
    facts.company = signature.company;
    filled.company = true;
  }
  if (filled.jobTitle || filled.company) facts.fromSignature = filled;
}

export function shownAsPerson(identity: IdentityRecord): boolean {
  if (identity.verdict === 'rejected') return false;
  return identity.tier === 'A' || identity.tier === 'B' || identity.verdict === 'confirmed';
}
