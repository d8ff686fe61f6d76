import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';

const listQuery = z.object({ page: pageParam });
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { AppError, Forbidden, NotFound } from '../../platform/errors.ts';
import {
  checkboxList,
  dateFields,
  dateParts,
  isoDateFromParts,
  parseForm,
  requiredText,
  type FieldErrors,
  typedValues,
  formFields,
  fieldText,
} from '../../platform/forms.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { londonToday } from '../../platform/time.ts';
import { perspectives } from '../people/vocabulary.ts';
import { activities, levels, memberRoles, stages } from './vocabulary.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { formatMoney } from '../../platform/money.ts';

const projectForm = z.object({
  title: requiredText('projects:errors.titleRequired', 200),
  purpose: requiredText('projects:errors.purposeRequired', 4000),
  activities: checkboxList(activities).refine((a) => a.length > 0, 'projects:errors.activitiesRequired'),
  levelAim: z.enum(levels, { message: 'projects:errors.levelRequired' }),
  stage: z.enum(stages, { message: 'projects:errors.stageRequired' }),
  startDate: isoDateFromParts('projects:errors.startDateRequired', 'projects:errors.startDateInvalid'),
});

const memberForm = z.object({
  role: z.enum(memberRoles, { message: 'projects:errors.roleRequired' }),
  joinedOn: isoDateFromParts('projects:errors.joinedOnRequired', 'projects:errors.joinedOnInvalid'),
});
const addMemberForm = memberForm.extend({ personId: z.string().uuid('projects:errors.personRequired') });

const agreementForm = z.object({
  meaning: requiredText('projects:errors.meaningRequired', 4000),
  principles: requiredText('projects:errors.principlesRequired', 4000),
  benefits: requiredText('projects:errors.benefitsRequired', 4000),
  outcomes: requiredText('projects:errors.outcomesRequired', 4000),
});

const ids = z.object({ id: z.string().uuid(), personId: z.string().uuid().optional() });
const vocab = { activities, levels, stages, memberRoles, perspectives };

/**
 * Projects, their members and agreement. Staff run projects; members see and take part
 * in the projects they belong to, and write the agreement with everyone else.
 */
