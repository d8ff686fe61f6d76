import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm, type FieldErrors } from '../../platform/forms.ts';
import { durationParts } from './duration.ts';
import { partnerOfferForm, refusalMessage, typedForm } from './forms.ts';
import { idParam, timebankRenderer } from './render.ts';

/**
 * Partners who accept time credits. Staff add and take away offers; anyone signed in
 * spends their own credits on one and gets a confirmation to show.
 */
export const partnerRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { timebank } = services;
  const show = timebankRenderer(t);
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const actor = (request: FastifyRequest) => {
    const user = signedInUser(request);
    return { organisationId: user.organisationId, personId: user.personId };
  };

  const showManage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const [offers, partners, directory] = await Promise.all([
      timebank.partners.offers(user.organisationId),
      timebank.statements.partnerBalances(user.organisationId),
      timebank.partners.partners(user.organisationId),
    ]);
    return show(reply, 'partners', { offers, partners, directory, values }, errors);
  };

  app.get('/partners', { preHandler: staffOnly }, async (request, reply) => showManage(request, reply, { duration: durationParts(null) }));

  app.post('/partners', { preHandler: staffOnly }, async (request, reply) => {
    const values = typedForm(request.body, { durations: ['duration'] });
    const form = parseForm(partnerOfferForm, values);
    if (!form.ok) return showManage(request, reply, values, form.errors);
    const { partnerId, partnerName, what, duration } = form.data;
    const partner = partnerId ? { partnerId } : { partnerName: partnerName ?? '' };
    await timebank.partners.add(actor(request), { ...partner, what, minutes: duration });
    request.flash(t('timebank:partners.added'));
    return reply.redirect('/timebank/partners', 303);
  });

  app.post('/partners/:id/withdraw', { preHandler: staffOnly }, async (request, reply) => {
    await timebank.partners.withdraw(actor(request), idParam(request));
    request.flash(t('timebank:partners.withdrawn'));
    return reply.redirect('/timebank/partners', 303);
  });

  const showSpend = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const offer = await timebank.partners.offer(user.organisationId, idParam(request));
    const balance = await timebank.statements.balanceOf(user.organisationId, user.personId);
    return show(reply, 'spend', { offer, balance }, errors);
  };

  app.get('/partners/:id/spend', async (request, reply) => showSpend(request, reply));

  app.post('/partners/:id/spend', async (request, reply) => {
    const result = await timebank.partners.spend(signedInUser(request), idParam(request));
    if (!result.ok) return showSpend(request, reply, { spend: refusalMessage(result.refusal, true) });
    return reply.redirect(`/timebank/receipts/${result.value}`, 303);
  });

  app.get('/receipts/:id', async (request, reply) => {
    const receipt = await timebank.partners.receipt(signedInUser(request), idParam(request));
    return show(reply, 'receipt', { receipt });
  });
};
