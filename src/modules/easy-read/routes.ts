import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, allowWithIndependentOn, isStaff, signedInUser } from '../../platform/auth.ts';
import { formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { longSentences } from './sentences.ts';

const switchForm = z.object({
  show: z.enum(['easy-read', 'standard']),
  // Only a path on this site: never "//elsewhere" or a full address.
  returnTo: z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])/)
    .catch('/'),
});
const settingForm = z.object({ easyRead: z.enum(['yes', 'no'], { message: 'easy-read:errors.choose' }) });
const easyText = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(4000, 'errors:tooLong'));
const personIds = urlIds('personId');
const meetingIds = urlIds('id');

/**
 * /easy-read/switch (the "Easy read" switch on member pages), /easy-read/people/:personId (a
 * person's default: their own, or set by staff when they ask) and /easy-read/meetings/:id
 * (staff write the easy read summary and decisions of a meeting).
 */
export const easyReadRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { easyRead, meetings, meetingRecords } = services;
  // An independent facilitator (issue 22) sets their own easy read choice, and writes the easy
  // read summary of a meeting they run (getForUser checks they are named on it).
  app.addHook(
    'preHandler',
    allowWithIndependentOn(['admin', 'facilitator', 'member'], ['/easy-read/people/:personId', '/easy-read/meetings/:id']),
  );
  const staffOnly = allow('admin', 'facilitator', 'independent-facilitator');

  app.post('/switch', async (request, reply) => {
    const form = switchForm.safeParse(formFields(request.body));
    const show = form.success ? form.data.show : 'standard';
    request.session.easyRead = show === 'easy-read';
    return reply.redirect(form.success ? form.data.returnTo : '/', 303);
  });

  const showSetting = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const setting = await easyRead.settingOf(user, personIds(request).personId);
    return reply.view(
      'easy-read/views/setting.njk',
      { ...setting, own: setting.person.id === user.personId, staff: isStaff(user) },
      errors ? { errors } : {},
    );
  };

  app.get('/people/:personId', async (request, reply) => showSetting(request, reply));

  app.post('/people/:personId', async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personIds(request);
    const form = parseForm(settingForm, request.body);
    if (!form.ok) return showSetting(request, reply, form.errors);
    const on = form.data.easyRead === 'yes';
    await easyRead.set(user, personId, on);
    // Their own choice shows at once; staff setting it for someone leave their own view alone.
    if (personId === user.personId) request.session.easyRead = on;
    request.flash(t(on ? 'easy-read:setting.savedOn' : 'easy-read:setting.savedOff'));
    return reply.redirect(`/easy-read/people/${personId}`, 303);
  });

  const showWriting = async (
    request: FastifyRequest,
    reply: FastifyReply,
    typed?: { summary: string; decisions: Record<string, string> },
    errors?: FieldErrors,
  ) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, meetingIds(request).id);
    const [notes, versions] = await Promise.all([
      meetingRecords.notes(user.organisationId, meeting.id),
      easyRead.versionsOfMeeting(user.organisationId, meeting.id),
    ]);
    const values = typed ?? { summary: versions.summary ?? '', decisions: versions.decisions };
    // Advice, never a block: the sentences staff may want to split.
    const long = [values.summary, ...Object.values(values.decisions)].flatMap((text) => longSentences(text));
    return reply.view(
      'easy-read/views/write.njk',
      { meeting, notes, values, long, plainSummary: notes.summary || notes.discussed },
      errors ? { errors } : {},
    );
  };

  app.get('/meetings/:id', { preHandler: staffOnly }, async (request, reply) => showWriting(request, reply));

  app.post('/meetings/:id', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const meeting = await meetings.getForUser(user, meetingIds(request).id);
    const notes = await meetingRecords.notes(user.organisationId, meeting.id);
    const body = formFields(request.body);
    const decisionIds = notes.decisions.map((d) => d.id);
    const fields = { summary: body.summary, ...Object.fromEntries(decisionIds.map((id) => [`decision-${id}`, body[`decision-${id}`]])) };
    const form = parseForm(z.object(Object.fromEntries(Object.keys(fields).map((k) => [k, easyText]))), fields);
    const typed = {
      summary: typeof body.summary === 'string' ? body.summary : '',
      decisions: Object.fromEntries(
        decisionIds.map((id) => [id, typeof body[`decision-${id}`] === 'string' ? String(body[`decision-${id}`]) : '']),
      ),
    };
    if (!form.ok) return showWriting(request, reply, typed, form.errors);
    const data = form.data as Record<string, string>;
    await easyRead.writeForMeeting(user, meeting.id, decisionIds, {
      summary: data.summary ?? '',
      decisions: Object.fromEntries(decisionIds.map((id) => [id, data[`decision-${id}`] ?? ''])),
    });
    request.flash(t('easy-read:write.saved'));
    return reply.redirect(`/easy-read/meetings/${meeting.id}`, 303);
  });
};
