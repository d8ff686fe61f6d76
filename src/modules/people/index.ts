import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { accessReviewRoutes } from './access-review-routes.ts';
import { ownDetailsRoutes } from './own-details-routes.ts';
import { peopleRoutes } from './routes.ts';

/** People, their contact choices, strengths and access needs: /people, and a person's own "Your details". */
export const peopleModule = modulePlugin<RouteDeps>([
  [peopleRoutes, '/people'],
  [ownDetailsRoutes, '/people'],
  [accessReviewRoutes, '/people'],
]);
