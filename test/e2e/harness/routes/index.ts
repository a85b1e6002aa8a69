// The fake production APIs every test server answers. To fake another host, add one file under
// routes/ that exports a RouteModule and list it here.

import type { RouteModule } from '../route-kit';
import { blueskyRoute } from './bluesky';
import { companySiteRoute } from './company-site';
import { githubRoute } from './github';
import { gravatarRoute } from './gravatar';
import { hackerNewsRoute } from './hackernews';
import { hostileRoute } from './hostile';
import { mastodonRoute } from './mastodon';
import { wikidataRoute } from './wikidata';

export const defaultRoutes: readonly RouteModule[] = [
  blueskyRoute, gravatarRoute, githubRoute, hackerNewsRoute, mastodonRoute, wikidataRoute, companySiteRoute,
  // Last: it answers about hostile people on the shared API hosts and hands every other request on.
  hostileRoute,
];
