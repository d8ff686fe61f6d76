import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { charterRoutes } from './routes.ts';

/** The organisation's co-production charter (C1, C2): /charter. */
export const charterModule = modulePlugin<RouteDeps>([[charterRoutes, '/charter']]);
