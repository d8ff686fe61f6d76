import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { reviewRoutes } from './routes.ts';

/** Reviews: how are we doing? (/reviews). */
export const reviewsModule = modulePlugin<RouteDeps>([[reviewRoutes, '/reviews']]);
