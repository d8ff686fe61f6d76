import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { outreachRoutes } from './outreach-routes.ts';
import { communityGroupRoutes } from './routes.ts';

/** The directory of community groups and outreach to close the gaps (S5): /community-groups. */
export const communityGroupsModule = modulePlugin<RouteDeps>([
  [outreachRoutes, '/community-groups/outreach'],
  [communityGroupRoutes, '/community-groups'],
]);
