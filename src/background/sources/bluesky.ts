import type { IdentityRecord } from '../../shared/domain';
import { blueskyHandleCandidates } from './bluesky-handles';
import { searchBlueskyByName } from './bluesky-name-search';
import { candidateProfiles } from './bluesky-profiles';
import { authorFeedSchema, feedItemSchema, type BlueskyFeedItem } from './bluesky-schemas';
import { isPostTime, notAfter } from './post-date';
import type { IdentityDraft, PostDraft, Source } from './source';
import { validatedBy, validItems } from './validate';
import { safeWebUrl } from './web-url';

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
  if (!isPostTime(created)) return null;
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
  // Links and pictures are followed only when they are web links (never javascript:, data: or vbscript:).
  const shownImages = images.flatMap((image) => {
    const url = safeWebUrl(image.thumb ?? '');
    return url ? [{ url, alt: image.alt ?? '' }] : [];
  });
  if (shownImages.length > 0) draft.images = shownImages;
  const externalUrl = external ? safeWebUrl(external.uri) : null;
  if (external && externalUrl) draft.link = { url: externalUrl, title: external.title ?? externalUrl };
  return draft;
}

export const blueskySource: Source = {
  id: 'bluesky',
  activityNetwork: 'bluesky',

  async resolve(person, http) {
    // A name-only person exists only because the user chose to look up a name mentioned in a mail.
    if (!person.email) return person.lookupChosenAt ? searchBlueskyByName(person, http, BLUESKY_API, profileUrl) : [];
    const candidates = blueskyHandleCandidates(person.email, person.name);
    const profiles = await candidateProfiles(candidates, http, BLUESKY_API);
    const found: IdentityDraft[] = [];
    for (const candidate of candidates) {
      const profile = profiles.get(candidate.handle);
      if (!profile) continue;
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
      const avatar = safeWebUrl(profile.avatar ?? '');
      if (avatar) identity.avatarUrl = avatar;
      found.push(identity);
    }
    return found;
  },

  async fetchActivity(identity: IdentityRecord, http, context) {
    const actor = identity.externalId ?? identity.handle;
    const url = `${BLUESKY_API}/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(actor)}&limit=${FEED_LIMIT}`;
    const answer = await http.getJson(url, 'handle', validatedBy(authorFeedSchema, 'getAuthorFeed'));
    if (!answer.ok) return [];
    const items = validItems(feedItemSchema, answer.data.feed);
    return notAfter(items.flatMap((item) => {
      if (item.post.labels?.some((label) => label.val === NO_UNAUTHENTICATED)) return [];
      const post = toPost(item, { did: identity.externalId, handle: identity.handle });
      return post ? [post] : [];
    }), context.now());
  },
};