export const projectRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { projects, agreements, people, personFinder } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
  const withDates = (body: unknown, ...names: string[]) => ({
    ...(body as object),
    ...Object.fromEntries(names.map((n) => [n, dateFields(body, n)])),
  });

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(listQuery.parse(request.query ?? {}).page);
    const { projects: list, total } = await projects.page(user, page);
    const pagination = paginationFor(page.page, total, pageLink('/projects', {}));
    return reply.view('projects/views/list.njk', { projects: list, total, pagination, staff: isStaff(user) });
  });

  const showForm = (reply: FastifyReply, ctx: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('projects/views/form.njk', { vocab, ...ctx }, errors ? { errors } : {});

  app.get('/new', { preHandler: staffOnly }, async (_request, reply) =>
    showForm(reply, { values: { activities: [], stage: 'setting-up', startDate: dateParts(londonToday(now())) } }),
  );

  app.post('/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(projectForm, withDates(request.body, 'startDate'));
    const checking = await checkMyWords(request, services.plainWords);
    if (checking || !form.ok)
      return showForm(
        reply,
        { values: { ...typedValues(request.body, ['activities']), startDate: dateFields(request.body, 'startDate') } },
        checking || form.ok ? undefined : form.errors,
      );
    const id = await projects.create(actor(user), form.data);
    request.flash(t('projects:saved'));
    return reply.redirect(`/projects/${id}`, 303);
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const organisationId = user.organisationId;
    const project = await projects.get(user, params(request).id);
    // On PostgreSQL each query waits for its answer, so what does not depend on another is asked together.
    const [purpose, members, agreement, stageHistory, meetingList, budget, proposalList, reviewCycles, timePolls, outreach] =
      await Promise.all([
        // Welsh readers see the Welsh purpose where staff wrote one (issue 24).
        services.languages.readerText(organisationId, { type: 'project', id: project.id, field: 'purpose' }, project.purpose),
        projects.members(organisationId, project.id),
        agreements.current(organisationId, project.id),
        projects.stageHistory(organisationId, project.id),
        services.meetings.forProject(organisationId, project.id),
        services.budgets.forProject(user, project.id),
        services.proposals.forProject(organisationId, project.id),
        services.reviews.forProject(user, project.id),
        services.timePolls.openFor(user, project.id),
        services.outreach.forProject(organisationId, project.id),
      ]);
    project.purpose = purpose;
    const nowIso = now().toISOString();
    const past = meetingList.filter((m) => m.endsAt <= nowIso).reverse();
    const [involvement, status, attendance] = await Promise.all([
      projects.involvementFor(organisationId, project, members),
      agreement ? agreements.statusFor(organisationId, project.id, members) : [],
      services.meetingRecords.attendanceByPerspective(
        organisationId,
        past.map((m) => m.id),
      ),
    ]);
    const agreedCount = agreement ? status.filter((s) => s.agreedVersion === agreement.version).length : 0;
    return reply.view('projects/views/show.njk', {
      project,
      members,
      involvement,
      agreement,
      agreedCount,
      stageHistory,
      vocab,
      staff: isStaff(user),
      upcoming: meetingList.filter((m) => m.endsAt > nowIso),
      past: past.map((m) => ({ ...m, attendance: attendance.get(m.id) ?? null })),
      perspectiveGroups,
      budget,
      money: formatMoney,
      proposalList,
      reviewCycles,
      timePolls,
      outreach,
    });
  });

  app.get('/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, params(request).id);
    return showForm(reply, { project, values: { ...project, startDate: dateParts(project.startDate) } });
  });

  app.post('/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, params(request).id);
    const form = parseForm(projectForm, withDates(request.body, 'startDate'));
    const checking = await checkMyWords(request, services.plainWords);
    if (checking || !form.ok)
      return showForm(
        reply,
        { project, values: { ...typedValues(request.body, ['activities']), startDate: dateFields(request.body, 'startDate') } },
        checking || form.ok ? undefined : form.errors,
      );
    await projects.update(actor(user), project.id, form.data);
    request.flash(t('projects:saved'));
    return reply.redirect(`/projects/${project.id}`, 303);
  });

  // Members ------------------------------------------------------------------

  const showAddMember = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const project = await projects.get(user, params(request).id);
    const shown = values ?? { role: 'member', joinedOn: dateParts(londonToday(now())) };
    // Only people who are not members yet; a large organisation finds them by name.
    const finding = await personFinder.fields(user.organisationId, shown, ['personId'], { notInProjectId: project.id });
    const current = new Set(finding ? [] : (await projects.members(user.organisationId, project.id)).map((m) => m.personId));
    const candidates = finding ? [] : (await people.directory(user.organisationId)).filter((p) => !current.has(p.id));
    return reply.view('projects/views/add-member.njk', { project, candidates, finding, values: shown, vocab }, errors ? { errors } : {});
  };

  app.get('/:id/members/add', { preHandler: staffOnly }, async (request, reply) => showAddMember(request, reply));

  app.post('/:id/members/add', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = params(request);
    const typed = { ...typedValues(request.body, []), joinedOn: dateFields(request.body, 'joinedOn') };
    if (personFinder.isFinding(typed)) return showAddMember(request, reply, typed);
    const form = parseForm(addMemberForm, withDates(request.body, 'joinedOn'));
    if (!form.ok) return showAddMember(request, reply, typed, form.errors);
    await projects.get(user, id);
    try {
      await projects.addMember(actor(user), id, form.data.personId, form.data.role, form.data.joinedOn);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return showAddMember(request, reply, typed, { personId: error.messageKey });
      throw error;
    }
    request.flash(t('projects:members.added'));
    return reply.redirect(`/projects/${id}#members`, 303);
  });

  const showMember = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    const project = await projects.get(user, id);
    const member = (await projects.members(user.organisationId, id)).find((m) => m.personId === personId);
    if (!member) throw new NotFound();
    const shown = values ?? { role: member.role, joinedOn: dateParts(member.joinedOn) };
    return reply.view('projects/views/member.njk', { project, member, values: shown, vocab }, errors ? { errors } : {});
  };

  app.get('/:id/members/:personId', { preHandler: staffOnly }, async (request, reply) => showMember(request, reply));

  app.post('/:id/members/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    await projects.get(user, id);
    const form = parseForm(memberForm, withDates(request.body, 'joinedOn'));
    if (!form.ok)
      return showMember(request, reply, { ...typedValues(request.body, []), joinedOn: dateFields(request.body, 'joinedOn') }, form.errors);
    await projects.changeMember(actor(user), id, personId!, form.data.role, form.data.joinedOn);
    request.flash(t('projects:members.changed'));
    return reply.redirect(`/projects/${id}#members`, 303);
  });

  app.post('/:id/members/:personId/remove', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    await projects.get(user, id);
    await projects.removeMember(actor(user), id, personId!);
    request.flash(t('projects:members.removed'));
    return reply.redirect(`/projects/${id}#members`, 303);
  });

  // Agreement -----------------------------------------------------------------

  /** Staff, and members of this project, may read and write its agreement. */
  const openAgreement = async (user: CurrentUser, id: string) => {
    const project = await projects.get(user, id);
    const members = await projects.members(user.organisationId, id);
    const isMember = members.some((m) => m.personId === user.personId);
    if (!isStaff(user) && !isMember) throw new Forbidden();
    return { project, members, isMember };
  };

  app.get('/:id/agreement', async (request, reply) => {
    const user = signedInUser(request);
    const { project, members, isMember } = await openAgreement(user, params(request).id);
    const agreement = await agreements.current(user.organisationId, project.id);
    const status = agreement ? await agreements.statusFor(user.organisationId, project.id, members) : [];
    const mine = status.find((s) => s.personId === user.personId);
    return reply.view('projects/views/agreement.njk', {
      project,
      agreement,
      status,
      isMember,
      staff: isStaff(user),
      iAgreed: Boolean(agreement && mine?.agreedVersion === agreement.version),
      agreed: status.filter((s) => agreement && s.agreedVersion === agreement.version),
      notYet: status.filter((s) => !agreement || s.agreedVersion !== agreement.version),
    });
  });

  const showAgreementForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const user = signedInUser(request);
    const { project } = await openAgreement(user, params(request).id);
    const agreement = await agreements.current(user.organisationId, project.id);
    // The first draft starts from the organisation's charter (C2); the project makes it its own.
    const fromCharter = agreement || values ? null : await services.charter.agreementStart(user.organisationId);
    return reply.view(
      'projects/views/agreement-form.njk',
      { project, agreement, fromCharter: Boolean(fromCharter), values: values ?? agreement ?? fromCharter ?? {} },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/agreement/edit', async (request, reply) => showAgreementForm(request, reply));

  app.post('/:id/agreement/edit', async (request, reply) => {
    const user = signedInUser(request);
    const { project } = await openAgreement(user, params(request).id);
    const form = parseForm(agreementForm, request.body);
    if (!form.ok) return showAgreementForm(request, reply, typedValues(request.body, []), form.errors);
    await agreements.save(actor(user), project.id, form.data);
    request.flash(t('projects:agreement.saved'));
    return reply.redirect(`/projects/${project.id}/agreement`, 303);
  });

  /**
   * A member agrees for themself. Staff may record agreement for a member who told them
   * in person; the audit log says who recorded it.
   */
  app.post('/:id/agreement/agree', async (request, reply) => {
    const user = signedInUser(request);
    const { project, members, isMember } = await openAgreement(user, params(request).id);
    const body = formFields(request.body);
    const chosen = fieldText(body, 'personId');
    const personId = chosen && isStaff(user) ? chosen : user.personId;
    if (personId === user.personId && !isMember) throw new Forbidden();
    if (!members.some((m) => m.personId === personId)) throw new NotFound();
    const version = Number(body.version);
    const agreement = await agreements.requireExists(user.organisationId, project.id);
    if (version !== agreement.version) {
      request.flash(t('projects:agreement.changedSince'));
      return reply.redirect(`/projects/${project.id}/agreement`, 303);
    }
    await agreements.agree(actor(user), project.id, personId, version);
    request.flash(t(personId === user.personId ? 'projects:agreement.thanks' : 'projects:agreement.recorded'));
    return reply.redirect(`/projects/${project.id}/agreement`, 303);
  });
};
