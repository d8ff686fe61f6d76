import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { AppError, NotFound } from '../../platform/errors.ts';
import {
  dateFields,
  isoDateFromParts,
  optionalText,
  parseForm,
  requiredText,
  type FieldErrors,
  typedValues,
  formFields,
} from '../../platform/forms.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { parseClockTime } from './meeting-form.ts';
import { londonToUtc, toLondon } from './meeting-time.ts';
import { welshSummaryOf, type AttendanceEntry } from './record.ts';
import { actionStatuses, attendanceStatuses } from './vocabulary.ts';

const ids = z.object({ id: z.string().uuid(), itemId: z.string().uuid().optional() });
const notesForm = z.object({
  discussed: requiredText('meetings:errors.discussedRequired', 10000),
  summary: optionalText(4000),
  // Shown only while the organisation speaks Welsh (issue 24); absent, the Welsh kept is left alone.
  summaryWelsh: optionalText(4000).optional(),
});
// Each decision and action can have its Welsh beside the English (issue 24), on the same form
// while the organisation speaks Welsh; kept in the same row as the English.
const decisionForm = z.object({ text: requiredText('meetings:errors.decisionRequired', 2000), textWelsh: optionalText(2000) });
const actionForm = z.object({
  what: requiredText('meetings:errors.actionRequired', 1000),
  whatWelsh: optionalText(1000),
  ownerPersonId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('errors:invalidChoice').nullable().default(null)),
  dueOn: z
    .object({ day: z.string(), month: z.string(), year: z.string() })
    .transform((d) => (d.day || d.month || d.year ? d : null))
    .pipe(isoDateFromParts('meetings:errors.dueRequired', 'meetings:errors.dueInvalid').nullable()),
});
const statusForm = z.object({ status: z.enum(actionStatuses, { message: 'errors:invalidChoice' }) });

/**
 * Reads the register form: one status and two times per person. Times are London wall
 * times on the meeting's day; blank times mean "the whole meeting".
 */
export function readRegister(body: Record<string, unknown>, personIds: readonly string[], meeting: { startsAt: string; endsAt: string }) {
  const date = toLondon(meeting.startsAt).date;
  const entries: AttendanceEntry[] = [];
  const errors: FieldErrors = {};
  for (const personId of personIds) {
    const status = body[`status-${personId}`];
    if (status === undefined || status === '') continue;
    if (!(attendanceStatuses as readonly unknown[]).includes(status)) {
      errors[`status-${personId}`] = 'errors:invalidChoice';
      continue;
    }
    if (status !== 'present') {
      entries.push({ personId, status: status as AttendanceEntry['status'], arrivedAt: null, leftAt: null });
      continue;
    }
    const time = (name: string, fallback: string) => {
      const text = typeof body[`${name}-${personId}`] === 'string' ? (body[`${name}-${personId}`] as string).trim() : '';
      if (!text) return fallback;
      const clock = parseClockTime(text);
      const utc = clock ? londonToUtc(date, clock) : null;
      if (!utc?.ok) {
        errors[`${name}-${personId}`] = 'meetings:errors.timeInvalid';
        return null;
      }
      return utc.iso;
    };
    const arrivedAt = time('arrived', meeting.startsAt);
    const leftAt = time('left', meeting.endsAt);
    if (arrivedAt && leftAt && leftAt <= arrivedAt) errors[`left-${personId}`] = 'meetings:errors.leftBeforeArrived';
    if (arrivedAt && leftAt) entries.push({ personId, status: 'present', arrivedAt, leftAt });
  }
  return { entries, errors };
}

