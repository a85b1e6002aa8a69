import { htmlToText, type HtmlTextOptions } from './html-to-text';
import type { InnerStatus, MastodonAccount, MastodonStatus } from './mastodon-schemas';
import { isPostTime } from './post-date';
import type { PostDraft } from './source';
import { safeWebUrl } from './web-url';

/** Mastodon statuses to posts: HTML content to plain text, reblogs, replies, quotes, media and cards. */

// Mastodon hides parts of long URLs behind class="invisible" and marks the cut with "ellipsis"; its
// "quote-inline" paragraph ("RE: <link>") is a fallback for apps that cannot show quotes, and the post
// is marked as a quote instead.
export const MASTODON_HTML: HtmlTextOptions = { hideClasses: ['invisible', 'quote-inline'], ellipsisClasses: ['ellipsis'] };

// Unauthenticated API calls only ever see these, but a server that shows more must not leak it here.
const PUBLIC_VISIBILITY = new Set(['public', 'unlisted']);

/** The account asked not to be indexed (noindex) or searched (indexable: false): no posts are shown. */
export function optedOut(account: MastodonAccount): boolean {
  return account.noindex === true || account.indexable === false;
}

function hostOf(href: string | null | undefined): string | null {
  const safe = href ? safeWebUrl(href) : null;
  return safe ? new URL(safe).host : null;
}

/** user@server for an account as the instance reports it (local accounts have no domain in `acct`). */
export function fullHandle(account: MastodonAccount, instance: string): string {
  return account.acct.includes('@') ? account.acct : `${account.acct}@${hostOf(account.url) ?? instance}`;
}

function counts(status: InnerStatus): PostDraft['counts'] {
  const result: NonNullable<PostDraft['counts']> = {};
  if (typeof status.replies_count === 'number') result.replies = status.replies_count;
  if (typeof status.reblogs_count === 'number') result.reposts = status.reblogs_count;
  if (typeof status.favourites_count === 'number') result.likes = status.favourites_count;
  return result;
}

function linkOf(status: MastodonStatus, shown: InnerStatus, instance: string, contentLinks: ReturnType<typeof htmlToText>['links']): PostDraft['link'] {
  const card = shown.card ? safeWebUrl(shown.card.url) : null;
  if (card && shown.card) return { url: card, title: shown.card.title || card };
  const quoted = status.quote?.quoted_status;
  const quotedUrl = quoted ? safeWebUrl(quoted.url ?? '') ?? safeWebUrl(quoted.uri) : null;
  if (quoted && quotedUrl) return { url: quotedUrl, title: `Quoted post by ${fullHandle(quoted.account, instance)}` };
  // Mentions and hashtags are links too, but not to anything the post is about.
  const external = contentLinks.find((link) => !link.classes.includes('mention') && !link.classes.includes('hashtag') && !link.rel.includes('tag'));
  return external ? { url: external.url, title: external.text || external.url } : undefined;
}

export function statusToPost(status: MastodonStatus, instance: string): PostDraft | null {
  if (status.visibility && !PUBLIC_VISIBILITY.has(status.visibility)) return null;
  const shown: InnerStatus = status.reblog ?? status;
  // A reblogged author's own opt-out holds even when someone else shares the post.
  if (status.reblog && optedOut(status.reblog.account)) return null;
  const createdAt = Date.parse(status.created_at);
  if (!isPostTime(createdAt)) return null;
  const body = htmlToText(shown.content ?? '', MASTODON_HTML);
  const warning = htmlToText(shown.spoiler_text ?? '').text;
  const draft: PostDraft = {
    id: `mastodon:${status.uri}`,
    network: 'mastodon',
    url: safeWebUrl(shown.url ?? '') ?? safeWebUrl(shown.uri) ?? `https://${instance}/`,
    // A content warning is shown before the text, as Mastodon does.
    text: warning ? `CW: ${warning}\n\n${body.text}` : body.text,
    createdAt,
    kind: status.reblog ? 'repost' : status.in_reply_to_id ? 'reply' : status.quote ? 'quote' : 'post',
    counts: counts(shown),
  };
  if (status.reblog) draft.author = fullHandle(status.reblog.account, instance);
  const images = (shown.media_attachments ?? []).flatMap((media) => {
    const url = safeWebUrl(media.preview_url ?? '');
    return url ? [{ url, alt: media.description ?? '' }] : [];
  });
  if (images.length > 0) draft.images = images;
  const link = linkOf(status, shown, instance, body.links);
  if (link) draft.link = link;
  return draft;
}
