import type { Network } from '../../shared/domain';
import { accountFromUrl, websiteRef } from './account-urls';
import type { GravatarVerifiedAccount } from './gravatar-schemas';
import type { LinkedAccount } from './source';

/** Gravatar's service_type for the networks Earshot models; Mastodon appears as "mastodon" or per instance ("mastodonsocial"). */
function networkOfService(serviceType: string): Network {
  const type = serviceType.toLowerCase();
  if (type === 'bluesky') return 'bluesky';
  if (type.startsWith('mastodon') || type === 'fediverse') return 'mastodon';
  if (type === 'github') return 'github';
  if (type === 'twitter' || type === 'x') return 'x';
  if (type === 'linkedin') return 'linkedin';
  if (type === 'hackernews') return 'hackernews';
  return 'other';
}

/**
 * A verified account as a link. Gravatar checked that the profile's owner controls it (OAuth or a
 * link back), so it is `verified`. The handle comes from the URL; when the URL does not read as the
 * service's profile page (a custom domain, a redirect), it is kept as a plain 'other' link rather than
 * guessed, so no source ever asks a network about a handle that may not be theirs.
 */
export function linkFromVerifiedAccount(account: GravatarVerifiedAccount): LinkedAccount | null {
  if (account.is_hidden) return null;
  const expected = networkOfService(account.service_type);
  const parsed = expected === 'other' ? null : accountFromUrl(account.url, { fediverse: expected === 'mastodon' });
  const ref = parsed && parsed.network === expected ? parsed : websiteRef(account.url, 'other');
  if (!ref) return null;
  const label = account.service_label?.trim() || account.service_type;
  const evidenceText = `Listed as a verified ${label} account on their Gravatar profile.`;
  return { network: ref.network, handle: ref.handle, url: ref.url, verified: true, evidenceText };
}

export function linksFromVerifiedAccounts(accounts: readonly GravatarVerifiedAccount[]): LinkedAccount[] {
  const seen = new Set<string>();
  const links: LinkedAccount[] = [];
  for (const account of accounts) {
    const link = linkFromVerifiedAccount(account);
    const key = link && `${link.network}:${link.handle.toLowerCase()}`;
    if (!link || !key || seen.has(key)) continue;
    seen.add(key);
    links.push(link);
  }
  return links;
}
