import type { HandleCandidate } from './bluesky-handles';
import { profileSchema, profilesSchema, type BlueskyProfile } from './bluesky-schemas';
import type { SourceHttp } from './source';
import { validatedBy } from './validate';

/**
 * The AppView's profile views of the candidate handles, by handle. Several candidates cost one
 * app.bsky.actor.getProfiles request (an actor without an account is simply absent from its answer;
 * candidate lists hold at most three handles, well under its 25); a lone candidate is asked with
 * getProfile, the same one request. A view is kept only under the handle it names, so an answer about
 * another account proves nothing about a candidate.
 */
export async function candidateProfiles(candidates: readonly HandleCandidate[], http: SourceHttp, api: string): Promise<Map<string, BlueskyProfile>> {
  const found = new Map<string, BlueskyProfile>();
  const [only] = candidates;
  if (!only) return found;
  let profiles: BlueskyProfile[] = [];
  if (candidates.length === 1) {
    // The company handle alone is the mail domain; any other candidate carries the person's own words.
    const answer = await http.getJson(`${api}/app.bsky.actor.getProfile?actor=${encodeURIComponent(only.handle)}`, only.tier === 'C' ? 'domain' : 'handle', validatedBy(profileSchema, 'getProfile'));
    if (answer.ok) profiles = [answer.data];
  } else {
    const actors = candidates.map((candidate) => `actors=${encodeURIComponent(candidate.handle)}`).join('&');
    // Several candidates are always a person's handles (with the company's): the person's own words.
    const answer = await http.getJson(`${api}/app.bsky.actor.getProfiles?${actors}`, 'handle', validatedBy(profilesSchema, 'getProfiles'));
    if (answer.ok) profiles = answer.data.profiles;
  }
  const asked = new Set(candidates.map((candidate) => candidate.handle));
  for (const profile of profiles) {
    const handle = profile.handle.toLowerCase();
    if (asked.has(handle) && !found.has(handle)) found.set(handle, profile);
  }
  return found;
}
