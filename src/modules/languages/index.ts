import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { languageSettingsRoutes, languageSwitchRoutes, personLanguageRoutes, welshVersionRoutes } from './routes.ts';

/** Welsh (issue 24): the switch at /language, settings at /organisation/languages, Welsh versions at /languages. */
export const languagesModule = modulePlugin<RouteDeps>([
  [languageSwitchRoutes],
  [languageSettingsRoutes],
  [welshVersionRoutes, '/languages'],
  [personLanguageRoutes, '/languages'],
]);
