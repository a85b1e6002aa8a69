import * as z from 'zod/mini';
import type { PersonRecord } from '../../shared/domain';
import { profileSchema } from './bluesky-schemas';
import type { IdentityDraft, SourceHttp } from './source';
import { validatedBy, validItems } from './validate';

const SEARCH_LIMIT = 10;
/** A name search finds strangers too: only this many same-name accounts are offered as possible matches. */
const MATCHES_KEPT = 5;
const NO_UNAUTHENTICATED = '!no-unauthenticated';

const searchSchema = z.looseObject({ actors: z.array(z.unknown()) });

/** "Dana Whitfield", "dana  whitfield", "Dána Whitfield" all read alike. */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Accounts whose display name is the name the user chose to look up (app.bsky.actor.searchActors).
 * Nothing ties such an account to an address, so each is a possible match (tier D) until the user
 * confirms it; the search matches handles and bios too, and those hits are left out.
 */
export async function searchBlueskyByName(person: PersonRecord, http: SourceHttp, api: string, profileUrl: (handle: string) => string): Promise<IdentityDraft[]> {
  const name = person.name.trim();
  if (!name) return [];
  const url = `${api}/app.bsky.actor.searchActors?q=${encodeURIComponent(name)}&limit=${SEARCH_LIMIT}`;
  const answer = await http.getJson(url, 'name', validatedBy(searchSchema, 'searchActors'));
  if (!answer.ok) return [];
  const wanted = folded(name);
  return validItems(profileSchema, answer.data.actors)
    .filter((actor) => folded(actor.displayName ?? '') === wanted)
    .filter((actor) => !actor.labels?.some((label) => label.val === NO_UNAUTHENTICATED))
    .slice(0, MATCHES_KEPT)
    .map((actor) => {
      const identity: IdentityDraft = {
        network: 'bluesky',
        handle: actor.handle,
        url: profileUrl(actor.handle),
        externalId: actor.did,
        tier: 'D',
        evidence: [{
          kind: 'name-search',
          text: `Its name is "${actor.displayName ?? name}", found by searching Bluesky for a name you chose to look up; nothing ties it to an address.`,
          url: profileUrl(actor.handle),
        }],
      };
      if (actor.description) identity.description = actor.description;
      if (actor.avatar) identity.avatarUrl = actor.avatar;
      if (actor.displayName) identity.displayName = actor.displayName;
      return identity;
    });
}
