/**
 * Checks for URLs and hosts that come from other people's data (a WebFinger answer, a feed link on a
 * company page, a Wikidata statement). The extension holds host permissions a web page does not, so a
 * hostile answer must not be able to point it at the user's router or intranet: only public DNS names
 * on the default port are ever requested.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Names that never resolve to the public internet.
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'home.arpa', 'intranet', 'corp'];

/** A lower-cased public DNS name with at least two labels, or null (IP literals, ports, localhost). */
export function publicHostname(host: string): string | null {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name.length > 253) return null;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // A numeric last label is an IPv4 address, never a top-level domain.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  if (PRIVATE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return null;
  return name;
}

/** An absolute http(s) URL for showing as a link, resolved against `base`; null for anything else. */
export function safeWebUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url.href;
}

/** Like safeWebUrl, and also safe to request: a public host on the default port. */
export function fetchableUrl(href: string, base?: string): string | null {
  const safe = safeWebUrl(href, base);
  if (!safe) return null;
  const url = new URL(safe);
  if (url.port !== '' || !publicHostname(url.hostname)) return null;
  return url.href;
}
