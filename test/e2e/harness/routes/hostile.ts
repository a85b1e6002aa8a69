// The hostile world (test/fixtures/hostile/): answers about hostile people at the production API hosts,
// their own domains and fediverse servers, and the canary host that counts anything that got through.
//
// The API hosts are shared with the ordinary fake routes: a request about no hostile person goes on to
// the route that owns the host, so registering this route (last, in index.ts) changes nothing for the
// other tests.

import { bodyOf } from '../../../fixtures/hostile/kit';
import { HostileWorld, hostilePeople } from '../../../fixtures/hostile/world';
import type { RouteModule, RouteRequest, RouteResponse } from '../route-kit';
import { blueskyRoute } from './bluesky';
import { githubRoute } from './github';
import { gravatarRoute } from './gravatar';
import { hackerNewsRoute } from './hackernews';
import { wikidataRoute } from './wikidata';

/** The routes this one stands in front of, by host. */
const SHARED: readonly RouteModule[] = [blueskyRoute, gravatarRoute, githubRoute, hackerNewsRoute, wikidataRoute];

export const HOSTILE_WORLD = new HostileWorld(hostilePeople());

function owner(host: string): RouteModule | undefined {
  return SHARED.find((module) => module.hosts.includes(host));
}

async function handle(request: RouteRequest): Promise<RouteResponse | undefined> {
  const answer = request.method === 'GET' ? HOSTILE_WORLD.answer(request) : undefined;
  if (answer) return { status: answer.status, headers: { 'content-type': answer.contentType, 'cache-control': 'no-store' }, body: bodyOf(answer) };
  return owner(request.host)?.handle(request);
}

export const hostileRoute: RouteModule = {
  hosts: [...SHARED.flatMap((module) => module.hosts), ...HOSTILE_WORLD.ownHosts()],
  handle,
};
