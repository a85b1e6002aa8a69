// public.api.bsky.app, answered from the AppView's own recorded responses
// (test/fixtures/api/bluesky/json, converted from the atproto repository's Vitest snapshots).
//
// The recorded values are sent as recorded. What is written here (no recording shows it) is marked
// WRITTEN-HERE below: the feed envelope, the cursor, and two error messages.
//
// Note on DIDs: the snapshots replace every DID by `user(N)`, numbered afresh in each snapshot, so the
// same person has different `user(N)` in different entries. DID lookups therefore use the numbering of
// one entry (the getProfiles answer, which covers six actors at once); the DIDs *inside* a served feed
// keep their own snapshot's numbering.
//
// BLUESKY_WORLD (WRITTEN-HERE, for the sources end-to-end test and the lookup tool): recorded actors
// re-homed under other handles, so the senders of that test have accounts. A re-homed actor is the
// recorded profile view with its handle and DID (and, where given, display name and description)
// substituted, and its recorded feed with the same substitution in the items it authored or reposted;
// nothing else is changed. The decoys are accounts whose display name is a sender's name, on handles
// Earshot must never ask for by itself (it searches a name only when the user chooses to look one up).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { json, rawJson, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/bluesky/', import.meta.url));

// Profile views served by getProfile, in order of preference (the first entry naming a handle or DID wins).
const PROFILE_ENTRIES = [
  // A getProfiles answer: alice, bob, carol, dan, eve, frank, with one DID numbering shared by all six.
  'pds profile views > fetches multiple profiles 1',
  // noprofile.test has an account but no profile record; the AppView still answers a bare view. Its
  // DID `user(0)` is alice's in the entry above, so it is reachable by handle only.
  'pds profile views > returns empty profile if actor exists but has no profile 1',
];

// Author feeds (arrays of feed view posts): each is the full feed of one actor (alice, bob, carol, dan),
// including what that actor reposted. The postsCount of the profiles above agrees with them.
const FEED_ENTRIES = [1, 2, 3, 4].map(
  (n) => `pds author feed views > fetches full author feeds for self (sorted, minimal viewer state). ${n}`,
);

// RECORDED-LIVE from public.api.bsky.app (pds issue 342); sent byte for byte.
const PROFILE_NOT_FOUND_FILE = 'error-400-getProfile-profile-not-found-public-api-pds-issue-342.json';

interface Rehomed {
  /** The recorded actor whose profile and feed are served. */
  from: string;
  handle: string;
  did: string;
  displayName?: string;
  description?: string;
}

export const BLUESKY_WORLD = {
  /** Verified on Wren Okafor's Gravatar profile (routes/gravatar.ts); bob.test's three posts. */
  wren: { from: 'bob.test', handle: 'wrenokafor.bsky.social', did: 'did:plc:earshotwrenokafor', displayName: 'Wren Okafor' },
  /** dana@cloud-blog.example's own domain handle (tier A); alice.test's four posts. */
  dana: { from: 'alice.test', handle: 'dana.cloud-blog.example', did: 'did:plc:earshotdanawhitfield', displayName: 'Dana Whitfield', description: 'Editor at Cloud Blog.' },
  /** The company handle of cloud-blog.example (tier C); carol.test's three feed items. */
  cloudBlog: { from: 'carol.test', handle: 'cloud-blog.example', did: 'did:plc:earshotcloudblog', displayName: 'Cloud Blog Inc.' },
  /**
   * Linked from Ines Carvalho's own email signature (test/fixtures/mail/e2e/gmail-signature.html, the
   * signatures end-to-end test); bob.test's three posts.
   */
  ines: { from: 'bob.test', handle: 'inescarvalho.bsky.social', did: 'did:plc:earshotinescarvalho', displayName: 'Ines Carvalho' },
  /** Same-name accounts that are NOT the senders of the test conversation. */
  decoys: [
    { from: 'eve.test', handle: 'wren-okafor.bsky.social', did: 'did:plc:earshotdecoywren', displayName: 'Wren Okafor' },
    { from: 'frank.test', handle: 'danawhitfield.bsky.social', did: 'did:plc:earshotdecoydana', displayName: 'Dana Whitfield' },
    { from: 'dan.test', handle: 'johnlennon.bsky.social', did: 'did:plc:earshotdecoyjohn', displayName: 'John Lennon' },
  ],
} as const satisfies Record<string, Rehomed | readonly Rehomed[]>;

const REHOMED: readonly Rehomed[] = [BLUESKY_WORLD.wren, BLUESKY_WORLD.dana, BLUESKY_WORLD.cloudBlog, BLUESKY_WORLD.ines, ...BLUESKY_WORLD.decoys];

