import { blueskySource } from './bluesky';
import { companySiteSource } from './company-site';
import { githubSource } from './github';
import { gravatarSource } from './gravatar';
import { hackerNewsSource } from './hackernews';
import { mastodonSource } from './mastodon';
import type { Source } from './source';
import { wikidataSource } from './wikidata';

/**
 * Every source, in the order their lookups start. Gravatar comes early: the accounts it lists
 * (verified by Gravatar) are what the others then read.
 */
export const ALL_SOURCES: readonly Source[] = [
  blueskySource, gravatarSource, mastodonSource, githubSource, hackerNewsSource, wikidataSource, companySiteSource,
];
