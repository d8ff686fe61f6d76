import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { pagesRoutes } from './routes.ts';

/** The home page and the pages about the model, words and accessibility. */
export const pagesModule = modulePlugin<RouteDeps>([[pagesRoutes]]);
