import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { paperRoutes } from './routes.ts';
import { paperLinkRoutes, paperSendingRoutes } from './sending-routes.ts';

/** Meeting papers in every format people need: /meetings/:id/papers, sent to each person, and opened by signed link at /papers/:token. */
export const papersModule = modulePlugin<RouteDeps>([[paperRoutes, '/meetings'], [paperSendingRoutes, '/meetings'], [paperLinkRoutes]]);
