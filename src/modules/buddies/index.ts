import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { buddiesRoutes } from './routes.ts';

/** Buddies for newcomers (P5): /buddies. */
export const buddiesModule = modulePlugin<RouteDeps>([[buddiesRoutes, '/buddies']]);
