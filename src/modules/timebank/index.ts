import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { timebankRoutes } from './routes.ts';

/** The time bank: /timebank. */
export const timebankModule = modulePlugin<RouteDeps>([[timebankRoutes, '/timebank']]);
