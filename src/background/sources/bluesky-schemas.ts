import * as z from 'zod/mini';

/**
 * The parts of the AppView's answers Earshot reads (lexicons app.bsky.actor.defs#profileViewDetailed and
 * app.bsky.feed.defs#feedViewPost). Loose objects: the AppView adds fields often, and that must not
 * turn a good answer into an error.
 */
const label = z.looseObject({ val: z.string() });

export const profileSchema = z.looseObject({
  did: z.string(),
  handle: z.string(),
  displayName: z.optional(z.string()),
  description: z.optional(z.string()),
  avatar: z.optional(z.string()),
  labels: z.optional(z.array(label)),
});

/**
 * app.bsky.actor.getProfiles: the views of the actors that exist, in the order asked; an actor without an
 * account is simply absent. Every view must be a profile: a broken one makes the whole answer an error,
 * as a broken getProfile answer is.
 */
export const profilesSchema = z.looseObject({ profiles: z.array(profileSchema) });

const author = z.looseObject({ did: z.string(), handle: z.string(), displayName: z.optional(z.string()) });

const imageView = z.looseObject({ thumb: z.optional(z.string()), fullsize: z.optional(z.string()), alt: z.optional(z.string()) });

const externalView = z.looseObject({ uri: z.string(), title: z.optional(z.string()) });

export const embedSchema = z.looseObject({
  $type: z.optional(z.string()),
  images: z.optional(z.array(imageView)),
  external: z.optional(externalView),
  media: z.optional(z.looseObject({ images: z.optional(z.array(imageView)), external: z.optional(externalView) })),
});

export const postViewSchema = z.looseObject({
  uri: z.string(),
  author,
  record: z.looseObject({ text: z.optional(z.string()), createdAt: z.optional(z.string()) }),
  embed: z.optional(embedSchema),
  replyCount: z.optional(z.number()),
  repostCount: z.optional(z.number()),
  likeCount: z.optional(z.number()),
  quoteCount: z.optional(z.number()),
  indexedAt: z.optional(z.string()),
  labels: z.optional(z.array(label)),
});

export const feedItemSchema = z.looseObject({
  post: postViewSchema,
  reply: z.optional(z.unknown()),
  reason: z.optional(z.looseObject({ $type: z.optional(z.string()), indexedAt: z.optional(z.string()) })),
});

export const authorFeedSchema = z.looseObject({
  feed: z.array(z.unknown()),
  cursor: z.optional(z.string()),
});

export type BlueskyProfile = z.infer<typeof profileSchema>;
export type BlueskyFeedItem = z.infer<typeof feedItemSchema>;
