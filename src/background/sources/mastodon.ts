import type { IdentityRecord } from '../../shared/domain';
import { splitEmail } from '../../shared/email';
import { companyDomain } from './company-domain';
import { htmlToText, inertText } from './html-to-text';
import { accountFromUrl, websiteRef } from './account-urls';
import { MASTODON_HTML, optedOut, statusToPost } from './mastodon-posts';
import { accountSchema, statusListSchema, statusSchema, type MastodonAccount } from './mastodon-schemas';
import { notAfter } from './post-date';
import { InvalidResponseError, type ActivityResult, type IdentityDraft, type LinkedAccount, type PostDraft, type Source, type SourceHttp } from './source';
import { validatedBy, validItems } from './validate';
import { formatAcct, parseAcct, webfinger, type Acct, type WebfingerAccount } from './webfinger';
import { publicHostname, safeWebUrl } from './web-url';

/**
 * Mastodon and the fediverse servers that speak its API. Resolving asks the sender's own mail domain
 * over WebFinger (tier A: the domain vouches for the account), then the account's home instance for the
 * profile and its rel=me-verified links. Activity reads the public statuses of an account, found by id
 * or, for handles linked from other profiles (user@instance), looked up first.
 */
const STATUS_LIMIT = 20;
// Mastodon's stand-in for "no avatar": not a photo of anyone.
const DEFAULT_AVATAR = /\/avatars\/original\/missing\.png$/;

/** The account id is only unique on its own server, so the server travels with it: `id@instance`. */
export function mastodonExternalId(id: string, instance: string): string {
  return `${id}@${instance}`;
}

function parseExternalId(externalId: string | undefined): { id: string; instance: string } | null {
  const match = /^([A-Za-z0-9_-]+)@([^@\s]+)$/.exec(externalId ?? '');
  const instance = match?.[2] ? publicHostname(match[2]) : null;
  return match?.[1] && instance ? { id: match[1], instance } : null;
}

export function lookupUrl(instance: string, user: string): string {
  return `https://${instance}/api/v1/accounts/lookup?acct=${encodeURIComponent(user)}`;
}

export function statusesUrl(instance: string, id: string): string {
  return `https://${instance}/api/v1/accounts/${encodeURIComponent(id)}/statuses?limit=${STATUS_LIMIT}&exclude_replies=false`;
}

/**
 * The local account `user` on `instance`, or null. A host that is not a Mastodon-API server (a company
 * site, Misskey) answers with HTML or another shape: that is "not here", not a fault of this source.
 */
async function lookup(http: SourceHttp, instance: string, user: string): Promise<MastodonAccount | null> {
  try {
    const answer = await http.getJson(lookupUrl(instance, user), 'handle', validatedBy(accountSchema, 'accounts/lookup'));
    if (!answer.ok || answer.data.username.toLowerCase() !== user.toLowerCase()) return null;
    return answer.data;
  } catch (error) {
    if (error instanceof InvalidResponseError) return null;
    throw error;
  }
}

/** The API's account must be the actor WebFinger named; otherwise the lookup found someone else. */
function isActor(account: MastodonAccount, found: WebfingerAccount): boolean {
  return !found.actor || !account.uri || account.uri === found.actor;
}

/** Profile fields whose link the instance verified (the page links back with rel="me"): tier B. */
function verifiedLinks(account: MastodonAccount, handle: string): LinkedAccount[] {
  const links: LinkedAccount[] = [];
  for (const field of account.fields ?? []) {
    if (!field.verified_at) continue;
    const url = htmlToText(field.value).links[0]?.url ?? safeWebUrl(field.value);
    if (!url) continue;
    const target = accountFromUrl(url) ?? websiteRef(url, 'web');
    if (!target || (target.network === 'mastodon' && target.handle.toLowerCase() === handle.toLowerCase())) continue;
    links.push({
      network: target.network,
      handle: target.handle,
      url,
      verified: true,
      evidenceText: `${handle}'s server checked that ${url} (profile field "${field.name}") links back to the profile with rel="me".`,
    });
  }
  return links;
}

/** What the instance says about the account, for the identity that stands for it. */
function profileFacts(account: MastodonAccount, instance: string): NonNullable<ActivityResult['identity']> {
  const facts: NonNullable<ActivityResult['identity']> = { externalId: mastodonExternalId(account.id, instance) };
  const displayName = inertText(account.display_name?.trim() ?? '');
  if (displayName) facts.displayName = displayName;
  const avatar = safeWebUrl(account.avatar ?? '');
  if (avatar && !DEFAULT_AVATAR.test(avatar)) facts.avatarUrl = avatar;
  const note = htmlToText(account.note ?? '', MASTODON_HTML).text;
  if (note) facts.description = note;
  return facts;
}

