import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { peopleRoutes } from './routes.ts';

/** People, their contact choices, strengths and access needs: /people. */
export const peopleModule = modulePlugin<RouteDeps>([[peopleRoutes, '/people']]);
