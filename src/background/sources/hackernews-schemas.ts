import * as z from 'zod/mini';

/**
 * The parts of hn.algolia.com's search answers (GET /api/v1/search_by_date) that Earshot reads. A hit
 * is a story or a comment; Ask HN stories have no url, comments have no title, and fields the index
 * lacks come as null, so nearly everything is optional.
 */
const text = z.optional(z.nullable(z.string()));
const count = z.optional(z.nullable(z.number()));

export const hitSchema = z.looseObject({
  objectID: z.string(),
  author: z.string(),
  created_at: z.optional(z.string()),
  created_at_i: z.optional(z.number()),
  title: text,
  url: text,
  story_text: text,
  comment_text: text,
  points: count,
  num_comments: count,
  story_id: count,
  story_title: text,
  story_url: text,
  parent_id: count,
  _tags: z.optional(z.array(z.string())),
});

export const searchSchema = z.looseObject({
  // Checked hit by hit (validItems): one odd hit must not hide the others.
  hits: z.array(z.unknown()),
  nbHits: z.optional(z.number()),
});

export type HackerNewsHit = z.infer<typeof hitSchema>;
