import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { timePollChangeRoutes } from './change-routes.ts';
import { timePollRoutes } from './routes.ts';
import { timePollSupporterRoutes } from './supporter-routes.ts';

/** When can everyone come? Polls of times for a project's meeting (issue 17). */
export const timePollsModule = modulePlugin<RouteDeps>([[timePollRoutes], [timePollChangeRoutes], [timePollSupporterRoutes]]);
