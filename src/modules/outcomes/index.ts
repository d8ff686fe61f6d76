import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { outcomePublicRoutes } from './public-routes.ts';
import { outcomeRoutes } from './routes.ts';

/** Outcomes, surveys and stories (/outcomes), and surveys answered by personal link. */
export const outcomesModule = modulePlugin<RouteDeps>([[outcomeRoutes, '/outcomes'], [outcomePublicRoutes]]);
