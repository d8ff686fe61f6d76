import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { AppError, NotFound } from '../../platform/errors.ts';
import { urlIds, urlParams } from '../../platform/params.ts';
import { sendFile } from '../../platform/serve-file.ts';

const linkBid = urlParams(z.object({ token: z.string().min(1).max(1000), bidId: z.string().uuid() }));
const personIds = urlIds('id', 'personId');

/**
 * The panel's personal links (P7). The link page itself is the app's one personal-link page
 * (/act/:token, the replies module, with panel-link-answerer.ts); this adds a bid's document
 * opened from it, and staff sending a panel member their link.
 */
export const panelLinkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { commissioning, replyActions, readsLog } = services;
  // A guessed token is refused by its signature, but guessing is still limited like signing in.
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  // The same rules as signing in: only after declaring, and never a bid whose bidder they know.
  app.get('/act/:token/bids/:bidId/document', { config: limited }, async (request, reply) => {
    const { token, bidId } = linkBid(request);
    const check = await replyActions.open(token);
    if (!check.ok || check.action.kind !== 'commissioning') throw new NotFound();
    const { organisationId, personId, aboutId } = check.action;
    const member = { organisationId, personId, role: 'member' as const };
    const file = await commissioning.bidFile(member, aboutId, bidId);
    return sendFile(reply, file, () =>
      readsLog.record(member, [
        { subjectType: 'commissioning', subjectId: aboutId, action: 'bid-downloaded-by-link', changes: [{ field: 'bid', to: bidId }] },
      ]),
    );
  });

  app.post('/commissioning/rounds/:id/panel/:personId/link', { preHandler: allow('admin', 'facilitator') }, async (request, reply) => {
    const { id, personId } = personIds(request);
    try {
      const sent = await commissioning.sendLink(signedInUser(request), id, personId);
      request.flash(t(sent.sent ? 'commissioning:link.sent' : 'commissioning:link.unreachable', { name: sent.name }));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      request.flash(t(error.messageKey));
    }
    return reply.redirect(`/commissioning/rounds/${id}#panel`, 303);
  });
};
