import { tokenizeHtml } from './html-tokens';
import { fetchableUrl } from './web-url';

/**
 * RSS/Atom autodiscovery without a DOM: the `<link rel="alternate" type="application/rss+xml|atom+xml"
 * href>` elements of a page, with hrefs resolved against the page URL and its <base>. Links in the head
 * come first; some sites (YouTube channel pages) put theirs in the body, so those follow. Only public
 * http(s) feeds are kept.
 */
export interface DiscoveredFeed {
  url: string;
  type: 'rss' | 'atom';
  title: string;
}

const FEED_TYPES: Record<string, DiscoveredFeed['type']> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
};

// Once one of these starts, the head is over (an HTML parser would say the same).
const BODY_START = new Set(['body', 'main', 'article', 'header', 'div', 'p', 'h1', 'nav', 'section']);

function relTokens(value: string | undefined): string[] {
  return (value ?? '').toLowerCase().split(/[\t\n\f\r ]+/).filter(Boolean);
}

export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  let base = pageUrl;
  let sawBase = false;
  let inBody = false;
  const head: DiscoveredFeed[] = [];
  const body: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const token of tokenizeHtml(html)) {
    if (token.type === 'end' && token.name === 'head') inBody = true;
    if (token.type !== 'start') continue;
    if (BODY_START.has(token.name)) inBody = true;
    if (token.name === 'base' && !sawBase && !inBody) {
      // Only the first <base href> counts, and only hrefs after it see it (as in a browser, near enough).
      const href = token.attrs.get('href');
      if (href !== undefined) {
        sawBase = true;
        try {
          base = new URL(href.trim(), pageUrl).href;
        } catch {
          // An unusable <base> leaves the page URL in force.
        }
      }
      continue;
    }
    if (token.name !== 'link') continue;
    const rel = relTokens(token.attrs.get('rel'));
    if (!rel.includes('alternate') || rel.includes('stylesheet')) continue;
    const mediaType = (token.attrs.get('type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const type = FEED_TYPES[mediaType];
    const href = token.attrs.get('href')?.trim();
    const url = href ? fetchableUrl(href, base) : null;
    if (!type || !url || seen.has(url)) continue;
    seen.add(url);
    (inBody ? body : head).push({ url, type, title: (token.attrs.get('title') ?? '').replace(/\s+/g, ' ').trim() });
  }
  return [...head, ...body];
}
