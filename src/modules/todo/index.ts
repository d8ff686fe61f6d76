import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { toDoRoutes } from './routes.ts';

/** The staff to-do list: /to-do. */
export const toDoModule = modulePlugin<RouteDeps>([[toDoRoutes]]);
