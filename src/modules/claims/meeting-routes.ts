import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { urlIds } from '../../platform/params.ts';
import { claimFormat } from './presenting.ts';

/** Claims from a meeting's register: what would be made, making them, and what was made. */
export const meetingClaimRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { meetingClaims } = services;
  const fmt = claimFormat(t);
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const params = urlIds('meetingId');

  app.get('/meetings/:meetingId', async (request, reply) => {
    const page = await meetingClaims.forMeeting(signedInUser(request), params(request).meetingId);
    return reply.view('claims/views/meeting.njk', { ...page, ...fmt });
  });

  app.post('/meetings/:meetingId', async (request, reply) => {
    const { meetingId } = params(request);
    const { made } = await meetingClaims.makeFromAttendance(signedInUser(request), meetingId);
    request.flash(t('claims:meeting.made', { count: made }));
    return reply.redirect(`/claims/meetings/${meetingId}`, 303);
  });
};
