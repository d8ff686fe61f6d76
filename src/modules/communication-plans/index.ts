import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { communicationPlanRoutes } from './routes.ts';

/** Each project's communication plan (S4): /projects/:id/communication-plan, and /communication-plans/not-met for staff. */
export const communicationPlansModule = modulePlugin<RouteDeps>([[communicationPlanRoutes]]);
