import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isIndependentFacilitator, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { fieldText, formFields, optionalText, parseForm, requiredText, type FieldErrors, typedValues } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { accessCheckReads } from './access-check.ts';
import { calendarFeed } from './calendar.ts';
import { calendarMeeting } from './calendar-meeting.ts';
import { meetingFormBody, meetingFormValues, parseMeetingForm, preMeetingIssues } from './meeting-form.ts';
import { meetingPage } from './meeting-page.ts';
import type { Meeting } from './service.ts';
import { arrangements, meetingFormats, replies } from './vocabulary.ts';

const ids = z.object({ id: z.string().uuid(), personId: z.string().uuid().optional(), messageId: z.string().uuid().optional() });
const projectQuery = z.object({ projectId: z.string().uuid() });
const replyForm = z.object({ reply: z.enum(replies, { message: 'meetings:errors.replyRequired' }), note: optionalText(500) });
const acceptForm = z.object({
  personId: z.string().uuid('errors:notFound'),
  need: z.string().min(3).max(60),
  reason: requiredText('meetings:errors.reasonRequired', 1000),
});
const inviteesForm = z.object({
  personIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid())),
});

/**
 * Meetings: planning, the access check, invitations and replies. Staff plan and invite;
 * members of the project see the meeting, its papers, and reply for themselves.
 */
