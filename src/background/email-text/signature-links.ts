/**
 * The website, profiles and a tel: phone of a signature, from the links whose text stands inside the
 * block and the URLs written in it: a link in the message above the block does not count.
 */
import type { MessageBody, Signature, SignatureProfile } from '../../shared/message-body';
import { classifyUrl, urlsWritten } from './profiles';
import { compact, domainLabel, sameOrganisation } from './roles';
import type { SignatureBlock } from './signature-block';

/** Who sent the message, for telling their own sites and names apart. */
export interface SignatureContext {
  sender: ReadonlySet<string>;
  /** The organisation part of the sender's mail domain, null for free mail. */
  domain: string | null;
}

interface Found {
  at: number;
  href: string;
  /** A tel: link's visible number. */
  phone?: string;
}

/** Website, profiles and a phone from the links inside the block and the URLs written in it, in block order. */
export function readLinks(body: MessageBody, lines: readonly string[], block: SignatureBlock, signature: Signature, context: SignatureContext): void {
  const raw = body.text.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of raw) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const from = offsets[block.start] ?? 0;
  const to = (offsets[block.end - 1] ?? 0) + (raw[block.end - 1]?.length ?? 0);
  const found: Found[] = [];
  linkPositions(body).forEach((at, n) => {
    const link = body.links[n];
    if (!link || at === null || at < from || at > to) return;
    found.push(link.href.startsWith('tel:') ? { at, href: link.href, phone: link.text } : { at, href: link.href });
  });
  for (let i = block.start; i < block.end; i++) {
    const written = raw[i] ?? '';
    const lead = written.length - written.trimStart().length;
    for (const url of urlsWritten(lines[i] ?? '')) found.push({ at: (offsets[i] ?? 0) + lead + url.at, href: url.href });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  for (const item of found) {
    if (item.href.startsWith('tel:')) {
      if (!signature.phone) signature.phone = /\d/.test(item.phone ?? '') ? (item.phone ?? '').trim() : item.href.slice(4);
      continue;
    }
    const kind = classifyUrl(item.href);
    if (!kind) continue;
    if (kind.kind === 'profile') {
      addProfile(kind.profile, seen, signature);
      continue;
    }
    signature.website ??= kind.url;
    if (personalSite(kind.host, signature, context)) addProfile({ network: 'web', url: kind.url }, seen, signature);
  }
}

function addProfile(profile: SignatureProfile, seen: Set<string>, signature: Signature): void {
  const key = `${profile.network}:${(profile.handle ?? profile.url.replace(/^https?:\/\/(?:www\.)?/i, '').replace(/\/$/, '')).toLowerCase()}`;
  if (seen.has(key)) return;
  seen.add(key);
  signature.profiles.push(profile);
}

/**
 * A site that is the sender's own rather than their employer's: its domain carries the sender's name,
 * or it is neither the sender's mail domain nor the signature's company.
 */
function personalSite(host: string, signature: Signature, context: SignatureContext): boolean {
  const label = domainLabel(host);
  if (!label) return false;
  const key = compact(label);
  if ([...context.sender].some((token) => token.length >= 3 && key.includes(compact(token)))) return true;
  if (context.domain && compact(context.domain) === key) return false;
  return !(signature.company && sameOrganisation(signature.company, label));
}

/**
 * Where each link's text stands in the body text, matched in order so that a text written twice (in the
 * message and again in the signature) is found at the right place. A link with no text (an image without
 * alt) takes the place of the nearest located link before it, or after it when none is before.
 */
function linkPositions(body: MessageBody): (number | null)[] {
  const flat = body.text.replace(/\n/g, ' ');
  const positions: (number | null)[] = [];
  let cursor = 0;
  for (const link of body.links) {
    const text = link.text.replace(/\s+/g, ' ').trim();
    const at = text ? flat.indexOf(text, cursor) : -1;
    positions.push(at >= 0 ? at : null);
    if (at >= 0) cursor = at + text.length;
  }
  return positions.map((at, n) => {
    if (at !== null || body.links[n]?.text.trim()) return at;
    for (let k = n - 1; k >= 0; k--) if (positions[k] !== null && positions[k] !== undefined) return positions[k] as number;
    for (let k = n + 1; k < positions.length; k++) if (positions[k] !== null && positions[k] !== undefined) return positions[k] as number;
    return null;
  });
}
