import * as z from 'zod/mini';

/**
 * The parts of api.github.com's answers Earshot reads (REST v3: users, social accounts, search,
 * events). Loose objects, and null allowed wherever GitHub sends null for "not filled in".
 */
const text = z.optional(z.nullable(z.string()));

export const userSchema = z.looseObject({
  login: z.string(),
  id: z.number(),
  html_url: z.string(),
  avatar_url: text,
  type: z.optional(z.string()),
  name: text,
  company: text,
  blog: text,
  location: text,
  bio: text,
  twitter_username: text,
});

export const socialAccountSchema = z.looseObject({ provider: z.string(), url: z.string() });

/** A list whose items are checked one by one (validItems), so one odd item does not hide the rest. */
export const listSchema = z.array(z.unknown());

/** The envelope of every /search answer. */
export const searchSchema = z.looseObject({
  total_count: z.number(),
  incomplete_results: z.optional(z.boolean()),
  items: z.array(z.unknown()),
});

/** A user in search results: the account only, none of the profile. */
export const searchUserSchema = z.looseObject({
  login: z.string(),
  id: z.number(),
  html_url: z.string(),
  avatar_url: text,
  type: z.optional(z.string()),
});

export const searchCommitSchema = z.looseObject({
  sha: z.string(),
  html_url: z.string(),
  commit: z.looseObject({
    author: z.nullable(z.looseObject({ email: z.optional(z.string()), name: z.optional(z.string()), date: z.optional(z.string()) })),
  }),
  // null when the commit's address belongs to no GitHub account.
  author: z.nullable(searchUserSchema),
});

export const eventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  actor: z.looseObject({ login: z.string() }),
  repo: z.looseObject({ name: z.string() }),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

export type GithubUser = z.infer<typeof userSchema>;
export type GithubSocialAccount = z.infer<typeof socialAccountSchema>;
export type GithubSearchUser = z.infer<typeof searchUserSchema>;
export type GithubSearchCommit = z.infer<typeof searchCommitSchema>;
export type GithubEvent = z.infer<typeof eventSchema>;
