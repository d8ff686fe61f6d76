import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { decisionLogRoutes } from './routes.ts';

/** What each project decided and did about it: /projects/:id/decisions. */
export const decisionLogModule = modulePlugin<RouteDeps>([[decisionLogRoutes, '/projects']]);
