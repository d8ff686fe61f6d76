import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { learningRoutes } from './routes.ts';

/** Actions to improve and lessons learnt: /learning. */
export const learningModule = modulePlugin<RouteDeps>([[learningRoutes, '/learning']]);
