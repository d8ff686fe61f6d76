import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { dateParts, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { actionForm, decisionForm, groupFieldNames, noteForm, parseTakingPart, progressForm, withParts } from './forms.ts';
import { presentDecision } from './presenting.ts';
import { mayUpdateAction } from './service.ts';
import { actionStatuses } from './rules.ts';

const ids = z.object({ id: z.string().uuid(), decisionId: z.string().uuid().optional(), actionId: z.string().uuid().optional() });
type Values = Record<string, unknown>;
const pageQuery = z.object({ page: pageParam });

/**
 * A project's decision log (P2, S4). Every member of the project and staff read it; staff
 * record decisions made without an online vote, add notes and follow-up jobs; staff and
 * each job's owner report back when it is done ("you said, we did").
 */
export const decisionLogRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { decisionLog, people, personFinder } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return { id: parsed.data.id, decisionId: parsed.data.decisionId ?? '', actionId: parsed.data.actionId ?? '' };
  };
  const today = () => londonToday(now());
  const groupFields = perspectiveGroups.map((group) => ({ group, ...groupFieldNames(group) }));

  // The log ----------------------------------------------------------------------------

  app.get('/:id/decisions', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { project, decisions, total } = await decisionLog.log(user, params(request).id, page);
    return reply.view('decision-log/views/log.njk', {
      project,
      decisions: decisions.map((d) => presentDecision(t, d, user)),
      total,
      pagination: paginationFor(page.page, total, pageLink(`/projects/${project.id}/decisions`, {})),
      staff: isStaff(user),
      statuses: actionStatuses,
    });
  });

  // Recording a decision made without an online vote ------------------------------------

  const showForm = async (reply: FastifyReply, user: CurrentUser, projectId: string, values: Values, errors?: FieldErrors) => {
    const project = await decisionLog.project(user, projectId);
    const meetings = await decisionLog.meetingChoices(user, projectId);
    return reply.view('decision-log/views/form.njk', { project, meetings, values, groupFields }, errors ? { errors } : {});
  };

  app.get('/:id/decisions/new', { preHandler: staffOnly }, async (request, reply) =>
    showForm(reply, signedInUser(request), params(request).id, { decidedOn: dateParts(today()) }),
  );

  app.post('/:id/decisions/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const body = withParts(request.body);
    if (await checkMyWords(request, services.plainWords)) return showForm(reply, user, id, body);
    const form = parseForm(decisionForm, body);
    const takingPart = parseTakingPart(body);
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(takingPart.ok ? {} : takingPart.errors) };
    if (form.ok && form.data.decidedOn > today()) errors.decidedOn = 'decision-log:errors.dateFuture';
    if (!form.ok || !takingPart.ok || Object.keys(errors).length) return showForm(reply, user, id, body, errors);
    const made = await decisionLog.recordDecision(user, { projectId: id, proposalId: null, ...form.data, takingPart: takingPart.value });
    request.flash(t('decision-log:flash.recorded'));
    return reply.redirect(`/projects/${id}/decisions/${made.id}`, 303);
  });

  // One decision ------------------------------------------------------------------------

  const showDecision = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    decisionId: string,
    note?: { values: Values; errors: FieldErrors },
  ) => {
    const { project, decision } = await decisionLog.get(user, projectId, decisionId);
    return reply.view(
      'decision-log/views/show.njk',
      { project, decision: presentDecision(t, decision, user), staff: isStaff(user), values: note?.values ?? {} },
      note ? { errors: note.errors } : {},
    );
  };

  app.get('/:id/decisions/:decisionId', async (request, reply) => {
    const { id, decisionId } = params(request);
    return showDecision(reply, signedInUser(request), id, decisionId);
  });

  app.post('/:id/decisions/:decisionId/notes', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, decisionId } = params(request);
    const form = parseForm(noteForm, request.body);
    if (!form.ok) return showDecision(reply, user, id, decisionId, { values: withParts(request.body), errors: form.errors });
    await decisionLog.addNote(user, id, decisionId, form.data.text);
    request.flash(t('decision-log:flash.noteAdded'));
    return reply.redirect(`/projects/${id}/decisions/${decisionId}#notes`, 303);
  });

  app.post('/:id/decisions/:decisionId/send', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, decisionId } = params(request);
    await decisionLog.resend(user, id, decisionId);
    request.flash(t('decision-log:flash.resent'));
    return reply.redirect(`/projects/${id}/decisions/${decisionId}`, 303);
  });

  // Follow-up jobs ----------------------------------------------------------------------

  const showActionForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    decisionId: string,
    values: Values,
    errors?: FieldErrors,
  ) => {
    const { project, decision } = await decisionLog.get(user, projectId, decisionId);
    const finding = await personFinder.fields(user.organisationId, values, ['ownerId']);
    const owners = finding ? [] : await people.directory(user.organisationId);
    return reply.view('decision-log/views/action-form.njk', { project, decision, owners, finding, values }, errors ? { errors } : {});
  };

  app.get('/:id/decisions/:decisionId/actions/new', { preHandler: staffOnly }, async (request, reply) => {
    const { id, decisionId } = params(request);
    return showActionForm(reply, signedInUser(request), id, decisionId, { dueOn: dateParts('') });
  });

  app.post('/:id/decisions/:decisionId/actions/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, decisionId } = params(request);
    const body = withParts(request.body);
    if (personFinder.isFinding(body)) return showActionForm(reply, user, id, decisionId, body);
    const form = parseForm(actionForm, body);
    if (!form.ok) return showActionForm(reply, user, id, decisionId, body, form.errors);
    const made = await decisionLog.addAction(user, id, decisionId, form.data);
    if (!made.ok) return showActionForm(reply, user, id, decisionId, body, made.errors);
    request.flash(t('decision-log:flash.actionAdded'));
    return reply.redirect(`/projects/${id}/decisions/${decisionId}#actions`, 303);
  });

  const showProgressForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    p: { id: string; decisionId: string; actionId: string },
    values?: Values,
    errors?: FieldErrors,
  ) => {
    const { project, decision, action } = await decisionLog.action(user, p.id, p.decisionId, p.actionId);
    if (!mayUpdateAction(user, action)) throw new Forbidden();
    if (action.status === 'done') throw new NotFound();
    return reply.view(
      'decision-log/views/progress-form.njk',
      {
        project,
        decision,
        action,
        statuses: actionStatuses,
        values: values ?? { status: action.status, whatWeDid: action.whatWeDid ?? '' },
      },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/decisions/:decisionId/actions/:actionId', async (request, reply) =>
    showProgressForm(reply, signedInUser(request), params(request)),
  );

  app.post('/:id/decisions/:decisionId/actions/:actionId', async (request, reply) => {
    const user = signedInUser(request);
    const p = params(request);
    const body = withParts(request.body);
    const form = parseForm(progressForm, body);
    if (!form.ok) return showProgressForm(reply, user, p, body, form.errors);
    const saved = await decisionLog.updateAction(user, p.id, p.decisionId, p.actionId, form.data);
    if (!saved.ok) return showProgressForm(reply, user, p, body, saved.errors);
    request.flash(t(form.data.status === 'done' ? 'decision-log:flash.doneSent' : 'decision-log:flash.progressSaved'));
    return reply.redirect(`/projects/${p.id}/decisions/${p.decisionId}#actions`, 303);
  });
};
