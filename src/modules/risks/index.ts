import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { riskRoutes } from './routes.ts';

/** Risk logs made with members (C3): /risks, each project's at /risks?log=<project>. */
export const risksModule = modulePlugin<RouteDeps>([[riskRoutes, '/risks']]);