/** After the meeting: the register, notes, decisions, actions and the summary for everyone. */
export const meetingRecordRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { meetings, meetingRecords, invitations, projects } = services;
  // Staff, and an independent facilitator named on the meeting (issue 22; getForUser checks the naming).
  app.addHook('preHandler', allow('admin', 'facilitator', 'independent-facilitator'));
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
  const open = (request: FastifyRequest) => meetings.getForUser(signedInUser(request), params(request).id);

  const showRegister = async (request: FastifyRequest, reply: FastifyReply, typed?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const [invitees, attendance] = await Promise.all([
      meetings.invitees(user.organisationId, meeting.id),
      meetingRecords.attendance(user.organisationId, meeting.id),
    ]);
    const rows = invitees.map((i) => {
      const a = attendance.get(i.personId);
      const saved = {
        status: a?.status ?? '',
        arrived: a?.arrivedAt ? toLondon(a.arrivedAt).time : '',
        left: a?.leftAt ? toLondon(a.leftAt).time : '',
      };
      const shown = typed
        ? {
            status: typed[`status-${i.personId}`] ?? '',
            arrived: typed[`arrived-${i.personId}`] ?? '',
            left: typed[`left-${i.personId}`] ?? '',
          }
        : saved;
      return { ...i, ...shown, minutes: a?.minutesPresent ?? null };
    });
    return reply.view(
      'meetings/views/attendance.njk',
      { meeting, rows, statuses: attendanceStatuses, start: toLondon(meeting.startsAt).time, end: toLondon(meeting.endsAt).time },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/attendance', async (request, reply) => showRegister(request, reply));

  app.post('/:id/attendance', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const invitees = await meetings.invitees(user.organisationId, meeting.id);
    const body = typedValues(request.body, []);
    const { entries, errors } = readRegister(
      body,
      invitees.map((i) => i.personId),
      meeting,
    );
    if (Object.keys(errors).length) return showRegister(request, reply, body, errors);
    await meetingRecords.saveAttendance(actor(user), meeting.id, entries);
    request.flash(t('meetings:attendance.saved'));
    return reply.redirect(`/meetings/${meeting.id}`, 303);
  });

  const showNotes = async (request: FastifyRequest, reply: FastifyReply, typed?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const [notes, members] = await Promise.all([
      meetingRecords.notes(user.organisationId, meeting.id),
      projects.members(user.organisationId, meeting.projectId),
    ]);
    const welshOn = request.welshSetting !== 'off';
    const summaryWelsh = welshOn && !typed ? await services.languages.welshVersion(user.organisationId, welshSummaryOf(meeting.id)) : null;
    const values = {
      discussed: notes.discussed,
      summary: notes.summary,
      summaryWelsh: summaryWelsh ?? '',
      dueOn: { day: '', month: '', year: '' },
      ...(typed ?? {}),
    };
    return reply.view('meetings/views/notes.njk', { meeting, notes, members, values, actionStatuses, welshOn }, errors ? { errors } : {});
  };

  app.get('/:id/notes', async (request, reply) => showNotes(request, reply));

  app.post('/:id/notes', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const form = parseForm(notesForm, request.body);
    if (await checkMyWords(request, services.plainWords)) return showNotes(request, reply, typedValues(request.body, []));
    if (!form.ok) return showNotes(request, reply, typedValues(request.body, []), form.errors);
    // With Welsh off the field is not shown, so the Welsh kept is left alone.
    const { summaryWelsh, ...english } = form.data;
    await meetingRecords.saveNotes(actor(user), meeting.id, request.welshSetting === 'off' ? english : { ...english, summaryWelsh });
    request.flash(t('meetings:notes.saved'));
    return reply.redirect(`/meetings/${meeting.id}/notes`, 303);
  });

  app.post('/:id/decisions', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const form = parseForm(decisionForm, request.body);
    if (!form.ok) {
      const typed = formFields(request.body);
      const errors = { decisionText: form.errors.text ?? '', decisionTextWelsh: form.errors.textWelsh ?? '' };
      return showNotes(
        request,
        reply,
        { decisionText: typed.text, decisionTextWelsh: typed.textWelsh },
        Object.fromEntries(Object.entries(errors).filter(([, key]) => key)),
      );
    }
    const welsh = request.welshSetting !== 'off' ? form.data.textWelsh : null;
    await meetingRecords.addDecision(actor(user), meeting.id, form.data.text, welsh);
    request.flash(t('meetings:notes.decisionAdded'));
    return reply.redirect(`/meetings/${meeting.id}/notes#decisions`, 303);
  });

  app.post('/:id/decisions/:itemId/remove', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    await meetingRecords.removeDecision(actor(user), meeting.id, params(request).itemId!);
    request.flash(t('meetings:notes.decisionRemoved'));
    return reply.redirect(`/meetings/${meeting.id}/notes#decisions`, 303);
  });

  app.post('/:id/actions', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const body = { ...typedValues(request.body, []), dueOn: dateFields(request.body, 'dueOn') };
    const form = parseForm(actionForm, body);
    if (!form.ok) return showNotes(request, reply, body, form.errors);
    const members = await projects.members(user.organisationId, meeting.projectId);
    if (form.data.ownerPersonId && !members.some((m) => m.personId === form.data.ownerPersonId)) throw new NotFound();
    const whatWelsh = request.welshSetting !== 'off' ? form.data.whatWelsh : null;
    await meetingRecords.addAction(actor(user), meeting.id, { ...form.data, whatWelsh });
    request.flash(t('meetings:notes.actionAdded'));
    return reply.redirect(`/meetings/${meeting.id}/notes#actions`, 303);
  });

  app.post('/:id/actions/:itemId', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const form = statusForm.safeParse(request.body);
    if (!form.success) throw new NotFound();
    await meetingRecords.setActionStatus(actor(user), meeting.id, params(request).itemId!, form.data.status);
    request.flash(t('meetings:notes.actionChanged'));
    return reply.redirect(`/meetings/${meeting.id}/notes#actions`, 303);
  });

  /** Sends "what we talked about, what we decided, what happens next" to every member. */
  app.post('/:id/summary', async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await open(request);
    const notes = await meetingRecords.notes(user.organisationId, meeting.id);
    const summaryText = notes.summary || notes.discussed;
    if (!summaryText) return showNotes(request, reply, undefined, { discussed: 'meetings:errors.summaryNeedsNotes' });
    if (notes.publishedAt) {
      request.flash(t('meetings:errors.alreadyPublished'));
      return reply.redirect(`/meetings/${meeting.id}/notes`, 303);
    }
    // Who does each action and by when are worded in each reader's language when the message is written.
    const actions = notes.actions;
    // Easy read readers are sent the easy read version where staff wrote one (issue 24).
    const easyRead = await services.easyRead.easyReadSummary(user.organisationId, meeting.id, {
      discussed: summaryText,
      decisions: notes.decisions,
      actions,
    });
    // An easy read reader who reads Welsh gets the Welsh staff wrote of a decision: there is no
    // easy read Welsh, and their language comes first.
    const easyReadSummary = easyRead && {
      ...easyRead,
      decisions: easyRead.decisions.map((text, i) => ({ text, welsh: notes.decisions[i]?.welsh ?? null })),
    };
    const discussedWelsh = await services.languages.welshVersion(user.organisationId, welshSummaryOf(meeting.id));
    // Sending first is safe to repeat: each person's summary can be queued only once.
    const result = await invitations.sendSummary(
      actor(user),
      meeting,
      { discussed: summaryText, decisions: notes.decisions, actions, discussedWelsh },
      easyReadSummary,
    );
    await meetingRecords.markPublished(actor(user), meeting.id).catch((error: unknown) => {
      if (!(error instanceof AppError && error.status === 409)) throw error;
    });
    request.flash(
      result.unreachable.length
        ? t('meetings:summary.sentSome', { count: result.sent, names: result.unreachable.join(', ') })
        : t('meetings:summary.sent', { count: result.sent }),
    );
    return reply.redirect(`/meetings/${meeting.id}`, 303);
  });
};
