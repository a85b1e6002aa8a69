import type { IdentityRecord } from '../../shared/domain';
import { bareDomain, isFreeMailDomain, normaliseEmail, splitEmail } from '../../shared/email';
import { hitSchema, searchSchema, type HackerNewsHit } from './hackernews-schemas';
import { htmlToText } from './html-to-text';
import { isPostTime, notAfter } from './post-date';
import type { IdentityDraft, PostDraft, Source, SourceHttp } from './source';
import { validatedBy, validItems } from './validate';

export const HN_ALGOLIA = 'https://hn.algolia.com/api/v1';
const HN = 'https://news.ycombinator.com';

// HN usernames: 2–15 letters, digits, dashes and underscores. Anything else is not sent.
const USERNAME = /^[a-z0-9_-]{2,15}$/i;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function itemUrl(id: string | number): string {
  return `${HN}/item?id=${encodeURIComponent(String(id))}`;
}

/** HN's own page of stories from one site: the company identity's address. */
export function siteUrl(domain: string): string {
  return `${HN}/from?site=${encodeURIComponent(domain)}`;
}

function siteStoriesUrl(domain: string): string {
  return `${HN_ALGOLIA}/search_by_date?tags=story&query=${encodeURIComponent(domain)}&restrictSearchableAttributes=url`;
}

function authorUrl(username: string): string {
  return `${HN_ALGOLIA}/search_by_date?tags=author_${encodeURIComponent(username)}`;
}

/** HN keeps item text as HTML (<p> between paragraphs, <i>, links, <pre><code>): shown as plain text. */
function plainText(html: string | null | undefined): string {
  return html ? htmlToText(html).text : '';
}

/** The hit's time, or NaN when it has none a Date can hold. */
function createdAt(hit: HackerNewsHit): number {
  const at = hit.created_at_i !== undefined ? hit.created_at_i * 1000 : Date.parse(hit.created_at ?? '');
  return isPostTime(at) ? at : Number.NaN;
}

function isComment(hit: HackerNewsHit): boolean {
  return hit._tags?.includes('comment') ?? (hit.comment_text != null && !hit.title);
}

/** The host of a story's link, for matching it to a domain. */
function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return bareDomain(new URL(url).hostname);
  } catch {
    return null;
  }
}

export function postFromHit(hit: HackerNewsHit): PostDraft | null {
  const at = createdAt(hit);
  if (Number.isNaN(at)) return null;
  const base = { id: `hackernews:${hit.objectID}`, network: 'hackernews' as const, url: itemUrl(hit.objectID), createdAt: at };
  if (isComment(hit)) {
    const text = plainText(hit.comment_text);
    // A deleted or flagged comment keeps its place in the index without its words.
    if (!text) return null;
    const post: PostDraft = { ...base, text, kind: 'reply' };
    if (hit.story_id != null && hit.story_title) post.link = { url: itemUrl(hit.story_id), title: hit.story_title };
    return post;
  }
  if (!hit.title) return null;
  const body = plainText(hit.story_text);
  const post: PostDraft = { ...base, text: body ? `${hit.title}\n\n${body}` : hit.title, kind: 'post' };
  const counts = { likes: hit.points ?? undefined, replies: hit.num_comments ?? undefined };
  if (counts.likes !== undefined || counts.replies !== undefined) post.counts = counts;
  if (hit.url) post.link = { url: hit.url, title: hit.title };
  return post;
}

/** Stories whose link really is on the domain or a subdomain: the search matches words, not hosts. */
export function storiesOnSite(hits: readonly HackerNewsHit[], domain: string): HackerNewsHit[] {
  return hits.filter((hit) => {
    const host = hostOf(hit.url);
    return !isComment(hit) && host !== null && (host === domain || host.endsWith(`.${domain}`));
  });
}

async function siteStories(domain: string, http: SourceHttp): Promise<HackerNewsHit[]> {
  const answer = await http.getJson(siteStoriesUrl(domain), 'domain', validatedBy(searchSchema, 'HN site search'));
  return answer.ok ? storiesOnSite(validItems(hitSchema, answer.data.hits), domain) : [];
}

/** The company identity's domain, when the identity is one (its address is HN's from?site= page). */
function companyDomain(identity: IdentityRecord): string | null {
  return identity.url === siteUrl(identity.handle) ? identity.handle : null;
}

export const hackerNewsSource: Source = {
  id: 'hackernews',
  activityNetwork: 'hackernews',

  /** The company: stories linking to the sender's mail domain. People come only from links (Gravatar, GitHub). */
  async resolve(person, http) {
    const email = normaliseEmail(person.email);
    if (!email) return [];
    const domain = bareDomain(splitEmail(email).domain);
    if (isFreeMailDomain(domain) || !DOMAIN.test(domain)) return [];
    if ((await siteStories(domain, http)).length === 0) return [];
    const url = siteUrl(domain);
    const company: IdentityDraft = {
      network: 'hackernews',
      handle: domain,
      url,
      displayName: domain,
      tier: 'C',
      evidence: [{ kind: 'company-domain-stories', text: `Hacker News stories link to ${domain}, the sender's mail domain.`, url }],
    };
    return [company];
  },

  async fetchActivity(identity, http, context) {
    const domain = companyDomain(identity);
    if (domain) {
      // Stories about the company are posted by anyone: the poster is shown as the author.
      return notAfter((await siteStories(domain, http)).flatMap((hit) => {
        const post = postFromHit(hit);
        return post ? [{ ...post, author: hit.author }] : [];
      }), context.now());
    }
    const username = identity.handle;
    if (!USERNAME.test(username)) return [];
    const answer = await http.getJson(authorUrl(username), 'handle', validatedBy(searchSchema, 'HN author search'));
    if (!answer.ok) return [];
    return notAfter(validItems(hitSchema, answer.data.hits).flatMap((hit) => {
      if (hit.author.toLowerCase() !== username.toLowerCase()) return [];
      const post = postFromHit(hit);
      return post ? [post] : [];
    }), context.now());
  },
};
