import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { budgetRoutes } from './budget-routes.ts';
import { claimDecisionRoutes } from './decision-routes.ts';
import { claimExportRoutes } from './export-routes.ts';
import { meetingClaimRoutes } from './meeting-routes.ts';
import { myClaimRoutes } from './my-routes.ts';
import { claimReceiptRoutes } from './receipt-routes.ts';
import { claimRoutes } from './routes.ts';

/** Claims and expenses (/claims, /my-claims) and each project's budget (/projects/:id/budget). */
export const claimsModule = modulePlugin<RouteDeps>([
  [claimRoutes, '/claims'],
  [claimDecisionRoutes, '/claims'],
  [claimReceiptRoutes, '/claims'],
  [claimExportRoutes, '/claims'],
  [meetingClaimRoutes, '/claims'],
  [myClaimRoutes, '/my-claims'],
  [budgetRoutes, '/projects'],
]);
