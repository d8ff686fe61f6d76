import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { outboxRoutes } from './routes.ts';

/** Messages sent, letters to print and calls to make: /admin/messages. */
export const outboxModule = modulePlugin<RouteDeps>([[outboxRoutes, '/admin/messages']]);
