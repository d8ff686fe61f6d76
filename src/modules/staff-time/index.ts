import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { staffTimeRoutes, staffTimeSettingsRoutes } from './routes.ts';

/** Staff time for co-production (P4): /staff-time, and the settings at /organisation/staff-time. */
export const staffTimeModule = modulePlugin<RouteDeps>([[staffTimeRoutes, '/staff-time'], [staffTimeSettingsRoutes]]);
