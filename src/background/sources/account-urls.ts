import type { Network } from '../../shared/domain';

/**
 * Turns a profile URL into the account it names: Gravatar verified accounts, GitHub social accounts and
 * blogs, Mastodon profile fields and mail signatures all hand us URLs, and the rest of Earshot works
 * with (network, handle) pairs. Pure: no request is made to find out.
 */
export interface AccountRef {
  network: Network;
  /** bluesky: the handle (or DID); mastodon: `user@instance`; github, x, hackernews: the username. */
  handle: string;
  url: string;
}

export interface AccountUrlOptions {
  /**
   * The caller knows the URL is a fediverse profile (Gravatar's service type says so), so the
   * ActivityPub form `https://{instance}/users/{user}` is read as an account too; without it that path
   * is too common on ordinary sites to mean anything.
   */
  fediverse?: boolean;
}

// Hosts whose `/@name` pages are their own kind of profile, not a Mastodon instance.
const NOT_FEDIVERSE = new Set([
  'medium.com', 'youtube.com', 'tiktok.com', 'threads.net', 'threads.com', 'substack.com', 'vimeo.com',
  'dev.to', 'hashnode.com', 'pinterest.com', 'soundcloud.com', 'flickr.com', 'behance.net', 'dribbble.com',
]);

// First path segments of github.com that are pages of GitHub, never a user.
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'contact', 'enterprise', 'events', 'explore', 'features', 'login',
  'marketplace', 'new', 'notifications', 'orgs', 'organizations', 'pricing', 'pulls', 'issues', 'search',
  'settings', 'sponsors', 'topics', 'trending', 'site', 'security', 'customer-stories', 'readme',
]);

const X_RESERVED = new Set(['home', 'i', 'intent', 'share', 'search', 'hashtag', 'explore', 'settings', 'messages', 'notifications']);

const GITHUB_LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i;
const X_USER = /^[a-z0-9_]{1,15}$/i;
const FEDI_USER = /^[a-z0-9_][a-z0-9_.-]{0,63}$/i;
const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const BLUESKY_ACTOR = /^(did:[a-z]+:[a-zA-Z0-9._:%-]+|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?)$/;
const HN_USER = /^[a-z0-9_-]{2,15}$/i;
const LINKEDIN_SLUG = /^[\p{L}\p{N}_-]{1,100}$/u;

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter((part) => part !== '').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
}

function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '');
}

/** A known site's host without the prefixes that only pick a flavour of it (www., mobile., m.). */
function siteOf(host: string): string {
  return host.replace(/^(www|mobile|m)\./, '');
}

function bluesky(parts: string[]): string | null {
  const [first, handle] = parts;
  if (first !== 'profile' || !handle || parts.length > 3) return null;
  const lower = handle.toLowerCase();
  return BLUESKY_ACTOR.test(lower) ? lower : null;
}

function github(parts: string[]): string | null {
  const [login] = parts;
  if (parts.length !== 1 || !login || GITHUB_RESERVED.has(login.toLowerCase())) return null;
  return GITHUB_LOGIN.test(login) ? login : null;
}

function x(parts: string[]): string | null {
  const [user] = parts;
  if (parts.length !== 1 || !user) return null;
  const name = user.replace(/^@/, '');
  return X_USER.test(name) && !X_RESERVED.has(name.toLowerCase()) ? name : null;
}

function linkedin(parts: string[]): string | null {
  const [kind, slug] = parts;
  if (!slug || !LINKEDIN_SLUG.test(slug)) return null;
  if (kind === 'in' || kind === 'pub') return slug.toLowerCase();
  if (kind === 'company') return `company/${slug.toLowerCase()}`;
  return null;
}

function hackernews(url: URL, parts: string[]): string | null {
  const id = url.searchParams.get('id');
  return parts.length === 1 && parts[0] === 'user' && id && HN_USER.test(id) ? id : null;
}

/** `https://{instance}/@{user}` (or `/@{user}@{home}` for a remote account shown by another instance). */
function fediverse(host: string, parts: string[], options: AccountUrlOptions): string | null {
  // The instance keeps its full name: m.example.social is an instance of its own, not example.social.
  if (NOT_FEDIVERSE.has(siteOf(host)) || !HOST.test(host)) return null;
  const [first, second] = parts;
  let user: string | undefined;
  let home = host;
  if (parts.length === 1 && first?.startsWith('@')) {
    const [name, remote] = first.slice(1).split('@');
    user = name;
    if (remote !== undefined) home = remote.toLowerCase();
  } else if (options.fediverse && parts.length === 2 && first === 'users') {
    user = second;
  }
  if (!user || !FEDI_USER.test(user) || !HOST.test(home)) return null;
  return `${user.toLowerCase()}@${home}`;
}

/**
 * The account a URL names on a network Earshot knows, or null: a repository, a post, a home page or a
 * site we do not model. Callers that still want to show the link use {@link websiteRef}.
 */
export function accountFromUrl(raw: string, options: AccountUrlOptions = {}): AccountRef | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = hostOf(url);
  const parts = segmentsOf(url);
  const href = url.href;
  const found = (network: Network, handle: string | null): AccountRef | null => (handle ? { network, handle, url: href } : null);
  switch (siteOf(host)) {
    case 'bsky.app':
    case 'staging.bsky.app':
      return found('bluesky', bluesky(parts));
    case 'github.com':
      return found('github', github(parts));
    case 'twitter.com':
    case 'x.com':
      return found('x', x(parts));
    case 'linkedin.com':
      return found('linkedin', linkedin(parts));
    case 'news.ycombinator.com':
      return found('hackernews', hackernews(url, parts));
    default:
      return found('mastodon', fediverse(host, parts, options));
  }
}

/**
 * A link to a page that is not an account we model, as an identity that is only shown: the handle is
 * the address without its scheme, so the same page listed twice is one identity.
 */
export function websiteRef(raw: string, network: 'web' | 'other'): AccountRef | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname.replace(/\/+$/, '');
  return { network, handle: `${hostOf(url)}${path}${url.search}`, url: url.href };
}
