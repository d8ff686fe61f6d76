import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { supporterRoutes } from './routes.ts';
import { actingRoutes } from './acting-routes.ts';
import { equalityWithSupporterRoutes } from './equality-routes.ts';

/** A person's supporters (/people/:id/supporters) and what a supporter does for them (/supporting). */
export const supportersModule = modulePlugin<RouteDeps>([
  [supporterRoutes, '/people'],
  [actingRoutes, '/supporting'],
  [equalityWithSupporterRoutes, '/supporting'],
]);
