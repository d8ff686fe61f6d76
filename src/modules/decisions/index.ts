import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { proposalRoutes } from './routes.ts';
import { voteRoutes } from './vote-routes.ts';

/** Proposals and votes on a project's questions. */
export const decisionsModule = modulePlugin<RouteDeps>([[proposalRoutes], [voteRoutes]]);
