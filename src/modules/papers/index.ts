import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { paperRoutes } from './routes.ts';

/** Meeting papers in every format people need: /meetings/:id/papers. */
export const papersModule = modulePlugin<RouteDeps>([[paperRoutes, '/meetings']]);