export const meetingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { meetings, invitations, projects, venues } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member', 'independent-facilitator'));
  const staffOnly = allow('admin', 'facilitator');
  // Running a meeting: staff, and an independent facilitator named on it (issue 22; getForUser checks the naming).
  const runners = allow('admin', 'facilitator', 'independent-facilitator');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };

  /** Meetings of the project a pre-meeting may prepare for: the project's, other than this one. */
  const mainMeetingChoices = (
    user: CurrentUser,
    ctx: { project?: { id: string }; meeting?: Pick<Meeting, 'id' | 'projectId' | 'preMeetingOf'> },
  ) =>
    meetings.mainMeetingChoices(
      user.organisationId,
      ctx.project?.id ?? ctx.meeting!.projectId,
      ctx.meeting?.id ?? null,
      ctx.meeting?.preMeetingOf ?? null,
    );

  const showForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    ctx: Record<string, unknown> & { project?: { id: string }; meeting?: Pick<Meeting, 'id' | 'projectId' | 'preMeetingOf'> },
    errors?: FieldErrors,
  ) =>
    reply.view(
      'meetings/views/form.njk',
      {
        vocab: { meetingFormats, arrangements },
        venues: await venues.list(user.organisationId),
        mainMeetings: await mainMeetingChoices(user, ctx),
        ...ctx,
      },
      errors ? { errors } : {},
    );

  const projectFor = async (request: FastifyRequest) => {
    const parsed = projectQuery.safeParse(request.query);
    if (!parsed.success) throw new NotFound();
    return projects.get(signedInUser(request), parsed.data.projectId);
  };

  app.get('/new', { preHandler: staffOnly }, async (request, reply) => {
    const project = await projectFor(request);
    const [year, month, day] = londonToday(now()).split('-');
    return showForm(reply, signedInUser(request), {
      project,
      values: {
        date: { day: String(Number(day)), month: String(Number(month)), year },
        format: 'in-person',
        membersOnly: 'no',
        arrangements: [],
      },
    });
  });

  app.post('/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projectFor(request);
    const form = parseMeetingForm(meetingFormBody(request.body));
    const mainIssues = form.ok ? preMeetingIssues(form.data, await mainMeetingChoices(user, { project })) : {};
    if (!form.ok || Object.keys(mainIssues).length)
      return showForm(
        reply,
        user,
        { project, values: meetingFormBody(typedValues(request.body, ['arrangements'])) },
        form.ok ? mainIssues : form.errors,
      );
    const id = await meetings.create(actor(user), project.id, form.data);
    request.flash(t('meetings:saved'));
    return reply.redirect(`/meetings/${id}`, 303);
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    return reply.view('meetings/views/show.njk', await meetingPage(services, config, user, meeting, now()));
  });

  app.get('/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    return showForm(reply, user, { meeting, values: { ...meetingFormValues(meeting), tellPeople: 'yes' } });
  });

  app.post('/:id/edit', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const form = parseMeetingForm(meetingFormBody(request.body));
    const mainIssues = form.ok ? preMeetingIssues(form.data, await mainMeetingChoices(user, { meeting })) : {};
    if (!form.ok || Object.keys(mainIssues).length)
      return showForm(
        reply,
        user,
        { meeting, values: meetingFormBody(typedValues(request.body, ['arrangements'])) },
        form.ok ? mainIssues : form.errors,
      );
    const { told } = await invitations.changeMeeting(actor(user), meeting, form.data, {
      tellPeople: formFields(request.body).tellPeople === 'yes',
    });
    request.flash(told === null ? t('meetings:saved') : t('meetings:changeSent', { count: told }));
    return reply.redirect(`/meetings/${meeting.id}`, 303);
  });

  // Who is invited --------------------------------------------------------------

  const showInvitees = async (request: FastifyRequest, reply: FastifyReply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const [members, invited] = await Promise.all([
      projects.members(user.organisationId, meeting.projectId),
      meetings.invitees(user.organisationId, meeting.id),
    ]);
    return reply.view('meetings/views/invitees.njk', { meeting, members, invited: invited.map((i) => i.personId) });
  };

  app.get('/:id/invitees', { preHandler: runners }, showInvitees);

  app.post('/:id/invitees', { preHandler: runners }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const form = parseForm(inviteesForm, typedValues(request.body, ['personIds']));
    if (!form.ok) throw new NotFound();
    await meetings.setInvitees(actor(user), meeting.id, form.data.personIds);
    request.flash(t('meetings:invitees.saved'));
    return reply.redirect(`/meetings/${meeting.id}#invitations`, 303);
  });

  // Access gaps -----------------------------------------------------------------

  const showAccept = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const q = { ...formFields(request.query), ...(values ?? {}) };
    const check = await meetings.check(user.organisationId, meeting);
    const person = check.people.find((p) => p.personId === q.personId);
    const gap = person?.gaps.find((g) => g.need === q.need);
    if (!person || !gap) throw new NotFound();
    await services.readsLog.record(user, accessCheckReads(user, meeting.id, [person.personId]));
    return reply.view(
      'meetings/views/accept-gap.njk',
      { meeting, person, gap, values: { reason: gap.accepted?.reason, ...q } },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/gaps/accept', { preHandler: staffOnly }, async (request, reply) => showAccept(request, reply));

  app.post('/:id/gaps/accept', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const body = typedValues(request.body, []);
    const form = parseForm(acceptForm, body);
    if (!form.ok) return showAccept(request, reply, body, form.errors);
    const check = await meetings.check(user.organisationId, meeting);
    const gap = check.people.find((p) => p.personId === form.data.personId)?.gaps.find((g) => g.need === form.data.need);
    if (!gap) throw new NotFound();
    await meetings.acceptGap(actor(user), meeting.id, form.data.personId, form.data.need, form.data.reason);
    request.flash(t('meetings:check.accepted'));
    return reply.redirect(`/meetings/${meeting.id}#access-check`, 303);
  });

  app.post('/:id/gaps/reopen', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const form = acceptForm.pick({ personId: true, need: true }).safeParse(request.body);
    if (!form.success) throw new NotFound();
    await meetings.withdrawAcceptance(actor(user), meeting.id, form.data.personId, form.data.need);
    request.flash(t('meetings:check.reopened'));
    return reply.redirect(`/meetings/${meeting.id}#access-check`, 303);
  });

  // Invitations and replies -----------------------------------------------------

  app.post('/:id/invitations', { preHandler: runners }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const result = await invitations.sendInvitations(actor(user), meeting.id);
    request.flash(
      result.unreachable.length
        ? t('meetings:invitations.sentSome', { count: result.sent, names: result.unreachable.join(', ') })
        : t('meetings:invitations.sent', { count: result.sent }),
    );
    return reply.redirect(`/meetings/${meeting.id}#invitations`, 303);
  });

  /** A signed-in member replies for themself. */
  app.post('/:id/reply', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const form = parseForm(replyForm, request.body);
    if (!form.ok)
      return reply.view('meetings/views/show.njk', await meetingPage(services, config, user, meeting, now()), { errors: form.errors });
    await invitations.recordReply(user.organisationId, meeting.id, user.personId, form.data.reply, null, form.data.note);
    request.flash(t(`meetings:reply.thanks.${form.data.reply}`));
    return reply.redirect(`/meetings/${meeting.id}`, 303);
  });

  const showRecordReply = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    const meeting = await meetings.getForUser(user, id);
    const invitee = (await meetings.invitees(user.organisationId, meeting.id)).find((i) => i.personId === personId);
    if (!invitee) throw new NotFound();
    // A reply may come from one of the person's supporters who does not sign in (issue 17).
    // An independent facilitator records the person's own reply; a supporter's goes through staff.
    const givers = isIndependentFacilitator(user)
      ? []
      : await services.supporters.allowedFor(user.organisationId, invitee.personId, 'reply');
    return reply.view(
      'meetings/views/record-reply.njk',
      { meeting, invitee, givers, values: values ?? { reply: invitee.reply === 'none' ? '' : invitee.reply, note: invitee.replyNote } },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/replies/:personId', { preHandler: runners }, async (request, reply) => showRecordReply(request, reply));

  /** Staff record a reply given by phone or in person; the history says who took it. */
  app.post('/:id/replies/:personId', { preHandler: runners }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    const meeting = await meetings.getForUser(user, id);
    const form = parseForm(replyForm, request.body);
    if (!form.ok) return showRecordReply(request, reply, typedValues(request.body, []), form.errors);
    const givenBy = fieldText(request.body, 'givenBy');
    const acting = givenBy ? await services.supporters.staffActing(user, personId!, givenBy, 'reply') : null;
    await invitations.recordReply(user.organisationId, meeting.id, personId!, form.data.reply, user.personId, form.data.note, {
      actingFor: acting,
    });
    request.flash(t('meetings:reply.recorded'));
    return reply.redirect(`/meetings/${meeting.id}#invitations`, 303);
  });

  // The call list: invitations, reminders and summaries that staff give by phone or in person.
  app.get('/:id/calls', { preHandler: runners }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const [work, invited] = await Promise.all([
      invitations.handWork(user.organisationId, meeting.id),
      meetings.invitees(user.organisationId, meeting.id),
    ]);
    const names = new Map(invited.map((i) => [i.personId, i.name]));
    return reply.view('meetings/views/calls.njk', {
      meeting,
      calls: work.calls.map((c) => ({ ...c, name: (c.person_id && names.get(c.person_id)) || c.recipient })),
    });
  });

  app.post('/:id/calls/:messageId/done', { preHandler: runners }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, messageId } = params(request);
    const meeting = await meetings.getForUser(user, id);
    const done = await invitations.markCallMade(actor(user), meeting.id, messageId!);
    if (!done) throw new NotFound();
    request.flash(t('meetings:calls.done'));
    return reply.redirect(`/meetings/${meeting.id}/calls`, 303);
  });

  app.post('/:id/cancel', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    await meetings.cancel(actor(user), meeting.id);
    const result = await invitations.sendChange(actor(user), meeting.id, 'cancellation');
    request.flash(t('meetings:cancelSent', { count: result.sent }));
    return reply.redirect(`/meetings/${meeting.id}`, 303);
  });

  /** The meeting as a calendar file, for anyone who may see it. */
  app.get('/:id/meeting.ics', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, params(request).id);
    const ics = calendarFeed(meeting.title, [calendarMeeting(meeting, `${config.publicUrl}/meetings/${meeting.id}`)]);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="meeting.ics"')
      .header('cache-control', 'private, no-store')
      .send(ics);
  });
};
