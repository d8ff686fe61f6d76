import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { missingRoutes } from './missing-routes.ts';
import { equalityRoutes } from './routes.ts';

/** Equality monitoring and who is missing (issue 19). */
export const equalityModule = modulePlugin<RouteDeps>([
  [equalityRoutes, '/equality'],
  [missingRoutes, '/equality'],
]);
