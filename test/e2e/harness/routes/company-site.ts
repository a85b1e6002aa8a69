// Company websites with news feeds, answered from recorded pages and feeds
// (test/fixtures/api/html and test/fixtures/api/feeds, sent byte for byte).
//
//   daringfireball.net  the recorded home page, whose <link rel=alternate> is the relative /feeds/main,
//                       and the recorded Atom feed at that path.
//   cloud-blog.example  a home page without a feed link, a /blog page that names one, and the recorded
//                       Google Cloud Blog RSS at /blog/rss: the source's fallback path. The two pages are
//                       WRITTEN-HERE (tiny, only what autodiscovery reads); the feed is recorded.
//   news-qq.example     the recorded GB2312 feed as /rss.xml, sent as bytes with no charset in the header
//                       (decoding it right needs the proposed SourceHttp.getBytes).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { html, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const HTML = fileURLToPath(new URL('../../../fixtures/api/html/', import.meta.url));
const FEEDS = fileURLToPath(new URL('../../../fixtures/api/feeds/', import.meta.url));

export const COMPANY_SITE_WORLD = {
  /** Home page names its Atom feed: resolve takes one request, activity one more. */
  withHomeFeed: { domain: 'daringfireball.net', feed: 'https://daringfireball.net/feeds/main' },
  /** Home page names none; /blog does: resolve takes two requests. */
  withBlogFeed: { domain: 'cloud-blog.example', feed: 'https://cloud-blog.example/blog/rss' },
  /** A feed in a legacy encoding, for a 'web' identity whose handle is this URL (as Wikidata's P1019 gives). */
  legacyEncodingFeed: 'https://news-qq.example/rss.xml',
} as const;

interface Page {
  contentType: string;
  body: string | Buffer;
}

// WRITTEN-HERE: the two pages of cloud-blog.example. The /blog page names its feed as "blog/rss": relative
// to https://cloud-blog.example/blog (no trailing slash) that is /blog/rss, where the feed is served (a
// bare "rss" would mean /rss, which this site does not have).
const CLOUD_HOME = '<!doctype html><html><head><meta charset="utf-8"><title>Cloud Blog Inc.</title></head><body><h1>Cloud Blog Inc.</h1><a href="/blog">Blog</a></body></html>';
const CLOUD_BLOG = '<!doctype html><html><head><meta charset="utf-8"><title>Blog</title><link rel="alternate" type="application/rss+xml" title="Cloud Blog" href="blog/rss"></head><body><h1>Blog</h1></body></html>';

let cached: Map<string, Page> | undefined;

function pages(): Map<string, Page> {
  if (cached) return cached;
  const file = (dir: string, name: string): Buffer => readFileSync(dir + name);
  cached = new Map<string, Page>([
    ['daringfireball.net/', { contentType: 'text/html; charset=utf-8', body: file(HTML, 'daringfireball-home-atom-autodiscovery-relative-href.html') }],
    ['daringfireball.net/feeds/main', { contentType: 'application/atom+xml; charset=utf-8', body: file(FEEDS, 'daringfireball.atom') }],
    ['cloud-blog.example/', { contentType: 'text/html; charset=utf-8', body: CLOUD_HOME }],
    ['cloud-blog.example/blog', { contentType: 'text/html; charset=utf-8', body: CLOUD_BLOG }],
    ['cloud-blog.example/blog/rss', { contentType: 'application/rss+xml; charset=utf-8', body: file(FEEDS, 'google-cloud-blog-company.rss') }],
    ['news-qq.example/rss.xml', { contentType: 'text/xml', body: file(FEEDS, 'news-qq-com-declared-gb2312.xml') }],
  ]);
  return cached;
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const page = pages().get(`${request.host}${request.path}`);
  // WRITTEN-HERE: a plain 404 page for anything else (/news, /press, /.well-known/webfinger, …).
  if (!page) return html('<!doctype html><title>Not found</title><h1>Not found</h1>', 404);
  return { status: 200, headers: { 'content-type': page.contentType }, body: page.body };
}

export const companySiteRoute: RouteModule = { hosts: ['daringfireball.net', 'cloud-blog.example', 'news-qq.example'], handle };
