import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { safeguardingRoutes, safeguardingSettingsRoutes } from './routes.ts';

/** Safeguarding concerns (C3): /safeguarding, and the leads at /organisation/safeguarding. */
export const safeguardingModule = modulePlugin<RouteDeps>([[safeguardingRoutes, '/safeguarding'], [safeguardingSettingsRoutes]]);
