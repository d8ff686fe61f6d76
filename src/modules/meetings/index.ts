import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { meetingPublicRoutes } from './public-routes.ts';
import { meetingRecordRoutes } from './record-routes.ts';
import { meetingRoutes } from './routes.ts';
import { meetingListRoutes } from './list-routes.ts';

/** Meetings (/meetings), their record, and replies and calendars by personal link. */
export const meetingsModule = modulePlugin<RouteDeps>([
  [meetingRoutes, '/meetings'],
  [meetingListRoutes, '/meetings'],
  [meetingRecordRoutes, '/meetings'],
  [meetingPublicRoutes],
]);
