import { normaliseEmail } from '../../shared/email';
import { linksFromVerifiedAccounts } from './gravatar-accounts';
import { parseProfile, verifiedAccountSchema, type GravatarProfile } from './gravatar-schemas';
import type { IdentityDraft, Source } from './source';
import { validItems } from './validate';
import { safeWebUrl } from './web-url';

export const GRAVATAR_API = 'https://api.gravatar.com/v3';

/**
 * Gravatar's identifier for an address: SHA-256 (hex) of the trimmed, lower-cased address. Only this
 * hash leaves the browser; crypto.subtle exists in the service worker and in Node alike.
 */
export async function gravatarHash(email: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.trim().toLowerCase()));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function profileApiUrl(hash: string): string {
  return `${GRAVATAR_API}/profiles/${hash}`;
}

/** An empty text in a Gravatar answer means "not filled in". */
function filled(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The profile's own name on gravatar.com (the last part of a web profile_url), else the hash. */
function handleOf(profileUrl: string | null, hash: string): string {
  if (!profileUrl) return hash;
  try {
    const slug = new URL(profileUrl).pathname.split('/').filter(Boolean).pop();
    if (slug) return decodeURIComponent(slug);
  } catch {
    // A slug that is not valid percent-encoding still leaves the hash to name the profile by.
  }
  return hash;
}

export function identityFromProfile(profile: GravatarProfile, hash: string): IdentityDraft {
  // A profile URL that is not a web link (javascript:, data:) is not followed: gravatar.com knows the hash too.
  const profileUrl = safeWebUrl(profile.profile_url);
  const url = profileUrl ?? `https://gravatar.com/${hash}`;
  const identity: IdentityDraft = {
    network: 'gravatar',
    handle: handleOf(profileUrl, hash),
    url,
    externalId: hash,
    tier: 'A',
    evidence: [{ kind: 'gravatar-hash', text: 'The Gravatar profile registered to this exact address.', url }],
  };
  const displayName = filled(profile.display_name);
  const avatarUrl = safeWebUrl(filled(profile.avatar_url) ?? '');
  const description = filled(profile.description);
  if (displayName) identity.displayName = displayName;
  if (avatarUrl) identity.avatarUrl = avatarUrl;
  if (description) identity.description = description;
  const facts: NonNullable<IdentityDraft['profile']> = {};
  const jobTitle = filled(profile.job_title);
  const company = filled(profile.company);
  const location = filled(profile.location);
  if (jobTitle) facts.jobTitle = jobTitle;
  if (company) facts.company = company;
  if (location) facts.location = location;
  if (Object.keys(facts).length > 0) identity.profile = facts;
  const links = linksFromVerifiedAccounts(validItems(verifiedAccountSchema, profile.verified_accounts ?? []));
  if (links.length > 0) identity.links = links;
  return identity;
}

export const gravatarSource: Source = {
  id: 'gravatar',

  async resolve(person, http) {
    const email = normaliseEmail(person.email);
    if (!email) return [];
    const hash = await gravatarHash(email);
    const answer = await http.getJson(profileApiUrl(hash), 'hash', parseProfile);
    // 404 is Gravatar's "no profile for this hash"; any other refusal also means nothing to show.
    if (!answer.ok) return [];
    return [identityFromProfile(answer.data, hash)];
  },
};
