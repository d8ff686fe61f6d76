import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { replyRoutes } from './routes.ts';

/** Taking part without signing in: personal action links and reply codes. */
export const repliesModule = modulePlugin<RouteDeps>([[replyRoutes]]);