interface ActorRef {
  did: string;
  handle: string;
}
type ProfileView = ActorRef & Record<string, unknown>;
interface FeedViewPost {
  post: { author: ActorRef };
  reason?: { $type: string; by?: ActorRef };
}

interface BlueskyData {
  byHandle: Map<string, ProfileView>;
  byDid: Map<string, ProfileView>;
  feeds: FeedViewPost[][];
  /** The feeds of re-homed actors, by lower-cased handle. */
  rehomedFeeds: Map<string, FeedViewPost[]>;
  profileNotFound: string;
}

let cached: BlueskyData | undefined;

function load(): BlueskyData {
  if (cached) return cached;
  const index = JSON.parse(readFileSync(FIXTURES + 'json/index.json', 'utf8')) as Array<{ entry: string; file: string }>;
  const entry = (name: string): unknown => {
    const row = index.find((r) => r.entry === name);
    if (!row) throw new Error(`Bluesky fixture entry not found: ${name} (run scripts/fixtures/convert-bluesky-snaps.ts)`);
    return JSON.parse(readFileSync(FIXTURES + 'json/' + row.file, 'utf8'));
  };

  const byHandle = new Map<string, ProfileView>();
  const byDid = new Map<string, ProfileView>();
  for (const name of PROFILE_ENTRIES) {
    const value = entry(name) as ProfileView | ProfileView[];
    for (const profile of Array.isArray(value) ? value : [value]) {
      const handle = profile.handle.toLowerCase();
      if (!byHandle.has(handle)) byHandle.set(handle, profile);
      if (!byDid.has(profile.did)) byDid.set(profile.did, profile);
    }
  }
  const feeds = FEED_ENTRIES.map((name) => entry(name) as FeedViewPost[]);
  const profileNotFound = readFileSync(FIXTURES + PROFILE_NOT_FOUND_FILE, 'utf8');
  const rehomedFeeds = new Map<string, FeedViewPost[]>();
  cached = { byHandle, byDid, feeds, rehomedFeeds, profileNotFound };
  for (const alias of REHOMED) {
    const recorded = byHandle.get(alias.from);
    if (!recorded) throw new Error(`Bluesky fixture actor not found: ${alias.from}`);
    const profile: ProfileView = { ...structuredClone(recorded), handle: alias.handle, did: alias.did };
    if (alias.displayName !== undefined) profile.displayName = alias.displayName;
    if (alias.description !== undefined) profile.description = alias.description;
    byHandle.set(alias.handle, profile);
    byDid.set(alias.did, profile);
    const rehome = (actor: ActorRef): ActorRef => (actor.handle.toLowerCase() === alias.from ? { ...actor, handle: alias.handle, did: alias.did } : actor);
    rehomedFeeds.set(alias.handle, structuredClone(recordedFeed(cached, alias.from)).map((item) => ({
      ...item,
      post: { ...item.post, author: rehome(item.post.author) },
      ...(item.reason?.by ? { reason: { ...item.reason, by: rehome(item.reason.by) } } : {}),
    })));
  }
  return cached;
}

/** The actor whose feed an item belongs to: who reposted it, else who wrote it. */
function feedOwner(item: FeedViewPost): string {
  return (item.reason?.by ?? item.post.author).handle.toLowerCase();
}

/** The recorded feed of this handle: an entry that is all theirs, else their items of a mixed entry. */
function recordedFeed(data: BlueskyData, handle: string): FeedViewPost[] {
  const whole = data.feeds.find((feed) => feed.length > 0 && feed.every((item) => feedOwner(item) === handle));
  if (whole) return whole;
  for (const feed of data.feeds) {
    const theirs = feed.filter((item) => feedOwner(item) === handle);
    if (theirs.length > 0) return theirs;
  }
  return [];
}

function findProfile(data: BlueskyData, actor: string): ProfileView | undefined {
  return data.byHandle.get(actor.toLowerCase()) ?? data.byDid.get(actor);
}

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;

/** The 400 for an actor that is missing, malformed, or unknown; undefined when the actor is known. */
function actorError(data: BlueskyData, actor: string | null): RouteResponse | undefined {
  if (actor === null || actor === '') {
    // WRITTEN-HERE: the XRPC server's message for a missing required parameter.
    return json({ error: 'InvalidRequest', message: 'Error: Params must have the property "actor"' }, 400);
  }
  if (findProfile(data, actor)) return undefined;
  if (!HANDLE.test(actor) && !DID.test(actor)) {
    // WRITTEN-HERE from the message quoted in mattn/bsky issue 46 (only the client-formatted text is recorded).
    return json({ error: 'InvalidRequest', message: 'Error: actor must be a valid did or a handle' }, 400);
  }
  return rawJson(data.profileNotFound, 400);
}

