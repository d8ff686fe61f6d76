import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { projectRoutes } from './routes.ts';

/** Projects, their members and agreements: /projects. */
export const projectsModule = modulePlugin<RouteDeps>([[projectRoutes, '/projects']]);
