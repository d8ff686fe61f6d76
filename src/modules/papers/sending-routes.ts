import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { urlParams } from '../../platform/params.ts';
import { sendFile } from '../../platform/serve-file.ts';

const meetingParams = urlParams(z.object({ id: z.string().uuid() }));

/** Staff send a meeting's papers to everyone invited, each in their own format and way. */
export const paperSendingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  app.post('/:id/papers/send', { preHandler: allow('admin', 'facilitator') }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = meetingParams(request);
    const result = await services.paperSending.send(user, id);
    const sent = result.people ? t('paper-sending:routes.sent', { count: result.people }) : t('paper-sending:routes.sentNone');
    const missed = result.unreachable.length ? ` ${t('paper-sending:routes.unreachable', { names: result.unreachable.join(', ') })}` : '';
    request.flash(sent + missed);
    return reply.redirect(`/meetings/${id}#papers-sent`, 303);
  });
};

const tokenParams = urlParams(z.object({ token: z.string().min(1).max(200) }));

/**
 * A paper by its signed link, for people who never sign in. The link is the proof: one
 * file, one person, until it runs out.
 */
export const paperLinkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  app.get('/papers/:token', async (request, reply) => {
    const { token } = tokenParams(request);
    const opened = await services.paperSending.openByLink(token);
    if (!opened.ok)
      return reply.view('papers/views/link-problem.njk', { reason: opened.reason }, { status: opened.reason === 'expired' ? 410 : 404 });
    return sendFile(reply, opened.file, opened.record);
  });
};
