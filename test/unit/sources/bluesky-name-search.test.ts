import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blueskySource } from '../../../src/background/sources/bluesky';
import type { PersonRecord } from '../../../src/shared/domain';
import { parseSettings } from '../../../src/shared/settings';
import { directHttp } from './direct-http';

// RECORDED: the AppView's searchActors answer for "car" (atproto's actor-search snapshot, converted).
const RECORDED_ACTORS = JSON.parse(readFileSync(new URL(
  '../../fixtures/api/bluesky/json/atproto-appview-snapshot-actor-search/pds-actor-search-views-search-gives-relevant-results-1.json',
  import.meta.url,
), 'utf8')) as unknown[];

const context = { settings: parseSettings({ onboarded: true }), now: () => 0 };

function namedOnly(name: string, chosen = true): PersonRecord {
  return {
    id: `name:${name.toLowerCase()}`, email: null, name, domain: null, firstSeenAt: 0, lastSeenAt: 0, lookups: {},
    ...(chosen ? { lookupChosenAt: 1 } : {}),
  };
}

function recordingFetch(body: unknown, status = 200) {
  const urls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { urls, fetchImpl };
}

describe('Bluesky name search (a name the user chose to look up)', () => {
  it('offers only accounts whose display name is that name, as possible matches', async () => {
    const { urls, fetchImpl } = recordingFetch({ actors: RECORDED_ACTORS });
    const found = await blueskySource.resolve!(namedOnly('Latoya  Windler'), directHttp(fetchImpl), context);
    expect(urls).toEqual(['https://public.api.bsky.app/xrpc/app.bsky.actor.searchActors?q=Latoya%20%20Windler&limit=10']);
    expect(found.map((identity) => [identity.handle, identity.tier, identity.evidence[0]?.kind])).toEqual([
      ['carolina-mcderm77.test', 'D', 'name-search'],
    ]);
    expect(found[0]?.url).toBe('https://bsky.app/profile/carolina-mcderm77.test');
  });

  it('finds nothing for a name no account carries, and for a failed search', async () => {
    expect(await blueskySource.resolve!(namedOnly('Carl'), directHttp(recordingFetch({ actors: RECORDED_ACTORS }).fetchImpl), context)).toEqual([]);
    expect(await blueskySource.resolve!(namedOnly('Latoya Windler'), directHttp(recordingFetch({ error: 'x' }, 400).fetchImpl), context)).toEqual([]);
  });

  it('never searches a name the user did not choose (a participant known by name only)', async () => {
    const { urls, fetchImpl } = recordingFetch({ actors: RECORDED_ACTORS });
    expect(await blueskySource.resolve!(namedOnly('Latoya Windler', false), directHttp(fetchImpl), context)).toEqual([]);
    expect(urls).toEqual([]);
  });

  it('skips accounts that asked not to be shown to logged-out viewers', async () => {
    const hidden = { ...(RECORDED_ACTORS[3] as object), labels: [{ val: '!no-unauthenticated' }] };
    const { fetchImpl } = recordingFetch({ actors: [hidden] });
    expect(await blueskySource.resolve!(namedOnly('Latoya Windler'), directHttp(fetchImpl), context)).toEqual([]);
  });
});
