import type { IdentityRecord } from '../../shared/domain';
import { normaliseEmail } from '../../shared/email';
import { accountFromUrl, websiteRef } from './account-urls';
import { postsFromEvents } from './github-events';
import { notAfter } from './post-date';
import {
  eventSchema, listSchema, searchCommitSchema, searchSchema, searchUserSchema, socialAccountSchema, userSchema,
  type GithubSocialAccount, type GithubUser,
} from './github-schemas';
import type { ActivityResult, HttpResult, IdentityDraft, LinkedAccount, Source, SourceHttp } from './source';
import { validatedBy, validItems } from './validate';

export const GITHUB_API = 'https://api.github.com';

const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i;

/**
 * GitHub answers a keyless client that spent its budget, or tripped its secondary limit, with 403. The
 * HTTP layer turns the first kind into a wait; any 403 it lets through is still a refusal, never
 * "nothing public", so it fails the job and the sidebar says GitHub failed.
 */
export class GithubRefusedError extends Error {
  constructor(path: string) {
    super(`GitHub refused ${path} (HTTP 403), most likely its rate limit`);
    this.name = 'GithubRefusedError';
  }
}

function refusedIf403<T>(answer: HttpResult<T>, path: string): HttpResult<T> {
  if (!answer.ok && answer.status === 403) throw new GithubRefusedError(path);
  return answer;
}

// ---- resolve: search by address (only when the user turned it on: it sends the address itself) ----

function commitSearchUrl(email: string): string {
  return `${GITHUB_API}/search/commits?q=${encodeURIComponent(`author-email:${email}`)}`;
}

function userSearchUrl(email: string): string {
  return `${GITHUB_API}/search/users?q=${encodeURIComponent(email)}+in:email`;
}

function isPersonAccount(type: string | undefined): boolean {
  return type === undefined || type === 'User';
}

/** Accounts whose commits carry this exact author address (GitHub maps an address to one account). */
async function byCommitAuthor(email: string, http: SourceHttp): Promise<IdentityDraft[]> {
  const answer = refusedIf403(await http.getJson(commitSearchUrl(email), 'address', validatedBy(searchSchema, 'commit search')), '/search/commits');
  if (!answer.ok) return [];
  const found = new Map<string, IdentityDraft>();
  for (const item of validItems(searchCommitSchema, answer.data.items)) {
    const account = item.author;
    if (!account || !isPersonAccount(account.type) || found.has(account.login.toLowerCase())) continue;
    if (item.commit.author?.email?.toLowerCase() !== email) continue;
    const identity: IdentityDraft = {
      network: 'github',
      handle: account.login,
      url: account.html_url,
      externalId: String(account.id),
      tier: 'A',
      evidence: [{ kind: 'github-commit-email', text: 'Commits authored with this address are linked to this GitHub account.', url: item.html_url }],
    };
    if (account.avatar_url) identity.avatarUrl = account.avatar_url;
    found.set(account.login.toLowerCase(), identity);
  }
  return [...found.values()];
}

/**
 * The account whose public email is this address. Search results do not show the email, so only a
 * single match is taken: several mean the query matched something looser than the whole address.
 */
async function byPublicEmail(email: string, http: SourceHttp): Promise<IdentityDraft[]> {
  const answer = refusedIf403(await http.getJson(userSearchUrl(email), 'address', validatedBy(searchSchema, 'user search')), '/search/users');
  if (!answer.ok || answer.data.total_count !== 1) return [];
  const [account] = validItems(searchUserSchema, answer.data.items);
  if (!account || !isPersonAccount(account.type)) return [];
  const identity: IdentityDraft = {
    network: 'github',
    handle: account.login,
    url: account.html_url,
    externalId: String(account.id),
    tier: 'A',
    evidence: [{ kind: 'github-public-email', text: 'The public email on this GitHub profile matches this address.', url: account.html_url }],
  };
  if (account.avatar_url) identity.avatarUrl = account.avatar_url;
  return [identity];
}

// ---- activity: the profile, the accounts it lists, and public events ----

