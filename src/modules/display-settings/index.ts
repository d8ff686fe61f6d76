import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { displaySettingsRoutes } from './routes.ts';

/** Display settings (issue 24, P1): text size, contrast, movement and reading aloud, at /display-settings. */
export const displaySettingsModule = modulePlugin<RouteDeps>([[displaySettingsRoutes, '/display-settings']]);
