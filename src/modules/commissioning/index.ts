import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { commissioningRoutes } from './routes.ts';
import { panelRoutes } from './panel-routes.ts';
import { checkRoutes } from './check-routes.ts';
import { policyDraftRoutes } from './policy-draft-routes.ts';
import { panelLinkRoutes } from './link-routes.ts';
import { bidFormatRoutes } from './bid-format-routes.ts';

/** Commissioning with people who draw on care (P6, P7): /commissioning. */
export const commissioningModule = modulePlugin<RouteDeps>([
  [commissioningRoutes, '/commissioning'],
  [panelRoutes, '/commissioning'],
  [checkRoutes, '/commissioning'],
  [policyDraftRoutes, '/commissioning'],
  // A bid's summary in each panel member's format: its easy read version, and a printed copy.
  [bidFormatRoutes, '/commissioning'],
  // Panel links: a bid's document under the person's /act/ link, and staff sending a link.
  [panelLinkRoutes],
]);
