import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { impactRoutes } from './routes.ts';
import { openReportRoutes } from './open-routes.ts';

/** The dashboard and impact report: /impact. What members may read of them: /our-impact. */
export const impactModule = modulePlugin<RouteDeps>([
  [impactRoutes, '/impact'],
  [openReportRoutes, '/our-impact'],
]);
