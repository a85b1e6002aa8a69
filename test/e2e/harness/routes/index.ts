// The fake production APIs every test server answers. To fake another host, add one file under
// routes/ that exports a RouteModule and list it here.

import type { RouteModule } from '../route-kit';
import { blueskyRoute } from './bluesky';

export const defaultRoutes: readonly RouteModule[] = [blueskyRoute];
