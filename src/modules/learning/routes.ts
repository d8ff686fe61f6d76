import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { dateParts, parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { actionForm, actionQuery, lessonForm, lessonQuery, progressForm, withParts } from './forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { recommendationCodes } from './recommendations.ts';
import { actionStatuses } from './vocabulary.ts';

const ids = z.object({ id: z.string().uuid() });
const actionListQuery = actionQuery.extend({
  mine: z.literal('yes').optional().catch(undefined),
  due: z.enum(['overdue', 'soon']).optional().catch(undefined),
  page: pageParam,
});
const lessonListQuery = lessonQuery.extend({ page: pageParam });

/**
 * The learning loop (V3): staff turn findings into actions and keep a lessons log.
 * Members read the lessons of their own projects.
 */
export const learningRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { learning, people, personFinder, projectFinder, projects } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const idOf = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data.id;
  };
  // A form's project: every project listed, or found by name when there are many.
  const choices = async (user: CurrentUser, values: Record<string, unknown>) => {
    const projectFinding = await projectFinder.fields(user.organisationId, values, ['projectId']);
    return {
      projectFinding,
      projects: projectFinding ? [] : await projects.titles(user.organisationId),
      codes: recommendationCodes,
      statuses: actionStatuses,
    };
  };

  app.get('/', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { page: pageNumber, mine, ...query } = actionListQuery.parse(request.query ?? {});
    const page = pageOf(pageNumber);
    const { actions, total, overdueTotal } = await learning.actions(user, { ...query, mine: mine === 'yes' }, page);
    const filters = {
      status: query.status,
      code: query.code,
      projectId: query.projectId,
      reviewCycleId: query.reviewCycleId,
      mine,
      due: query.due,
    };
    return reply.view('learning/views/actions.njk', {
      actions,
      total,
      overdueTotal,
      query: { ...query, mine },
      filtered: Object.values(filters).some(Boolean),
      pagination: paginationFor(page.page, total, pageLink('/learning', filters)),
      codes: recommendationCodes,
      statuses: actionStatuses,
    });
  });

  // Actions ------------------------------------------------------------------------------

  const showActionForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    ctx: { action: string; back: string; title: string },
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    // The owner and the project are found at once: on PostgreSQL each step waits a round trip.
    const [{ finding, everyone }, chosen] = await Promise.all([
      personFinder
        .fields(user.organisationId, values, ['ownerPersonId'])
        .then(async (finding) => ({ finding, everyone: finding ? [] : await people.directory(user.organisationId) })),
      choices(user, values),
    ]);
    return reply.view('learning/views/action-form.njk', { ...ctx, values, finding, people: everyone, ...chosen }, errors ? { errors } : {});
  };

  const newAction = { action: '/learning/actions/new', back: '/learning', title: 'learning:actionForm.newTitle' };

  app.get('/actions/new', { preHandler: staffOnly }, async (request, reply) => {
    const q = actionQuery.parse(request.query ?? {});
    return showActionForm(reply, signedInUser(request), newAction, {
      status: 'not-started',
      projectId: q.projectId ?? '',
      reviewCycleId: q.reviewCycleId ?? '',
      recommendations: q.code ? [q.code] : [],
      dueOn: dateParts(null),
    });
  });

  app.post('/actions/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const body = withParts(request.body);
    if (personFinder.isFinding(body)) return showActionForm(reply, user, newAction, body);
    const form = parseForm(actionForm, body);
    if (!form.ok) return showActionForm(reply, user, newAction, body, form.errors);
    const saved = await learning.addAction(user, form.data);
    if (!saved.ok) return showActionForm(reply, user, newAction, body, saved.errors);
    request.flash(t('learning:flash.actionAdded'));
    return reply.redirect(`/learning/actions/${saved.id}`, 303);
  });

  // Staff open any action; its owner, member or staff, opens their own and says how it is going.
  app.get('/actions/:id', async (request, reply) => {
    const user = signedInUser(request);
    const action = await learning.getAction(user, idOf(request));
    return reply.view('learning/views/action.njk', { item: action, staff: isStaff(user) });
  });

  const showProgressForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const item = await learning.getAction(user, id);
    return reply.view(
      'learning/views/progress-form.njk',
      {
        item,
        statuses: actionStatuses,
        staff: isStaff(user),
        values: values ?? { status: item.status, whatChanged: item.whatChanged ?? '' },
      },
      errors ? { errors } : {},
    );
  };

  app.get('/actions/:id/progress', async (request, reply) => showProgressForm(reply, signedInUser(request), idOf(request)));

  app.post('/actions/:id/progress', async (request, reply) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const body = formFields(request.body);
    const form = parseForm(progressForm, body);
    if (!form.ok) return showProgressForm(reply, user, id, body, form.errors);
    const saved = await learning.updateProgress(user, id, form.data);
    if (!saved.ok) return showProgressForm(reply, user, id, body, saved.errors);
    request.flash(t('learning:flash.progressSaved'));
    return reply.redirect(`/learning/actions/${id}`, 303);
  });

  const editCtx = (id: string) => ({
    action: `/learning/actions/${id}/edit`,
    back: `/learning/actions/${id}`,
    title: 'learning:actionForm.editTitle',
  });

  app.get('/actions/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const a = await learning.getAction(user, idOf(request));
    return showActionForm(reply, user, editCtx(a.id), {
      what: a.what,
      ownerPersonId: a.ownerPersonId,
      dueOn: dateParts(a.dueOn),
      status: a.status,
      whatChanged: a.whatChanged ?? '',
      projectId: a.projectId ?? '',
      reviewCycleId: a.reviewCycleId ?? '',
      recommendations: a.recommendations,
    });
  });

  app.post('/actions/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const a = await learning.getAction(user, idOf(request));
    const body = withParts(request.body);
    if (personFinder.isFinding(body)) return showActionForm(reply, user, editCtx(a.id), body);
    const form = parseForm(actionForm, body);
    if (!form.ok) return showActionForm(reply, user, editCtx(a.id), body, form.errors);
    const saved = await learning.changeAction(user, a.id, form.data);
    if (!saved.ok) return showActionForm(reply, user, editCtx(a.id), body, saved.errors);
    request.flash(t('learning:flash.actionChanged'));
    return reply.redirect(`/learning/actions/${a.id}`, 303);
  });

  // Lessons ------------------------------------------------------------------------------

  app.get('/lessons', async (request, reply) => {
    const user = signedInUser(request);
    const { page: pageNumber, ...query } = lessonListQuery.parse(request.query ?? {});
    const page = pageOf(pageNumber);
    const project = query.projectId ? await projects.get(user, query.projectId) : null;
    const { lessons, total } = await learning.lessons(user, query, page);
    const pagination = paginationFor(
      page.page,
      total,
      pageLink('/learning/lessons', { projectId: query.projectId, q: query.q, code: query.code }),
    );
    return reply.view('learning/views/lessons.njk', {
      lessons,
      total,
      pagination,
      query,
      project,
      codes: recommendationCodes,
      staff: isStaff(user),
    });
  });

  const showLessonForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    ctx: { action: string; back: string; title: string },
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => reply.view('learning/views/lesson-form.njk', { ...ctx, values, ...(await choices(user, values)) }, errors ? { errors } : {});

  const newLesson = { action: '/learning/lessons/new', back: '/learning/lessons', title: 'learning:lessonForm.title' };
  const editLesson = (id: string) => ({
    action: `/learning/lessons/${id}/edit`,
    back: `/learning/lessons/${id}`,
    title: 'learning:lessonForm.editTitle',
  });

  app.get('/lessons/new', { preHandler: staffOnly }, async (request, reply) => {
    const q = lessonQuery.parse(request.query ?? {});
    return showLessonForm(reply, signedInUser(request), newLesson, {
      projectId: q.projectId ?? '',
      recommendations: q.code ? [q.code] : [],
    });
  });

  app.post('/lessons/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const body = withParts(request.body);
    if (projectFinder.isFinding(body)) return showLessonForm(reply, user, newLesson, body);
    const form = parseForm(lessonForm, body);
    if (!form.ok) return showLessonForm(reply, user, newLesson, body, form.errors);
    const saved = await learning.addLesson(user, form.data);
    if (!saved.ok) return showLessonForm(reply, user, newLesson, body, saved.errors);
    request.flash(t('learning:flash.lessonAdded'));
    return reply.redirect(`/learning/lessons/${saved.id}`, 303);
  });

  app.get('/lessons/:id', async (request, reply) => {
    const user = signedInUser(request);
    const lesson = await learning.lesson(user, idOf(request));
    return reply.view('learning/views/lesson.njk', { lesson, staff: isStaff(user) });
  });

  app.get('/lessons/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const l = await learning.lesson(user, idOf(request));
    return showLessonForm(reply, user, editLesson(l.id), {
      title: l.title,
      worked: l.worked ?? '',
      didNotWork: l.didNotWork ?? '',
      doDifferently: l.doDifferently ?? '',
      projectId: l.projectId ?? '',
      recommendations: l.recommendations,
    });
  });

  app.post('/lessons/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const l = await learning.lesson(user, idOf(request));
    const body = withParts(request.body);
    if (projectFinder.isFinding(body)) return showLessonForm(reply, user, editLesson(l.id), body);
    const form = parseForm(lessonForm, body);
    if (!form.ok) return showLessonForm(reply, user, editLesson(l.id), body, form.errors);
    const saved = await learning.changeLesson(user, l.id, form.data);
    if (!saved.ok) return showLessonForm(reply, user, editLesson(l.id), body, saved.errors);
    request.flash(t('learning:flash.lessonChanged'));
    return reply.redirect(`/learning/lessons/${l.id}`, 303);
  });
};
