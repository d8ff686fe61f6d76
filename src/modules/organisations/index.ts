import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { organisationRoutes } from './routes.ts';
import { organisationSettingsRoutes } from './settings-routes.ts';

/** First-run set-up and the organisation's own settings. */
export const organisationsModule = modulePlugin<RouteDeps>([[organisationRoutes], [organisationSettingsRoutes]]);
