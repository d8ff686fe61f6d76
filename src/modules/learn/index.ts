import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { learnRoutes } from './routes.ts';

/** Learn together (P3): short modules, who has done them, and the certificate of involvement, at /learn. */
export const learnModule = modulePlugin<RouteDeps>([[learnRoutes, '/learn']]);