function identityFrom(asked: Acct, found: WebfingerAccount, account: MastodonAccount | null): IdentityDraft {
  const handle = formatAcct(found.subject);
  const sameAddress = handle.toLowerCase() === formatAcct(asked).toLowerCase();
  const url = safeWebUrl(account?.url ?? '') ?? safeWebUrl(found.profilePage ?? '') ?? `https://${found.instance}/@${found.subject.user}`;
  const identity: IdentityDraft = {
    network: 'mastodon',
    handle,
    url,
    tier: 'A',
    evidence: [{
      kind: 'webfinger-own-domain',
      text: sameAddress
        ? `${asked.host}, the sender's own mail domain, answers WebFinger for ${handle}: a fediverse account on their own domain.`
        : `${asked.host}, the sender's own mail domain, points ${formatAcct(asked)} to the fediverse account ${handle} (WebFinger).`,
      url,
    }],
  };
  if (!account) return identity;
  Object.assign(identity, profileFacts(account, found.instance));
  if (optedOut(account)) {
    identity.evidence.push({
      kind: 'no-index',
      text: `${handle} asked not to be indexed (Mastodon's noindex / indexable settings), so Earshot does not show their posts.`,
      url,
    });
  }
  const links = verifiedLinks(account, handle);
  if (links.length > 0) identity.links = links;
  return identity;
}

interface AccountToRead {
  instance: string;
  id: string;
  account: MastodonAccount | null;
}

/** Where an identity's statuses are: its stored id, else a lookup on its server (found by WebFinger). */
async function accountToRead(identity: IdentityRecord, http: SourceHttp): Promise<AccountToRead | null> {
  const known = parseExternalId(identity.externalId);
  if (known) return { ...known, account: null };
  const acct = parseAcct(identity.handle);
  if (!acct) return null;
  const direct = await lookup(http, acct.host, acct.user);
  if (direct) return { instance: acct.host, id: direct.id, account: direct };
  // The handle's domain may only serve WebFinger, with the server elsewhere.
  const found = await webfinger(http, acct, 'handle');
  if (!found || found.instance === acct.host) return null;
  const account = await lookup(http, found.instance, found.subject.user);
  return account && isActor(account, found) ? { instance: found.instance, id: account.id, account } : null;
}

async function readStatuses(http: SourceHttp, target: AccountToRead): Promise<PostDraft[]> {
  if (target.account && optedOut(target.account)) return [];
  const answer = await http.getJson(statusesUrl(target.instance, target.id), 'id', validatedBy(statusListSchema, 'account statuses'));
  if (!answer.ok) return [];
  const statuses = validItems(statusSchema, answer.data);
  // Each status carries its author's current settings: an opt-out since the lookup still holds.
  if (statuses.some((status) => status.account.id === target.id && optedOut(status.account))) return [];
  return statuses.flatMap((status) => statusToPost(status, target.instance) ?? []);
}

export const mastodonSource: Source = {
  id: 'mastodon',
  activityNetwork: 'mastodon',
  needsHostPermission: true,

  async resolve(person, http) {
    const domain = companyDomain(person);
    if (!domain || !person.email) return [];
    const local = splitEmail(person.email).local.split('+')[0] ?? '';
    const asked = parseAcct(`${local}@${domain}`);
    if (!asked) return [];
    // acct:local@domain is the address itself, sent only to the domain it belongs to: logged as such.
    const found = await webfinger(http, asked, 'address');
    if (!found) return [];
    const account = await lookup(http, found.instance, found.subject.user);
    // Without a matching API account the WebFinger answer still proves the account exists.
    return [identityFrom(asked, found, account && isActor(account, found) ? account : null)];
  },

  async fetchActivity(identity, http, context): Promise<PostDraft[] | ActivityResult> {
    const target = await accountToRead(identity, http);
    if (!target) return [];
    const posts = notAfter(await readStatuses(http, target), context.now());
    if (!target.account) return posts;
    // A handle linked from another profile had only its name: the lookup gives the rest, its id (so the
    // next read skips the lookup) and its rel=me-verified links (a link back makes a claim tier B).
    return { posts, identity: profileFacts(target.account, target.instance), links: verifiedLinks(target.account, identity.handle) };
  },
};
