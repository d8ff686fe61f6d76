import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { readsOfPeople } from '../../platform/audit.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { urlIds } from '../../platform/params.ts';
import { parseForm, type FieldErrors, typedValues } from '../../platform/forms.ts';
import { moneyForInput } from '../../platform/money.ts';
import { claimPage } from './claim-page.ts';
import { adjustForm, approveForm, changeWayForm, paidForm, partForm, rejectForm } from './forms.ts';
import { claimFormat } from './presenting.ts';
import { unpaidWays } from './vocabulary.ts';

/**
 * Staff decide on claims: approve (after seeing the benefits check), change a payment to
 * time credits or volunteering, pay part, reject, record payment, and correct after
 * approval. Nobody decides on their own claim: the service refuses with 403.
 */
export const claimDecisionRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const { services, t } = deps;
  const { claimWorkflow, readsLog } = services;
  const fmt = claimFormat(t);
  const showClaim = claimPage(deps);
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const params = urlIds('id');

  const showApprove = async (reply: FastifyReply, user: CurrentUser, id: string, typed?: Record<string, unknown>, errors?: FieldErrors) => {
    const { claim, check, suggested: part } = await claimWorkflow.forApproval(user, id);
    // The check names the person's benefits: each time it is shown, whose is logged.
    if (check) await readsLog.record(user, readsOfPeople(user, 'benefits', 'viewed-for-claim', [claim.personId]));
    const values = typed ?? {
      payAmount: part !== null && part > 0 && part < claim.amountPence ? moneyForInput(part) : '',
      restAs: 'volunteer',
    };
    return reply.view('claims/views/approve.njk', { claim, check, suggested: part, values, unpaidWays, ...fmt }, errors ? { errors } : {});
  };

  app.get('/:id/approve', async (request, reply) => showApprove(reply, signedInUser(request), params(request).id));

  app.post('/:id/approve', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const form = parseForm(approveForm, request.body);
    const done = await claimWorkflow.approve(user, id, { confirmedOverLimit: form.ok && form.data.confirmOver });
    if (!done.ok) return showApprove(reply, user, id, typedValues(request.body, []), done.errors);
    request.flash(t('claims:flash.approved'));
    return reply.redirect(`/claims/${id}`, 303);
  });

  app.post('/:id/change-way', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const form = parseForm(changeWayForm, request.body);
    if (!form.ok) throw new NotFound();
    await claimWorkflow.changeWay(user, id, form.data.way);
    request.flash(t(`claims:flash.changedTo.${form.data.way}`));
    return reply.redirect(`/claims/${id}/approve`, 303);
  });

  app.post('/:id/approve-part', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const typed = typedValues(request.body, []);
    const form = parseForm(partForm, request.body);
    if (!form.ok) return showApprove(reply, user, id, typed, form.errors);
    const done = await claimWorkflow.approvePart(user, id, {
      payPence: form.data.payAmount,
      restAs: form.data.restAs,
      confirmedOverLimit: form.data.confirmOver,
    });
    if (!done.ok) return showApprove(reply, user, id, typed, done.errors);
    request.flash(t(`claims:flash.approvedPart.${form.data.restAs}`));
    return reply.redirect(`/claims/${id}`, 303);
  });

  app.post('/:id/reject', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const form = parseForm(rejectForm, request.body);
    if (!form.ok) return showApprove(reply, user, id, typedValues(request.body, []), form.errors);
    await claimWorkflow.reject(user, id, form.data.reason);
    request.flash(t('claims:flash.rejected'));
    return reply.redirect(`/claims/${id}`, 303);
  });

  app.post('/:id/paid', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const form = parseForm(paidForm, request.body);
    if (!form.ok) return showClaim(reply, user, id, { values: typedValues(request.body, []), errors: form.errors });
    await claimWorkflow.markPaid(user, id, form.data.paymentReference);
    request.flash(t('claims:flash.paid'));
    return reply.redirect(`/claims/${id}`, 303);
  });

  const showAdjust = async (reply: FastifyReply, user: CurrentUser, id: string, values: Record<string, unknown>, errors?: FieldErrors) => {
    const { claim, adjustments } = await services.claims.get(user, id);
    return reply.view('claims/views/adjust.njk', { claim, adjustments, values, ...fmt }, errors ? { errors } : {});
  };

  app.get('/:id/adjust', async (request, reply) => showAdjust(reply, signedInUser(request), params(request).id, {}));

  app.post('/:id/adjust', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const typed = typedValues(request.body, []);
    const form = parseForm(adjustForm, request.body);
    if (!form.ok) return showAdjust(reply, user, id, typed, form.errors);
    const made = await claimWorkflow.adjust(user, id, form.data);
    if (!made.ok) return showAdjust(reply, user, id, typed, made.errors);
    request.flash(t('claims:flash.adjusted'));
    return reply.redirect(`/claims/${made.id}`, 303);
  });
};
