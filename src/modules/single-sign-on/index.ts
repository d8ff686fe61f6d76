import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { singleSignOnRoutes } from './routes.ts';
import { signInSettingsRoutes } from './settings-routes.ts';

/** Staff signing in with their organisation's identity provider, and the organisation's sign-in settings. */
export const singleSignOnModule = modulePlugin<RouteDeps>([[singleSignOnRoutes], [signInSettingsRoutes]]);
