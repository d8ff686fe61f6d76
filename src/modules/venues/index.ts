import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { venueRoutes } from './routes.ts';

/** Places to meet and how people get in: /venues. */
export const venuesModule = modulePlugin<RouteDeps>([[venueRoutes, '/venues']]);
