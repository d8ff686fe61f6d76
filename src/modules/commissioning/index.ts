import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { commissioningRoutes } from './routes.ts';
import { panelRoutes } from './panel-routes.ts';

/** Commissioning with people who draw on care (P6, P7): /commissioning. */
export const commissioningModule = modulePlugin<RouteDeps>([
  [commissioningRoutes, '/commissioning'],
  [panelRoutes, '/commissioning'],
]);