/** An activity answer whose links are always a list (possibly empty). */
export type GithubActivity = ActivityResult & { links: LinkedAccount[] };
function filled(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\r\n?/g, '\n').trim();
  return trimmed ? trimmed : undefined;
}

export function identityFromUser(user: GithubUser): NonNullable<GithubActivity['identity']> {
  const identity: NonNullable<GithubActivity['identity']> = { externalId: String(user.id) };
  const name = filled(user.name);
  const avatar = filled(user.avatar_url);
  const bio = filled(user.bio);
  const company = filled(user.company);
  const location = filled(user.location);
  if (name) identity.displayName = name;
  if (avatar) identity.avatarUrl = avatar;
  if (bio) identity.description = bio;
  if (company || location) identity.profile = { ...(company ? { company } : {}), ...(location ? { location } : {}) };
  return identity;
}

/** A blog field is often written without a scheme ("nvie.com"). */
function asUrl(value: string): string {
  return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

/**
 * Accounts the profile lists: social accounts, the X username field and the blog. GitHub checks none of
 * them, so they are claims (`verified: false`); one the person already has from elsewhere is a link
 * back, which only the caller that knows the person's identities can tell.
 */
export function linksFromUser(user: GithubUser, social: readonly GithubSocialAccount[]): LinkedAccount[] {
  const links: LinkedAccount[] = [];
  const add = (ref: { network: LinkedAccount['network']; handle: string; url: string } | null, evidenceText: string) => {
    if (!ref || links.some((link) => link.network === ref.network && link.handle.toLowerCase() === ref.handle.toLowerCase())) return;
    links.push({ ...ref, verified: false, evidenceText });
  };
  for (const account of social) {
    const fediverse = account.provider === 'mastodon' || account.provider === 'hometown';
    add(accountFromUrl(account.url, { fediverse }) ?? websiteRef(account.url, 'other'), 'Listed as a social account on their GitHub profile.');
  }
  const x = filled(user.twitter_username);
  if (x) add({ network: 'x', handle: x, url: `https://x.com/${encodeURIComponent(x)}` }, 'The X account named on their GitHub profile.');
  const blog = filled(user.blog);
  if (blog) add(accountFromUrl(asUrl(blog)) ?? websiteRef(asUrl(blog), 'web'), 'The website on their GitHub profile.');
  return links;
}

/** Three requests: the profile, its social accounts, its public events. An unknown login stops at the first. */
export async function fetchGithubActivity(identity: IdentityRecord, http: SourceHttp, now = Date.now()): Promise<GithubActivity> {
  const login = identity.handle;
  if (!LOGIN.test(login)) return { posts: [], links: [] };
  const base = `${GITHUB_API}/users/${encodeURIComponent(login)}`;
  const user = refusedIf403(await http.getJson(base, 'handle', validatedBy(userSchema, 'user')), '/users');
  if (!user.ok) return { posts: [], links: [] };
  const social = refusedIf403(await http.getJson(`${base}/social_accounts`, 'handle', validatedBy(listSchema, 'social accounts')), '/users/social_accounts');
  const events = refusedIf403(await http.getJson(`${base}/events/public`, 'handle', validatedBy(listSchema, 'public events')), '/users/events/public');
  return {
    posts: events.ok ? notAfter(postsFromEvents(validItems(eventSchema, events.data), user.data.login), now) : [],
    identity: identityFromUser(user.data),
    links: linksFromUser(user.data, social.ok ? validItems(socialAccountSchema, social.data) : []),
  };
}

export const githubSource: Source = {
  id: 'github',
  activityNetwork: 'github',

  async resolve(person, http, { settings }) {
    // Both searches send the address itself: never without the user's own switch.
    const email = normaliseEmail(person.email);
    if (!settings.githubEmailSearch || !email) return [];
    // Within the 10 searches a minute: the second search only when the first found nothing.
    const byCommits = await byCommitAuthor(email, http);
    return byCommits.length > 0 ? byCommits : byPublicEmail(email, http);
  },

  fetchActivity: (identity, http, context) => fetchGithubActivity(identity, http, context.now()),
};
