import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { dataRightsRoutes } from './routes.ts';

/** People's rights over their data: /people/:id/data, /people/:id/erase, /data-requests, /data-retention. */
export const dataRightsModule = modulePlugin<RouteDeps>([[dataRightsRoutes]]);
