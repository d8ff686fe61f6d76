import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { dateParts, parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { chosenScores, countForm, parseOutcomeForm, roundForm, scoresFrom, withDates } from './forms.ts';
import { storyRoutes } from './story-routes.ts';
import { measures, phases, scores } from './vocabulary.ts';
import { urlIds } from '../../platform/params.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';

const overviewQuery = z.object({ page: pageParam });

const uuid = z.string().uuid();

/**
 * Outcomes that matter (V4): what each project's members value, how it is measured,
 * short surveys before and after, and the results. Staff set them up and record answers;
 * members see their projects' outcomes and answer surveys.
 */
export const outcomeRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const { services, t, now } = deps;
  const { outcomes, projects } = services;
  const surveys = outcomes.surveys;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const param = <const K extends string>(request: FastifyRequest, name: K) => urlIds(name)(request)[name];
  const today = () => londonToday(now());

  app.get('/', { preHandler: staffOnly }, async (request, reply) => {
    const page = pageOf(overviewQuery.parse(request.query ?? {}).page);
    const { projects: list, total } = await outcomes.overview(signedInUser(request), page);
    const pagination = paginationFor(page.page, total, pageLink('/outcomes', {}));
    return reply.view('outcomes/views/overview.njk', { projects: list, total, pagination });
  });

  app.get('/projects/:projectId', async (request, reply) => {
    const user = signedInUser(request);
    const page = await outcomes.forProject(user, param(request, 'projectId'));
    return reply.view('outcomes/views/project.njk', { ...page, staff: isStaff(user) });
  });

  // Outcomes and counts ---------------------------------------------------------------

  type FormCtx = { action: string; title: string; measured: boolean };
  const showOutcomeForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    ctx: FormCtx,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) =>
    reply.view(
      'outcomes/views/outcome-form.njk',
      { ...ctx, project: await projects.get(user, projectId), values, measures },
      errors ? { errors } : {},
    );
  const newOutcome = (projectId: string): FormCtx => ({
    action: `/outcomes/projects/${projectId}/new`,
    title: 'outcomes:form.title',
    measured: false,
  });

  app.get('/projects/:projectId/new', { preHandler: staffOnly }, async (request, reply) => {
    const projectId = param(request, 'projectId');
    return showOutcomeForm(reply, signedInUser(request), projectId, newOutcome(projectId), {});
  });

  app.post('/projects/:projectId/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const projectId = param(request, 'projectId');
    const body = withDates(request.body);
    const form = parseOutcomeForm(body);
    if (!form.ok) return showOutcomeForm(reply, user, projectId, newOutcome(projectId), body, form.errors);
    await outcomes.addOutcome(user, projectId, form.data);
    request.flash(t('outcomes:flash.outcomeAdded'));
    return reply.redirect(`/outcomes/projects/${projectId}`, 303);
  });

  const editTarget = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const outcome = await outcomes.outcome(user, param(request, 'outcomeId'));
    if (outcome.projectId !== param(request, 'projectId')) throw new NotFound();
    const ctx: FormCtx = {
      action: `/outcomes/projects/${outcome.projectId}/outcomes/${outcome.id}/edit`,
      title: 'outcomes:form.editTitle',
      measured: await outcomes.outcomeMeasured(user, outcome.id),
    };
    return { user, outcome, ctx };
  };

  app.get('/projects/:projectId/outcomes/:outcomeId/edit', { preHandler: staffOnly }, async (request, reply) => {
    const { user, outcome, ctx } = await editTarget(request);
    return showOutcomeForm(reply, user, outcome.projectId, ctx, {
      title: outcome.title,
      measure: outcome.measure,
      question: outcome.question ?? '',
      unit: outcome.unit ?? '',
      agreedHow: outcome.agreedHow ?? '',
    });
  });

  app.post('/projects/:projectId/outcomes/:outcomeId/edit', { preHandler: staffOnly }, async (request, reply) => {
    const { user, outcome, ctx } = await editTarget(request);
    // Once measured, the form shows how it is measured as text, so it is not sent back.
    const body = ctx.measured
      ? { ...withDates(request.body), measure: outcome.measure, question: outcome.question ?? '', unit: outcome.unit ?? '' }
      : withDates(request.body);
    const form = parseOutcomeForm(body);
    if (!form.ok) return showOutcomeForm(reply, user, outcome.projectId, ctx, body, form.errors);
    const saved = await outcomes.changeOutcome(user, outcome.id, form.data);
    if (!saved.ok) return showOutcomeForm(reply, user, outcome.projectId, ctx, body, saved.errors);
    request.flash(t('outcomes:flash.outcomeChanged'));
    return reply.redirect(`/outcomes/projects/${outcome.projectId}`, 303);
  });

  const countTarget = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const outcome = await outcomes.outcome(user, param(request, 'outcomeId'));
    if (outcome.projectId !== param(request, 'projectId') || outcome.measure !== 'count') throw new NotFound();
    return { user, outcome };
  };
  const showCountForm = (
    reply: FastifyReply,
    outcome: Awaited<ReturnType<typeof outcomes.outcome>>,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => reply.view('outcomes/views/count-form.njk', { outcome, values }, errors ? { errors } : {});

  app.get('/projects/:projectId/outcomes/:outcomeId/counts', { preHandler: staffOnly }, async (request, reply) => {
    const { outcome } = await countTarget(request);
    return showCountForm(reply, outcome, { onDate: dateParts(today()) });
  });

  app.post('/projects/:projectId/outcomes/:outcomeId/counts', { preHandler: staffOnly }, async (request, reply) => {
    const { user, outcome } = await countTarget(request);
    const body = withDates(request.body, 'onDate');
    const form = parseForm(countForm, body);
    if (!form.ok) return showCountForm(reply, outcome, body, form.errors);
    await outcomes.addCount(user, outcome.id, form.data);
    request.flash(t('outcomes:flash.countAdded'));
    return reply.redirect(`/outcomes/projects/${outcome.projectId}`, 303);
  });

  // Survey rounds ---------------------------------------------------------------------

  const showRoundForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) =>
    reply.view('outcomes/views/round-form.njk', { project: await projects.get(user, projectId), values, phases }, errors ? { errors } : {});

  app.get('/projects/:projectId/surveys/new', { preHandler: staffOnly }, async (request, reply) =>
    showRoundForm(reply, signedInUser(request), param(request, 'projectId'), { opensOn: dateParts(today()), closesOn: dateParts(null) }),
  );

  app.post('/projects/:projectId/surveys/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const projectId = param(request, 'projectId');
    const body = withDates(request.body, 'opensOn', 'closesOn');
    const form = parseForm(roundForm, body);
    if (!form.ok) return showRoundForm(reply, user, projectId, body, form.errors);
    const made = await surveys.addRound(user, projectId, form.data);
    if (!made.ok) return showRoundForm(reply, user, projectId, body, made.errors);
    request.flash(t('outcomes:flash.roundAdded'));
    return reply.redirect(`/outcomes/surveys/${made.id}`, 303);
  });

  const showRound = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) => {
    const user = signedInUser(request);
    const page = await surveys.round(user, param(request, 'roundId'));
    const template = isStaff(user) ? 'outcomes/views/round.njk' : 'outcomes/views/answer.njk';
    return reply.view(
      template,
      { ...page, values: state.values ?? page.mine, scores, action: `/outcomes/surveys/${page.round.id}` },
      state.errors ? { errors: state.errors } : {},
    );
  };

  app.get('/surveys/:roundId', async (request, reply) => showRound(request, reply));

  app.post('/surveys/:roundId', async (request, reply) => {
    const user = signedInUser(request);
    const roundId = param(request, 'roundId');
    const { questions } = await surveys.round(user, roundId);
    const saved = await surveys.answer(user, roundId, scoresFrom(request.body, questions));
    if (!saved.ok) return showRound(request, reply, { values: chosenScores(request.body, questions), errors: saved.errors });
    request.flash(t('outcomes:flash.answered'));
    return reply.redirect(`/outcomes/surveys/${roundId}`, 303);
  });

  app.post('/surveys/:roundId/send', { preHandler: staffOnly }, async (request, reply) => {
    const roundId = param(request, 'roundId');
    const result = await surveys.send(signedInUser(request), roundId);
    request.flash(
      result.unreachable.length
        ? t('outcomes:flash.sentSome', { count: result.sent, names: result.unreachable.join(', ') })
        : t('outcomes:flash.sent', { count: result.sent }),
    );
    return reply.redirect(`/outcomes/surveys/${roundId}`, 303);
  });

  const showRecord = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors) => {
    const page = await surveys.round(signedInUser(request), param(request, 'roundId'));
    return reply.view('outcomes/views/record.njk', { ...page, values, scores }, errors ? { errors } : {});
  };

  app.get('/surveys/:roundId/record', { preHandler: staffOnly }, async (request, reply) => {
    const personId = formFields(request.query).personId;
    return showRecord(request, reply, { personId: typeof personId === 'string' ? personId : '' });
  });

  app.post('/surveys/:roundId/record', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const roundId = param(request, 'roundId');
    const { questions } = await surveys.round(user, roundId);
    const body = formFields(request.body);
    const personId = typeof body.personId === 'string' ? body.personId : '';
    const values = { ...chosenScores(body, questions), personId };
    if (!uuid.safeParse(personId).success) return showRecord(request, reply, values, { personId: 'outcomes:errors.personRequired' });
    const saved = await surveys.record(user, roundId, personId, scoresFrom(body, questions));
    if (!saved.ok) return showRecord(request, reply, values, saved.errors);
    request.flash(t('outcomes:flash.recorded'));
    return reply.redirect(`/outcomes/surveys/${roundId}`, 303);
  });

  // Registered inside, so the routes share the /outcomes prefix (given once, not again).
  await app.register(storyRoutes, { services, config: deps.config, t, now });
};
