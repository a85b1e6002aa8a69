import type { IdentityRecord, Tier } from '../../shared/domain';

/** The badge words from the issue: what the evidence proves, not the letter. */
export function tierBadge(identity: IdentityRecord): string {
  if (identity.verdict === 'confirmed' && identity.addedByUser) return 'Added by you';
  const labels: Record<Tier, string> = {
    A: identity.evidence.some((evidence) => evidence.kind.includes('domain')) ? 'Domain-verified' : 'Email-verified',
    B: 'Linked',
    C: 'Company',
    D: identity.verdict === 'confirmed' ? 'Confirmed by you' : 'Possible match',
  };
  return labels[identity.tier];
}

export const NETWORK_LABELS: Record<string, string> = {
  bluesky: 'Bluesky', mastodon: 'Mastodon', github: 'GitHub', gravatar: 'Gravatar', hackernews: 'Hacker News',
  web: 'Web', x: 'X', linkedin: 'LinkedIn', other: 'Link',
};
