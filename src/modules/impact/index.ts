import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { impactRoutes } from './routes.ts';

/** The dashboard and impact report: /impact. */
export const impactModule = modulePlugin<RouteDeps>([[impactRoutes, '/impact']]);
