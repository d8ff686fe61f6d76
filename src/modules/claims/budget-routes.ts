import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { dateParts, parseForm, type FieldErrors, typedValues } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { londonToday } from '../../platform/time.ts';
import { moneyForInput } from '../../platform/money.ts';
import { money, spendForm, withParts } from './forms.ts';
import { claimFormat } from './presenting.ts';
import { budgetCategories, spendCategories, spendStatuses, type BudgetCategory } from './vocabulary.ts';

// A blank box is nothing planned for that kind of cost.
const planForm = z.object(
  Object.fromEntries(budgetCategories.map((c) => [c, money(null)])) as Record<BudgetCategory, ReturnType<typeof money>>,
);

/**
 * A project's co-production budget (S3). Members of the project can see it; staff plan it
 * and record spending on venues, interpreters and formats, training and the rest.
 */
export const budgetRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { budgets } = services;
  const fmt = claimFormat(t);
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const params = urlIds('id');
  const spendParams = urlIds('id', 'spendId');

  const showBudget = async (
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    state: { plan?: Record<string, unknown>; spend?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) => {
    const budget = await budgets.forProject(user, id);
    const plan =
      state.plan ??
      Object.fromEntries(budgetCategories.map((c) => [c, budget.planned[c] === undefined ? '' : moneyForInput(budget.planned[c])]));
    const spend = state.spend ?? { spentOn: dateParts(londonToday(now())), status: 'committed' };
    return reply.view(
      'claims/views/budget.njk',
      { ...budget, plan, spend, staff: isStaff(user), budgetCategories, spendCategories, spendStatuses, ...fmt },
      state.errors ? { errors: state.errors } : {},
    );
  };

  app.get('/:id/budget', async (request, reply) => showBudget(reply, signedInUser(request), params(request).id));

  app.post('/:id/budget/plan', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const form = parseForm(planForm, request.body);
    if (!form.ok) return showBudget(reply, user, id, { plan: typedValues(request.body, []), errors: form.errors });
    await budgets.setPlanned(user, id, form.data);
    request.flash(t('claims:budget.planSaved'));
    return reply.redirect(`/projects/${id}/budget`, 303);
  });

  app.post('/:id/budget/spend', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const body = withParts(request.body);
    const form = parseForm(spendForm, body);
    if (!form.ok) return showBudget(reply, user, id, { spend: body, errors: form.errors });
    const { amount, ...rest } = form.data;
    await budgets.addSpend(user, id, { ...rest, amountPence: amount });
    request.flash(t('claims:budget.spendAdded'));
    return reply.redirect(`/projects/${id}/budget#spending`, 303);
  });

  app.post('/:id/budget/spend/:spendId/paid', { preHandler: staffOnly }, async (request, reply) => {
    const { id, spendId } = spendParams(request);
    await budgets.markSpendPaid(signedInUser(request), id, spendId);
    request.flash(t('claims:budget.spendPaid'));
    return reply.redirect(`/projects/${id}/budget#spending`, 303);
  });
};
