/**
 * One post's analysis (DESIGN.md §4, "what they talk about" and "needs attention"), computed in the
 * background when posts are saved and stored with them, so the sidebar only counts.
 *
 * Deterministic: the same text always gives the same analysis. Bounded: only the first
 * ANALYSIS_MAX_CHARS characters are read (hashtags, mentions, sentiment), after invisible and
 * direction-control characters are removed; the part-of-speech tagger, the costly part, reads the
 * first TAGGER_MAX_CHARS of those (organisations, topics); every list is capped.
 * Honest about language: hashtags and mentions are read in any language; organisations, topics and
 * sentiment only in English (others get [] and 0, except a post of emoji alone).
 */
import { cleanText, type PostAnalysis } from '../../shared/insights';
import { entitiesOf } from './entities';
import { isEnglish } from './language';
import { sentencesOf, sentimentOf } from './sentiment';
import { hashtagsOf, mentionsOf, proseOf } from './tags';

export type { PostAnalysis };

export function analysePost(text: string, lang?: string): PostAnalysis {
  const clean = cleanText(typeof text === 'string' ? text : '');
  const hashtags = hashtagsOf(clean);
  const mentions = mentionsOf(clean);
  const prose = proseOf(clean);
  // Without a single letter ("🎉🎉", "+1 👍"), only the emoji lexicon speaks, and it is not tied to a language.
  if (!/\p{L}/u.test(prose)) return { hashtags, mentions, organisations: [], topics: [], sentiment: sentimentOf([prose]) };
  if (!isEnglish(prose, lang)) return { hashtags, mentions, organisations: [], topics: [], sentiment: 0 };
  const { organisations, topics } = entitiesOf(prose, namesIn(hashtags, mentions));
  return { hashtags, mentions, organisations, topics, sentiment: sentimentOf(sentencesOf(prose)) };
}

/** `#ContosoFail` → contoso, fail; `@contoso.bsky.social` → contoso: names the post itself confirms. */
function namesIn(hashtags: readonly string[], mentions: readonly string[]): Set<string> {
  const words = [
    ...hashtags.flatMap((tag) => tag.slice(1).split(/(?<=\p{Ll})(?=\p{Lu})|_/u)),
    ...mentions.map((mention) => mention.slice(1).split(/[.@]/)[0] ?? ''),
  ];
  return new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length > 1));
}
