import * as z from 'zod/mini';
import type { IdentifierKind } from '../../shared/domain';
import { jrdSchema, type Jrd } from './mastodon-schemas';
import { InvalidResponseError, type SourceHttp } from './source';
import { publicHostname } from './web-url';

/**
 * WebFinger (RFC 7033) for fediverse addresses: asks a domain which account `acct:user@domain` is, and
 * where that account's server (its home instance) is. A domain may serve its WebFinger itself while
 * its Mastodon runs on another host (LOCAL_DOMAIN/WEB_DOMAIN), so the instance comes from the answer's
 * links, never from the address.
 */
export interface Acct {
  user: string;
  host: string;
}

export interface WebfingerAccount {
  /** The account the domain answered with, e.g. jane@acme.com. */
  subject: Acct;
  /** The host of the account's server, where its API is. */
  instance: string;
  /** The ActivityPub actor (rel=self), which the API's `uri` must match. */
  actor: string | null;
  /** The profile page for people (rel=profile-page). */
  profilePage: string | null;
}

const USER = /^[a-z0-9_][a-z0-9_.-]{0,63}$/i;
const SELF_TYPES = ['application/activity+json', 'application/ld+json'];
const PROFILE_PAGE = 'http://webfinger.net/rel/profile-page';

/** `user@host`, `@user@host` or `acct:user@host`; null when the host is not a public DNS name. */
export function parseAcct(text: string): Acct | null {
  const match = /^(?:acct:)?@?([^@\s]+)@([^@\s/]+)$/i.exec(text.trim());
  if (!match) return null;
  const user = match[1] ?? '';
  const host = publicHostname(match[2] ?? '');
  return USER.test(user) && host ? { user, host } : null;
}

export function formatAcct(acct: Acct): string {
  return `${acct.user}@${acct.host}`;
}

export function webfingerUrl(acct: Acct): string {
  return `https://${acct.host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${formatAcct(acct)}`)}`;
}

function hostOf(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // A port is refused too: the instance is asked on https' own port only.
    return url.port === '' ? publicHostname(url.hostname) : null;
  } catch {
    return null;
  }
}

/**
 * Reads an answer about `asked`. The subject must be the address asked about, or the same user name on
 * another domain (a personal domain pointing at its owner's account). A domain that answers every
 * question with one account (a static file) would otherwise hand its owner's account to everyone.
 */
export function readJrd(jrd: Jrd, asked: Acct): WebfingerAccount | null {
  const subject = parseAcct(jrd.subject);
  if (!subject || subject.user.toLowerCase() !== asked.user.toLowerCase()) return null;
  const links = jrd.links ?? [];
  const self = links.find((link) => link.rel === 'self' && SELF_TYPES.some((type) => (link.type ?? '').startsWith(type)));
  const profile = links.find((link) => link.rel === PROFILE_PAGE);
  const actor = self?.href ?? null;
  const instance = hostOf(actor) ?? hostOf(profile?.href) ?? (jrd.aliases ?? []).map(hostOf).find((host) => host !== null) ?? null;
  if (!instance) return null;
  return { subject, instance, actor, profilePage: profile?.href ?? null };
}

function orNull(body: unknown): Jrd | null {
  const parsed = z.safeParse(jrdSchema, body);
  return parsed.success ? parsed.data : null;
}

/** Asks `acct.host`; null when it has no WebFinger, no such account, or answers something else. */
export async function webfinger(http: SourceHttp, acct: Acct, sent: IdentifierKind): Promise<WebfingerAccount | null> {
  try {
    const answer = await http.getJson(webfingerUrl(acct), sent, orNull);
    return answer.ok && answer.data ? readJrd(answer.data, acct) : null;
  } catch (error) {
    // Many company sites answer every path with an HTML page: that means "no WebFinger", not a fault.
    if (error instanceof InvalidResponseError) return null;
    throw error;
  }
}
