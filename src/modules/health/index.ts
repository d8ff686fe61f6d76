import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { healthRoutes } from './routes.ts';

/** /health, for load balancers and monitoring. */
export const healthModule = modulePlugin<RouteDeps>([[healthRoutes]]);
