import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { plainWordsCheckRoutes, plainWordsListRoutes } from './routes.ts';

/** Plain words (issue 24, P1, P2): the checker at /plain-words/check and the list at /organisation/plain-words. */
export const plainWordsModule = modulePlugin<RouteDeps>([[plainWordsCheckRoutes], [plainWordsListRoutes]]);
