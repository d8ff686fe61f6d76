import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { dateParts } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { statementPage } from './claim-page.ts';
import { expensePages, uploadConfig } from './expense-pages.ts';
import { claimFormat, periodFrom, thisYear } from './presenting.ts';

/**
 * My payments: a person's own claims, adding their own expenses, and their statement.
 * Everyone signed in has this page; staff are paid like anyone when they take part.
 */
export const myClaimRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const { services, t, now } = deps;
  const fmt = claimFormat(t);
  const expenses = expensePages(deps);
  const showStatement = statementPage(deps);
  const newExpense = { action: '/my-claims/expenses/new', back: '/my-claims' };
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('claims/views/mine.njk', { claims: await services.claims.mine(user), ...fmt });
  });

  app.get('/expenses/new', async (request, reply) =>
    expenses.show(reply, signedInUser(request), { ...newExpense, values: { onDate: dateParts(londonToday(now())) } }),
  );

  app.post('/expenses/new', { config: uploadConfig(deps.config.maxUploadBytes) }, async (request, reply) =>
    expenses.create(request, reply, newExpense, () => ({ ok: true, personId: signedInUser(request).personId })),
  );

  app.get('/statement', async (request, reply) => {
    const user = signedInUser(request);
    const shown = periodFrom(request.query, thisYear(londonToday(now())));
    return showStatement(reply, user, user.personId, shown, true);
  });
};
