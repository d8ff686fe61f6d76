import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { identityRoutes } from './routes.ts';

/** Signing in and out, sign-in links, and each person's own account. */
export const identityModule = modulePlugin<RouteDeps>([[identityRoutes]]);
