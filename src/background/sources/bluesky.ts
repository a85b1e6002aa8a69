import type { IdentityRecord } from '../../shared/domain';
import { blueskyHandleCandidates } from './bluesky-handles';
import { authorFeedSchema, feedItemSchema, profileSchema, type BlueskyFeedItem } from './bluesky-schemas';
import type { IdentityDraft, PostDraft, Source } from './source';
import { validatedBy, validItems } from './validate';

export const BLUESKY_API = 'https://public.api.bsky.app/xrpc';
const FEED_LIMIT = 20;

// Accounts that set this self-label asked not to be shown to logged-out viewers; Earshot is one.
const NO_UNAUTHENTICATED = '!no-unauthenticated';

export function profileUrl(handle: string): string {
  return `https://bsky.app/profile/${encodeURIComponent(handle)}`;
}

/** The post's page on bsky.app; the profile when the record key is not a real one. */
export function postUrl(authorHandle: string, uri: string): string {
  const match = /^at:\/\/[^/]+\/app\.bsky\.feed\.post\/([A-Za-z0-9._~:-]+)$/.exec(uri);
  return match ? `${profileUrl(authorHandle)}/post/${match[1]}` : profileUrl(authorHandle);
}

function toPost(item: BlueskyFeedItem, own: { did?: string; handle: string }): PostDraft | null {
  const { post } = item;
  const created = Date.parse(post.record.createdAt ?? post.indexedAt ?? '');
  if (Number.isNaN(created)) return null;
  const byOwner = post.author.did === own.did || post.author.handle.toLowerCase() === own.handle.toLowerCase();
  const isRepost = item.reason?.$type === 'app.bsky.feed.defs#reasonRepost' || !byOwner;
  const embed = post.embed;
  const images = embed?.images ?? embed?.media?.images ?? [];
  const external = embed?.external ?? embed?.media?.external;
  const isQuote = typeof embed?.$type === 'string' && embed.$type.startsWith('app.bsky.embed.record');
  const draft: PostDraft = {
    id: `bluesky:${post.uri}`,
    network: 'bluesky',
    url: postUrl(post.author.handle, post.uri),
    text: post.record.text ?? '',
    createdAt: created,
    kind: isRepost ? 'repost' : item.reply ? 'reply' : isQuote ? 'quote' : 'post',
    counts: { replies: post.replyCount, reposts: post.repostCount, likes: post.likeCount },
  };
  if (isRepost) draft.author = post.author.handle;
  const shownImages = images.flatMap((image) => (image.thumb ? [{ url: image.thumb, alt: image.alt ?? '' }] : []));
  if (shownImages.length > 0) draft.images = shownImages;
  if (external) draft.link = { url: external.uri, title: external.title ?? external.uri };
  return draft;
}

export const blueskySource: Source = {
  id: 'bluesky',
  activityNetwork: 'bluesky',

  async resolve(person, http) {
    if (!person.email) return [];
    const found: IdentityDraft[] = [];
    for (const candidate of blueskyHandleCandidates(person.email, person.name)) {
      const url = `${BLUESKY_API}/app.bsky.actor.getProfile?actor=${encodeURIComponent(candidate.handle)}`;
      const answer = await http.getJson(url, candidate.tier === 'C' ? 'domain' : 'handle', validatedBy(profileSchema, 'getProfile'));
      if (!answer.ok) continue;
      const profile = answer.data;
      if (profile.handle.toLowerCase() !== candidate.handle) continue;
      if (profile.labels?.some((label) => label.val === NO_UNAUTHENTICATED)) continue;
      const identity: IdentityDraft = {
        network: 'bluesky',
        handle: profile.handle,
        url: profileUrl(profile.handle),
        externalId: profile.did,
        tier: candidate.tier,
        evidence: [{ kind: candidate.evidenceKind, text: candidate.evidenceText, url: profileUrl(profile.handle) }],
      };
      if (profile.displayName) identity.displayName = profile.displayName;
      if (profile.description) identity.description = profile.description;
      if (profile.avatar) identity.avatarUrl = profile.avatar;
      found.push(identity);
    }
    return found;
  },

  async fetchActivity(identity: IdentityRecord, http) {
    const actor = identity.externalId ?? identity.handle;
    const url = `${BLUESKY_API}/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(actor)}&limit=${FEED_LIMIT}`;
    const answer = await http.getJson(url, 'handle', validatedBy(authorFeedSchema, 'getAuthorFeed'));
    if (!answer.ok) return [];
    const items = validItems(feedItemSchema, answer.data.feed);
    return items.flatMap((item) => {
      if (item.post.labels?.some((label) => label.val === NO_UNAUTHENTICATED)) return [];
      const post = toPost(item, { did: identity.externalId, handle: identity.handle });
      return post ? [post] : [];
    });
  },
};
