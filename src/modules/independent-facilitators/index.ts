import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { facilitatingRoutes, namingRoutes } from './routes.ts';

/** Independent facilitators (issue 22): their own pages at /facilitating, and admins naming them. */
export const independentFacilitatorsModule = modulePlugin<RouteDeps>([[facilitatingRoutes, '/facilitating'], [namingRoutes]]);
