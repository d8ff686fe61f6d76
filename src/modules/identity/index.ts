import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { identityRoutes } from './routes.ts';
import { twoStepRoutes } from './two-step-routes.ts';

/** Signing in and out, sign-in links, two-step sign-in, and each person's own account. */
export const identityModule = modulePlugin<RouteDeps>([[identityRoutes], [twoStepRoutes]]);
