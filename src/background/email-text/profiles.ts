import type { SignatureProfile } from '../../shared/message-body';

/**
 * What a URL in a signature points at: a profile on a network we read (Bluesky, Mastodon, GitHub,
 * LinkedIn, X), a web site, or something that is neither (another social network, a meeting or
 * scheduling link, a shortener). Plus the bare URLs, Mastodon addresses and labelled handles a
 * signature writes without a link.
 */
export type UrlKind = { kind: 'profile'; profile: SignatureProfile } | { kind: 'site'; url: string; host: string };

const X_HOSTS = new Set(['x.com', 'twitter.com', 'mobile.twitter.com', 'mobile.x.com']);
const X_RESERVED = new Set('home intent share i search hashtag explore settings messages notifications login signup tos privacy'.split(' '));
const GITHUB_RESERVED = new Set(('about features pricing enterprise team topics trending collections marketplace sponsors settings ' +
  'login join explore organizations orgs security site apps readme customer-stories contact').split(' '));
/** `host/@user` paths that are not Mastodon. */
const AT_PATH_NOT_MASTODON = /(?:^|\.)(?:medium\.com|youtube\.com|tiktok\.com|threads\.net|threads\.com|substack\.com|bsky\.app|pinterest\.[a-z.]+)$/;
/** Hosts whose links are neither a profile we read nor anyone's site. */
const NEITHER = /(?:^|\.)(?:orcid\.org|scholar\.google\.[a-z.]+|researchgate\.net|dribbble\.com|behance\.net|vimeo\.com|soundcloud\.com|twitch\.tv|reddit\.com|stackoverflow\.com|gitlab\.com|wellfound\.com|angel\.co|crunchbase\.com|producthunt\.com|facebook\.com|fb\.com|instagram\.com|youtube\.com|youtu\.be|tiktok\.com|threads\.net|xing\.com|pinterest\.[a-z.]+|calendly\.com|cal\.com|zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|maps\.google\.[a-z.]+|goo\.gl|maps\.app\.goo\.gl|aka\.ms|bit\.ly|t\.co|tinyurl\.com|linktr\.ee|outlook\.com|office\.com|mailchi\.mp|hubspot\.com|hs-sites\.com|whatsapp\.com|wa\.me|t\.me|skype\.com|apple\.com|google\.com|microsoft\.com|medium\.com|github\.com|linkedin\.com|x\.com|twitter\.com|bsky\.app)$/;

export function classifyUrl(href: string): UrlKind | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = safeDecode(url.pathname);
  const profile = (network: SignatureProfile['network'], handle: string): UrlKind => ({ kind: 'profile', profile: { network, url: url.href, handle } });
  let match: RegExpExecArray | null;
  if (host === 'bsky.app' && (match = /^\/profile\/([^/]+)\/?$/.exec(path))) return profile('bluesky', (match[1] ?? '').replace(/^@/, '').toLowerCase());
  if (host === 'github.com' && (match = /^\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/?$/.exec(path)) && !GITHUB_RESERVED.has((match[1] ?? '').toLowerCase())) {
    return profile('github', match[1] ?? '');
  }
  if (/(?:^|\.)linkedin\.com$/.test(host) && (match = /^\/(in|company)\/([^/]+)\/?$/.exec(path))) return profile('linkedin', `${match[1]}/${match[2]}`);
  if (X_HOSTS.has(host) && (match = /^\/@?([A-Za-z0-9_]{1,15})\/?$/.exec(path)) && !X_RESERVED.has((match[1] ?? '').toLowerCase())) {
    return profile('x', match[1] ?? '');
  }
  if ((match = /^\/@([A-Za-z0-9_]{1,30})\/?$/.exec(path)) && !AT_PATH_NOT_MASTODON.test(host) && host.includes('.')) {
    return profile('mastodon', `${match[1]}@${host}`);
  }
  if (NEITHER.test(host) || !host.includes('.')) return null;
  return { kind: 'site', url: url.href, host };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Something URL-like found in a line, with where it starts (for ordering). */
export interface Written {
  at: number;
  href: string;
}

const TLDS = new Set(('com org net io dev app co info biz me ai tech social blog page site online xyz eu cloud design studio ' +
  'agency digital email art one world global solutions consulting systems network').split(' '));
const BARE_URL = /(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{2,5})?(?:\/[^\s|<>"'()[\]]*)?/giu;
const MASTODON_ADDRESS = /(?<![\w@])@([A-Za-z0-9_]{1,30})@((?:[a-z0-9-]+\.)+[a-z]{2,24})(?![\w.-]*@)/giu;
const LABELLED = /(?:^|[\s|•·,;(])(twitter|x|github|bluesky|bsky)\s*:\s*@?([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_])/giu;

/**
 * URLs written out in a line: "https://…", "www.litware.com", "litware.com", "github.com/dana", a
 * Mastodon address "@dana@hachyderm.io", a labelled handle "Twitter: @dana", "GitHub: dana".
 */
export function urlsWritten(line: string): Written[] {
  const found: Written[] = [];
  const taken: [number, number][] = [];
  const take = (at: number, length: number, href: string): void => {
    found.push({ at, href });
    taken.push([at, at + length]);
  };
  for (const match of line.matchAll(LABELLED)) {
    const label = (match[1] ?? '').toLowerCase();
    const handle = match[2] ?? '';
    const at = match.index + match[0].indexOf(match[1] ?? '');
    const length = match.index + match[0].length - at;
    if (line[match.index + match[0].length] === '/') continue;
    if (label === 'bluesky' || label === 'bsky') take(at, length, `https://bsky.app/profile/${handle.includes('.') ? handle : `${handle}.bsky.social`}`);
    else if (handle.includes('.')) continue;
    else take(at, length, label === 'github' ? `https://github.com/${handle}` : `https://x.com/${handle}`);
  }
  for (const match of line.matchAll(MASTODON_ADDRESS)) {
    take(match.index, match[0].length, `https://${(match[2] ?? '').toLowerCase()}/@${match[1]}`);
  }
  for (const match of line.matchAll(BARE_URL)) {
    const text = match[0].replace(/[.,;:!?]+$/, '');
    const schemed = /^https?:\/\//i.test(text);
    if (!schemed && /[@\w./-]/.test(line[match.index - 1] ?? '')) continue;
    if (line[match.index + match[0].length] === '@' || /^\d/.test(text)) continue;
    if (taken.some(([from, to]) => match.index < to && match.index + text.length > from)) continue;
    const host = text.replace(/^https?:\/\//i, '').split(/[/:]/)[0] ?? '';
    const tld = (host.split('.').at(-1) ?? '').toLowerCase();
    if (!schemed && !(tld.length === 2 || TLDS.has(tld))) continue;
    found.push({ at: match.index, href: schemed ? text : `https://${text}` });
  }
  return found.sort((a, b) => a.at - b.at);
}
