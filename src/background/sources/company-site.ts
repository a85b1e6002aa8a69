import type { IdentityRecord } from '../../shared/domain';
import { companyDomain } from './company-domain';
import { discoverFeeds, type DiscoveredFeed } from './feed-discovery';
import { fetchFeedText } from './feed-fetch';
import { parseFeed, type FeedItem } from './feed-parser';
import { truncateText } from './html-to-text';
import type { IdentityDraft, PostDraft, Source } from './source';
import { fetchableUrl } from './web-url';

/**
 * What the sender's company publishes: the news feed its website names (RSS/Atom autodiscovery), read
 * as company posts. Identities of this source, and feeds Wikidata lists as official (P1019), are
 * network 'web' with the feed URL as handle, so one reader serves both.
 */

// The home page first; the usual news pages only when it names no feed. At most four requests.
const PAGES = ['/', '/blog', '/news', '/press'];
const ITEM_LIMIT = 20;
// Titles that name the format, not the publisher.
const GENERIC_TITLE = /^(rss|atom|feed|rss feed|atom feed|news feed|subscribe)$/i;

function identityFor(domain: string, pageUrl: string, feed: DiscoveredFeed): IdentityDraft {
  const format = feed.type === 'atom' ? 'Atom' : 'RSS';
  return {
    network: 'web',
    handle: feed.url,
    url: pageUrl,
    displayName: feed.title && !GENERIC_TITLE.test(feed.title) ? feed.title : domain,
    tier: 'C',
    evidence: [{
      kind: 'company-site-feed',
      text: `The website of ${domain}, the sender's mail domain, names this ${format} feed as its own.`,
      url: pageUrl,
    }],
  };
}

function toPost(item: FeedItem, feedUrl: string, fallbackUrl: string): PostDraft {
  const draft: PostDraft = {
    // Feed keys are only unique within their feed.
    id: `web:${feedUrl}#${item.key}`,
    network: 'web',
    url: item.link ?? fallbackUrl,
    text: [item.title, item.summary].filter(Boolean).join('\n\n'),
    createdAt: item.publishedAt,
    kind: 'post',
  };
  if (item.link) draft.link = { url: item.link, title: item.title || truncateText(item.summary, 80) || item.link };
  return draft;
}

export const companySiteSource: Source = {
  id: 'companySite',
  activityNetwork: 'web',
  needsHostPermission: true,

  async resolve(person, http) {
    const domain = companyDomain(person);
    if (!domain) return [];
    for (const path of PAGES) {
      const pageUrl = `https://${domain}${path}`;
      const answer = await http.getText(pageUrl, 'domain');
      // No home page means no website to look through: the other pages would only add requests.
      if (!answer.ok && path === PAGES[0]) return [];
      if (!answer.ok) continue;
      const [feed] = discoverFeeds(answer.data, pageUrl);
      if (feed) return [identityFor(domain, pageUrl, feed)];
    }
    return [];
  },

  async fetchActivity(identity: IdentityRecord, http, context) {
    // Other 'web' identities (an organisation's domain, a personal site) are no feed: nothing to read.
    if (!/^https?:\/\//i.test(identity.handle)) return [];
    const feedUrl = fetchableUrl(identity.handle);
    if (!feedUrl) return [];
    const fetchedAt = context.now();
    const answer = await fetchFeedText(http, feedUrl, 'domain');
    if (!answer.ok) return [];
    const feed = parseFeed(answer.data, feedUrl, fetchedAt);
    const fallbackUrl = feed.link ?? identity.url;
    return feed.items.slice(0, ITEM_LIMIT).map((item) => toPost(item, feedUrl, fallbackUrl));
  },
};
