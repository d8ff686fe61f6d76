import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { dateParts, fieldText, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { londonToday } from '../../platform/time.ts';
import { closeForm, commentForm, decisionForm, lookedAgainForm, optionalDate, requiredDate, riskForm, typed } from './forms.ts';
import { likelihoods, severities } from './review-due.ts';
import type { LogId, RiskInput } from './service.ts';

type Values = Record<string, unknown>;
const uuid = z.string().uuid();
/** Which log: 'organisation', a project's id, or every log the person can see. */
const logParam = z
  .union([z.enum(['all', 'mine', 'organisation']), uuid])
  .catch('all')
  .default('all');
const listQuery = z.object({ page: pageParam, log: logParam, show: z.enum(['open', 'due', 'closed']).catch('open').default('open') });
const newQuery = z.object({
  log: z
    .union([z.literal('organisation'), uuid])
    .catch('organisation')
    .default('organisation'),
  starter: z.string().optional(),
});
const pageQuery = z.object({ page: pageParam });
const riskIds = urlIds('id');
const decisionIds = urlIds('id', 'decisionId');

const logOf = (log: string): LogId => (log === 'organisation' ? null : log);
const logLink = (projectId: LogId) => `/risks?log=${projectId ?? 'organisation'}`;

/**
 * Risk logs (C3). Everyone signed in reads the organisation's log and their projects' logs,
 * adds risks and comments; staff change, look again, close and record decisions.
 */
export const riskRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { risks } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  const today = () => londonToday(now());

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const log = q.log === 'mine' && !isStaff(user) ? 'all' : q.log;
    const page = pageOf(q.page);
    const { items, total, projectTitle } = await risks.list(user, { log, show: q.show }, page);
    const addTo = log === 'all' || log === 'mine' ? 'organisation' : log;
    return reply.view('risks/views/list.njk', {
      items,
      total,
      log,
      show: q.show,
      projectTitle,
      addLink: `/risks/new?log=${addTo}`,
      starterLink: `/risks/new?log=${addTo}&starter=not-coproducing`,
      staff: isStaff(user),
      pagination: paginationFor(page.page, total, pageLink('/risks', { log, show: q.show })),
    });
  });

  // Adding a risk -----------------------------------------------------------------------

  const showRiskForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    target: { projectId: LogId; riskId?: string },
    values: Values,
    errors?: FieldErrors,
  ) => {
    const log = await risks.openLog(user, target.projectId);
    const people = await risks.choices(user, target.projectId);
    return reply.view(
      'risks/views/form.njk',
      { log, riskId: target.riskId ?? null, logKey: target.projectId ?? 'organisation', people, values, likelihoods, severities },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/new', async (request, reply) => {
    const q = newQuery.parse(request.query ?? {});
    // The risk of not co-producing, offered to start every log: people can change every word.
    const starter = q.starter === 'not-coproducing';
    const values = starter
      ? {
          title: t('risks:starter.title'),
          affects: t('risks:starter.affects'),
          likelihood: 'possible',
          severity: 'serious',
          plan: t('risks:starter.plan'),
        }
      : {};
    return showRiskForm(reply, signedInUser(request), { projectId: logOf(q.log) }, values);
  });

  /** The form's fields as a risk, or the errors to show with what was typed. */
  const readRisk = (body: unknown): { ok: true; input: RiskInput } | { ok: false; values: Values; errors: FieldErrors } => {
    const values = typed(body, ['reviewOn']);
    const form = parseForm(riskForm, body);
    const date = optionalDate(body, 'reviewOn', today(), 'risks:errors.datePast');
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(date.ok ? {} : { reviewOn: date.error }) };
    if (!form.ok || !date.ok) return { ok: false, values, errors };
    const { owner, ...rest } = form.data;
    return { ok: true, input: { ...rest, ownerPersonId: owner, reviewOn: date.value } };
  };

  app.post('/new', async (request, reply) => {
    const user = signedInUser(request);
    const log = newQuery.shape.log.parse(fieldText(request.body, 'log'));
    const projectId = logOf(log);
    const read = readRisk(request.body);
    if (!read.ok) return showRiskForm(reply, user, { projectId }, read.values, read.errors);
    const added = await risks.add(user, projectId, read.input);
    if (added === 'not-a-choice')
      return showRiskForm(reply, user, { projectId }, typed(request.body, ['reviewOn']), { owner: 'errors:invalidChoice' });
    request.flash(t('risks:flash.added'));
    return reply.redirect(`/risks/${added.id}`, 303);
  });

  // One risk ----------------------------------------------------------------------------

  const showRisk = async (request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id } = riskIds(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const risk = await risks.read(user, id, page);
    return reply.view(
      'risks/views/risk.njk',
      {
        risk,
        // Staff write down what someone said, in their name.
        people: isStaff(user) ? await risks.choices(user, risk.projectId) : [],
        backLink: logLink(risk.projectId),
        staff: isStaff(user),
        me: user.personId,
        values,
        pagination: paginationFor(page.page, risk.commentCount, pageLink(`/risks/${id}`, {})),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/:id', async (request, reply) => showRisk(request, reply));

  app.post('/:id/comment', async (request, reply) => {
    const form = parseForm(commentForm, request.body);
    if (!form.ok) return showRisk(request, reply, typed(request.body, []), form.errors);
    const { id } = riskIds(request);
    const added = await risks.comment(signedInUser(request), id, form.data.body, form.data.saidBy);
    if (added === 'not-a-choice') return showRisk(request, reply, typed(request.body, []), { saidBy: 'errors:invalidChoice' });
    request.flash(t('risks:flash.commented'));
    return reply.redirect(`/risks/${id}#comments`, 303);
  });

  app.post('/:id/look-again', staffOnly, async (request, reply) => {
    const form = parseForm(lookedAgainForm, request.body);
    const date = optionalDate(request.body, 'nextOn', today(), 'risks:errors.datePast');
    if (!form.ok || !date.ok)
      return showRisk(request, reply, typed(request.body, ['nextOn']), {
        ...(form.ok ? {} : form.errors),
        ...(date.ok ? {} : { nextOn: date.error }),
      });
    const { id } = riskIds(request);
    await risks.lookedAgain(signedInUser(request), id, form.data.note, date.value);
    request.flash(t('risks:flash.lookedAgain'));
    return reply.redirect(`/risks/${id}`, 303);
  });

  app.post('/:id/close', staffOnly, async (request, reply) => {
    const form = parseForm(closeForm, request.body);
    if (!form.ok) return showRisk(request, reply, typed(request.body, []), form.errors);
    const { id } = riskIds(request);
    const closed = await risks.close(signedInUser(request), id, form.data.why);
    request.flash(t(closed ? 'risks:flash.closed' : 'risks:flash.alreadyClosed'));
    return reply.redirect(`/risks/${id}`, 303);
  });

  // Changing a risk (staff) ---------------------------------------------------------------

  app.get('/:id/edit', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const risk = await risks.read(user, riskIds(request).id, pageOf(1, 1));
    return showRiskForm(
      reply,
      user,
      { projectId: risk.projectId, riskId: risk.id },
      {
        title: risk.title,
        affects: risk.affects ?? '',
        likelihood: risk.likelihood,
        severity: risk.severity,
        plan: risk.plan ?? '',
        owner: risk.ownerPersonId ?? '',
        reviewOn: dateParts(risk.reviewOn),
      },
    );
  });

  app.post('/:id/edit', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = riskIds(request);
    const read = readRisk(request.body);
    const target = async () => ({ projectId: (await risks.read(user, id, pageOf(1, 1))).projectId, riskId: id });
    if (!read.ok) return showRiskForm(reply, user, await target(), read.values, read.errors);
    const changed = await risks.change(user, id, read.input);
    if (changed === 'not-a-choice')
      return showRiskForm(reply, user, await target(), typed(request.body, ['reviewOn']), { owner: 'errors:invalidChoice' });
    request.flash(t('risks:flash.changed'));
    return reply.redirect(`/risks/${id}`, 303);
  });

  // Positive risk-taking decisions --------------------------------------------------------

  const showDecisionForm = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const risk = await risks.read(user, riskIds(request).id, pageOf(1, 1));
    const people = await risks.choices(user, risk.projectId);
    return reply.view('risks/views/decision-form.njk', { risk, people, values }, errors ? { errors, status: 400 } : {});
  };

  app.get('/:id/decisions/new', staffOnly, async (request, reply) =>
    showDecisionForm(request, reply, { decidedOn: dateParts(today()), agreedBy: [] }),
  );

  app.post('/:id/decisions/new', staffOnly, async (request, reply) => {
    const values = typed(request.body, ['decidedOn']);
    const form = parseForm(decisionForm, request.body);
    const date = requiredDate(request.body, 'decidedOn', today());
    if (!form.ok || !date.ok)
      return showDecisionForm(request, reply, values, { ...(form.ok ? {} : form.errors), ...(date.ok ? {} : { decidedOn: date.error }) });
    const { id } = riskIds(request);
    const done = await risks.recordDecision(signedInUser(request), id, { ...form.data, decidedOn: date.value });
    if (done === 'not-a-choice') return showDecisionForm(request, reply, values, { agreedBy: 'errors:invalidChoice' });
    request.flash(t('risks:flash.decision'));
    return reply.redirect(`/risks/${id}#decisions`, 303);
  });

  app.post('/:id/decisions/:decisionId/agree', async (request, reply) => {
    const { id, decisionId } = decisionIds(request);
    await risks.agree(signedInUser(request), id, decisionId);
    request.flash(t('risks:flash.agreed'));
    return reply.redirect(`/risks/${id}#decisions`, 303);
  });
};
