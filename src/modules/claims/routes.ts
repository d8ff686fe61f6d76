import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { urlIds } from '../../platform/params.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { dateParts, parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { activityTypes } from '../rewards/vocabulary.ts';
import { claimPage } from './claim-page.ts';
import { expensePages, uploadConfig } from './expense-pages.ts';
import { parseExpenseForm, staffExpenseForm, timeClaimForm, withParts } from './forms.ts';
import { claimActions, claimFormat, periodFrom, thisYear } from './presenting.ts';
import { claimStatuses } from './vocabulary.ts';

const sendStatementForm = z.object({ personId: z.string().uuid() });
const listQuery = z.object({ status: z.enum(claimStatuses).optional().catch(undefined), page: pageParam });

/**
 * Claims for staff, and each claim's own page for the person it belongs to. Staff enter
 * claims for time by hand and expenses for anyone; members add their own expenses from
 * My payments and see their claims here.
 */
export const claimRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { claims, people, personFinder, projectFinder, projects } = services;
  const fmt = claimFormat(t);
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const params = urlIds('id');
  const expenses = expensePages({ services, config, t });
  const showClaim = claimPage({ services, config, t });
  const newExpense = { action: '/claims/expenses/new', back: '/claims' };
  const today = () => londonToday(now());

  app.get('/', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const query = listQuery.safeParse(request.query);
    const status = query.success ? query.data.status : undefined;
    const page = pageOf(query.success ? query.data.page : undefined);
    const { claims: list, total } = await claims.page(user, status ? { statuses: [status] } : {}, page);
    const pagination = paginationFor(page.page, total, pageLink('/claims', { status }));
    return reply.view('claims/views/list.njk', { claims: list, total, pagination, status: status ?? '', statuses: claimStatuses, ...fmt });
  });

  // Time given, entered by hand ----------------------------------------------------

  const showTimeForm = async (reply: FastifyReply, user: CurrentUser, values: Record<string, unknown>, errors?: FieldErrors) => {
    const [finding, projectFinding] = await Promise.all([
      personFinder.fields(user.organisationId, values, ['personId']),
      projectFinder.fields(user.organisationId, values, ['projectId']),
    ]);
    return reply.view(
      'claims/views/time-form.njk',
      {
        values,
        activityTypes,
        finding,
        projectFinding,
        people: finding ? [] : await people.directory(user.organisationId),
        projects: projectFinding ? [] : await projects.titles(user.organisationId),
      },
      errors ? { errors } : {},
    );
  };

  app.get('/new', { preHandler: staffOnly }, async (request, reply) => {
    const personId = formFields(request.query).personId;
    return showTimeForm(reply, signedInUser(request), {
      personId: typeof personId === 'string' ? personId : '',
      onDate: dateParts(today()),
      duration: { hours: '', minutes: '' },
    });
  });

  app.post('/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const body = withParts(request.body);
    // Find (a person or a project) shows the form again with the matches, and saves nothing.
    if (personFinder.isFinding(body)) return showTimeForm(reply, user, body);
    const form = parseForm(timeClaimForm, body);
    if (!form.ok) return showTimeForm(reply, user, body, form.errors);
    const { duration, ...rest } = form.data;
    const made = await claims.addTime(user, { ...rest, minutes: duration });
    if (!made.ok) return showTimeForm(reply, user, body, made.errors);
    request.flash(t(form.data.submit ? 'claims:flash.submitted' : 'claims:flash.saved'));
    return reply.redirect(`/claims/${made.id}`, 303);
  });

  // Expenses --------------------------------------------------------------------------

  app.get('/expenses/new', { preHandler: staffOnly }, async (request, reply) => {
    const personId = formFields(request.query).personId;
    return expenses.show(reply, signedInUser(request), {
      ...newExpense,
      values: { personId: typeof personId === 'string' ? personId : '', onDate: dateParts(today()) },
    });
  });

  app.post('/expenses/new', { preHandler: staffOnly, config: uploadConfig(config.maxUploadBytes) }, async (request, reply) =>
    expenses.create(request, reply, newExpense, (body) => {
      const who = parseForm(staffExpenseForm, body);
      return who.ok ? { ok: true, personId: who.data.personId } : who;
    }),
  );

  // A statement sent to the person it is about ---------------------------------------

  app.post('/statement/send', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const who = sendStatementForm.safeParse(request.body);
    const { period, errors } = periodFrom(request.body, thisYear(today()));
    if (!who.success || errors) throw new NotFound();
    const sent = await services.statementSending.send(user, who.data.personId, period);
    request.flash(
      sent.channel
        ? t(`claims:sendStatement.sent.${sent.channel}`, { name: sent.name })
        : t('claims:sendStatement.unreachable', { name: sent.name }),
    );
    const back = new URLSearchParams({ personId: who.data.personId, from: period.from, to: period.to });
    return reply.redirect(`/claims/statement?${back.toString()}`, 303);
  });

  // One claim ------------------------------------------------------------------------

  app.get('/:id', async (request, reply) => showClaim(reply, signedInUser(request), params(request).id));

  app.get('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const { claim } = await claims.get(user, params(request).id);
    if (!claimActions(user, claim).edit) throw new NotFound();
    return expenses.show(reply, user, {
      claim,
      action: `/claims/${claim.id}/edit`,
      back: `/claims/${claim.id}`,
      values: expenses.values(claim),
    });
  });

  app.post('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const { claim } = await claims.get(user, params(request).id);
    const body = withParts(request.body);
    const form = parseExpenseForm(body);
    const ctx = { claim, action: `/claims/${claim.id}/edit`, back: `/claims/${claim.id}`, values: body };
    if (projectFinder.isFinding(body)) return expenses.show(reply, user, ctx);
    if (!form.ok) return expenses.show(reply, user, ctx, form.errors);
    const { submit: _submit, ...input } = form.data;
    const changed = await claims.changeExpense(user, claim.id, input);
    if (!changed.ok) return expenses.show(reply, user, ctx, changed.errors);
    request.flash(t('claims:flash.changed'));
    return reply.redirect(`/claims/${claim.id}`, 303);
  });

  app.post('/:id/submit', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    await claims.submit(user, id);
    request.flash(t('claims:flash.submitted'));
    return reply.redirect(`/claims/${id}`, 303);
  });
};
