import * as z from 'zod/mini';

/**
 * The parts of WebFinger (RFC 7033 JRD) and of the Mastodon API (entities Account and Status) Earshot
 * reads. Loose objects: servers add fields, and other fediverse software (Pleroma, Akkoma, GoToSocial)
 * answers the same endpoints with extras and a few nulls, which must not turn a good answer into an error.
 */
export const jrdSchema = z.looseObject({
  subject: z.string(),
  aliases: z.optional(z.nullable(z.array(z.string()))),
  links: z.optional(z.nullable(z.array(z.looseObject({
    rel: z.string(),
    type: z.optional(z.nullable(z.string())),
    href: z.optional(z.nullable(z.string())),
  })))),
});

const field = z.looseObject({
  name: z.string(),
  value: z.string(),
  verified_at: z.optional(z.nullable(z.string())),
});

export const accountSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  url: z.optional(z.nullable(z.string())),
  uri: z.optional(z.nullable(z.string())),
  display_name: z.optional(z.nullable(z.string())),
  note: z.optional(z.nullable(z.string())),
  avatar: z.optional(z.nullable(z.string())),
  fields: z.optional(z.nullable(z.array(field))),
  // Opt-outs: noindex asks search engines not to index the profile; indexable:false declines having
  // public posts searched. Either way Earshot does not show the posts.
  noindex: z.optional(z.nullable(z.boolean())),
  indexable: z.optional(z.nullable(z.boolean())),
  discoverable: z.optional(z.nullable(z.boolean())),
});

const mediaAttachment = z.looseObject({
  type: z.optional(z.string()),
  preview_url: z.optional(z.nullable(z.string())),
  description: z.optional(z.nullable(z.string())),
});

const card = z.looseObject({
  url: z.string(),
  title: z.optional(z.nullable(z.string())),
});

const statusFields = {
  id: z.string(),
  uri: z.string(),
  url: z.optional(z.nullable(z.string())),
  created_at: z.string(),
  in_reply_to_id: z.optional(z.nullable(z.string())),
  visibility: z.optional(z.string()),
  spoiler_text: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.string())),
  account: accountSchema,
  media_attachments: z.optional(z.nullable(z.array(mediaAttachment))),
  card: z.optional(z.nullable(card)),
  replies_count: z.optional(z.nullable(z.number())),
  reblogs_count: z.optional(z.nullable(z.number())),
  favourites_count: z.optional(z.nullable(z.number())),
};

/** A status as it appears inside another one (the reblogged or quoted post). */
export const innerStatusSchema = z.looseObject(statusFields);

export const statusSchema = z.looseObject({
  ...statusFields,
  reblog: z.optional(z.nullable(innerStatusSchema)),
  // Mastodon 4.5 quote posts: a Quote (with the status) or a ShallowQuote (with its id only).
  quote: z.optional(z.nullable(z.looseObject({
    state: z.optional(z.string()),
    quoted_status: z.optional(z.nullable(innerStatusSchema)),
    quoted_status_id: z.optional(z.nullable(z.string())),
  }))),
});

export const statusListSchema = z.array(z.unknown());

export type Jrd = z.infer<typeof jrdSchema>;
export type MastodonAccount = z.infer<typeof accountSchema>;
export type MastodonStatus = z.infer<typeof statusSchema>;
export type InnerStatus = z.infer<typeof innerStatusSchema>;
