import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { easyReadRoutes } from './routes.ts';

/** Easy read (issue 24, P1, P2): the switch, a person's default, and staff writing easy read summaries. */
export const easyReadModule = modulePlugin<RouteDeps>([[easyReadRoutes, '/easy-read']]);
