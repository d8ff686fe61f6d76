import type { RouteDeps } from '../../services.ts';
import { modulePlugin } from '../../platform/module-plugin.ts';
import { textInboxRoutes } from './routes.ts';
import { twilioInboundRoutes } from './twilio-routes.ts';

/** Texts people send back: the staff inbox at /admin/texts, and Twilio's webhook at /texts/twilio. */
export const textsModule = modulePlugin<RouteDeps>([
  [textInboxRoutes, '/admin/texts'],
  [twilioInboundRoutes, '/texts'],
]);
