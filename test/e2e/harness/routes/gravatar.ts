// api.gravatar.com, answered from the recorded profiles in test/fixtures/api/gravatar.
//
// A recorded profile carries no address (only placeholder hashes), so which address owns which profile
// is WRITTEN-HERE: GRAVATAR_FIXTURE_ADDRESSES below. The route answers the SHA-256 of those addresses
// (what Earshot sends) and the profile's own slug (the last part of its profile_url), as v3 does.
// Everything else is a 404, whose body is WRITTEN-HERE (no recording of it exists).
//
// GRAVATAR_WORLD (WRITTEN-HERE, for the sources end-to-end test and the lookup tool): one profile in the
// recorded v3 shape (that of mcp-server-gravatar-test-fixture-v3-profile-synthetic.json) for a fictional
// person whose verified accounts are accounts the other fake routes serve, so that Gravatar (tier A, by
// hash) leads to tier B identities on GitHub, Bluesky and Mastodon.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { json, rawJson, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/gravatar/', import.meta.url));

/** The addresses whose Gravatar profile the fake answers, and the recorded file it answers with. */
export const GRAVATAR_FIXTURE_ADDRESSES: Readonly<Record<string, string>> = {
  // api.gravatar.com/v3/profiles/{hash}, recorded (values sanitised by the Gravatar iOS SDK): John Appleseed.
  'john.appleseed@earshot.test': 'gravatar-sdk-ios-v3-fullProfile.json',
  // The public v3 shape with four verified accounts (GitHub testuser, WordPress, Stack Overflow, Bluesky).
  'test.user@earshot.test': 'mcp-server-gravatar-test-fixture-v3-profile-synthetic.json',
  // The retired gravatar.com/{hash}.json shape: the v3 endpoint never sends it; here to prove it is a source error.
  'legacy.shape@earshot.test': 'gravatar-sdk-ios-legacy-json-FullProfileWithBoolsAsStrings.json',
};

/** The people only this file's written profiles describe, and where their verified accounts lead. */
export const GRAVATAR_WORLD = {
  wren: {
    name: 'Wren Okafor',
    // A free-mail address: the domain rules (Bluesky domain handles, WebFinger, company) send nothing.
    email: 'wren.okafor@fastmail.com',
    slug: 'wrenokafor',
    github: 'wren-okafor',
    bluesky: 'wrenokafor.bsky.social',
    mastodon: 'wren@social.acme.example',
  },
} as const;

// WRITTEN-HERE: Wren Okafor's v3 profile (fields as in the recorded synthetic profile; `hash` is filled in).
const WREN_PROFILE = {
  display_name: 'Wren Okafor',
  profile_url: `https://gravatar.com/${GRAVATAR_WORLD.wren.slug}`,
  avatar_url: 'https://2.gravatar.com/avatar/wrenokafor',
  avatar_alt_text: '',
  location: 'Lagos',
  description: 'Developer advocate. Writes about APIs and the fediverse.',
  job_title: 'Developer Advocate',
  company: 'Okafor Labs',
  verified_accounts: [
    { service_type: 'github', service_label: 'GitHub', service_icon: 'https://gravatar.com/icons/github.svg', url: `https://github.com/${GRAVATAR_WORLD.wren.github}`, is_hidden: false },
    { service_type: 'bluesky', service_label: 'Bluesky', service_icon: 'https://gravatar.com/icons/bluesky.svg', url: `https://bsky.app/profile/${GRAVATAR_WORLD.wren.bluesky}`, is_hidden: false },
    { service_type: 'mastodon', service_label: 'Mastodon', service_icon: 'https://gravatar.com/icons/mastodon.svg', url: 'https://social.acme.example/@wren', is_hidden: false },
  ],
  pronunciation: '',
  pronouns: 'she/her',
};

const WRITTEN_PROFILES: Readonly<Record<string, object>> = { [GRAVATAR_WORLD.wren.email]: WREN_PROFILE };

/** Gravatar's identifier: SHA-256 (hex) of the trimmed, lower-cased address. */
export function gravatarFixtureHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

let cached: Map<string, string> | undefined;

/** Profile bodies by the identifiers v3 accepts: the address hash and the profile slug. */
function profiles(): Map<string, string> {
  if (cached) return cached;
  cached = new Map();
  for (const [email, file] of Object.entries(GRAVATAR_FIXTURE_ADDRESSES)) {
    const body = readFileSync(FIXTURES + file, 'utf8');
    cached.set(gravatarFixtureHash(email), body);
    const profileUrl = (JSON.parse(body) as { profile_url?: unknown }).profile_url;
    const slug = typeof profileUrl === 'string' ? new URL(profileUrl).pathname.split('/').filter(Boolean).pop() : undefined;
    if (slug && !cached.has(slug)) cached.set(slug, body);
  }
  for (const [email, profile] of Object.entries(WRITTEN_PROFILES)) {
    const hash = gravatarFixtureHash(email);
    const body = JSON.stringify({ hash, ...profile });
    cached.set(hash, body);
    const slug = new URL((profile as { profile_url: string }).profile_url).pathname.split('/').filter(Boolean).pop();
    if (slug && !cached.has(slug)) cached.set(slug, body);
  }
  return cached;
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const match = /^\/v3\/profiles\/([^/]+)$/.exec(request.path);
  if (!match) return undefined;
  const body = profiles().get(decodeURIComponent(match[1] ?? '').toLowerCase());
  // WRITTEN-HERE: the body of v3's 404 (Earshot reads only the status).
  return body ? rawJson(body) : json({ error: 'Profile not found', code: 'not_found' }, 404);
}

export const gravatarRoute: RouteModule = { hosts: ['api.gravatar.com'], handle };