function getProfile(data: BlueskyData, query: URLSearchParams): RouteResponse {
  const actor = query.get('actor');
  return actorError(data, actor) ?? json(findProfile(data, actor ?? ''));
}

/** The lexicon's maxLength of getProfiles' `actors`. */
const MAX_ACTORS = 25;

function getProfiles(data: BlueskyData, query: URLSearchParams): RouteResponse {
  const actors = query.getAll('actors');
  // WRITTEN-HERE: the XRPC server's messages for a missing parameter and for an array over its maxLength.
  if (actors.length === 0) return json({ error: 'InvalidRequest', message: 'Error: Params must have the property "actors"' }, 400);
  if (actors.length > MAX_ACTORS) return json({ error: 'InvalidRequest', message: `Error: Params/actors must not have more than ${MAX_ACTORS} elements` }, 400);
  // Like the AppView (atproto's "fetches multiple profiles" test), unknown actors are left out rather
  // than failing the whole call, and the views come in the order asked.
  const profiles = actors.flatMap((actor) => findProfile(data, actor) ?? []);
  return json({ profiles });
}

function getAuthorFeed(data: BlueskyData, query: URLSearchParams): RouteResponse {
  const actor = query.get('actor');
  const error = actorError(data, actor);
  if (error) return error;
  const profile = findProfile(data, actor ?? '');
  const handle = profile?.handle.toLowerCase() ?? '';
  const feed = profile ? data.rehomedFeeds.get(handle) ?? recordedFeed(data, handle) : [];
  const limit = Math.min(100, Math.max(1, Number.parseInt(query.get('limit') ?? '50', 10) || 50));
  // WRITTEN-HERE: the snapshots hold the feed array only, without the {feed, cursor} envelope or a
  // cursor; the cursor here is an offset, given only when more items remain.
  const offset = Math.max(0, Number.parseInt(query.get('cursor') ?? '0', 10) || 0);
  const page = feed.slice(offset, offset + limit);
  const next = offset + page.length;
  return json(next < feed.length ? { feed: page, cursor: String(next) } : { feed: page });
}

/**
 * WRITTEN-HERE: app.bsky.actor.searchActors over the actors this fake knows, matching every word of `q`
 * in the display name or the handle (the real AppView ranks by relevance and also reads bios). The
 * answer is `{actors, cursor?}` of profile views, the shape of the recorded actor-search snapshot.
 */
function searchActors(data: BlueskyData, query: URLSearchParams): RouteResponse {
  const q = (query.get('q') ?? query.get('term') ?? '').toLowerCase().trim();
  if (q === '') return json({ error: 'InvalidRequest', message: 'Error: Params must have the property "q"' }, 400);
  const words = q.split(/\s+/);
  const limit = Math.min(100, Math.max(1, Number.parseInt(query.get('limit') ?? '25', 10) || 25));
  const seen = new Set<string>();
  const actors = [...data.byHandle.values()].filter((profile) => {
    if (seen.has(profile.did)) return false;
    seen.add(profile.did);
    const haystack = `${String(profile.displayName ?? '')} ${profile.handle}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return json({ actors: actors.slice(0, limit) });
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET' || !request.path.startsWith('/xrpc/')) return undefined;
  const data = load();
  switch (request.path) {
    case '/xrpc/app.bsky.actor.getProfile':
      return getProfile(data, request.query);
    case '/xrpc/app.bsky.actor.getProfiles':
      return getProfiles(data, request.query);
    case '/xrpc/app.bsky.feed.getAuthorFeed':
      return getAuthorFeed(data, request.query);
    case '/xrpc/app.bsky.actor.searchActors':
      return searchActors(data, request.query);
    default:
      // WRITTEN-HERE: what an XRPC server answers for a method it does not have.
      return json({ error: 'MethodNotImplemented', message: 'Method Not Implemented' }, 501);
  }
}

export const blueskyRoute: RouteModule = { hosts: ['public.api.bsky.app'], handle };

/** The actors the fake AppView knows, for tests that need a handle or DID that resolves. */
export function blueskyFixtureActors(): Array<{ handle: string; did: string; feedLength: number }> {
  const data = load();
  return [...data.byHandle.values()].map((profile) => ({
    handle: profile.handle,
    did: profile.did,
    feedLength: (data.rehomedFeeds.get(profile.handle.toLowerCase()) ?? recordedFeed(data, profile.handle.toLowerCase())).length,
  }));
}
