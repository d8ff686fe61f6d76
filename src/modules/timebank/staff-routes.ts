import { pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm, type FieldErrors, typedValues, formFields } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { durationParts } from './duration.ts';
import { recordForm, refusalMessage, reverseForm, settingsForm, typedForm } from './forms.ts';
import { idParam, timebankRenderer } from './render.ts';

const chosenPeople = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid()));

/** Staff: the whole organisation's time bank, credits for meetings, swaps for others, corrections, settings. */
const pageQuery = z.object({ page: pageParam });

export const staffRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { timebank, people, personFinder } = services;
  const show = timebankRenderer(t);
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const actor = (request: FastifyRequest) => {
    const user = signedInUser(request);
    return { organisationId: user.organisationId, personId: user.personId };
  };

  app.get('/overview', async (request, reply) => {
    const { organisationId } = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [overview, recent] = await Promise.all([
      timebank.statements.overview(organisationId, page),
      timebank.statements.recent(organisationId),
    ]);
    const pagination = paginationFor(page.page, overview.peopleTotal, (n) => `/timebank/overview?page=${n}#balances`);
    return show(reply, 'overview', { overview, recent, pagination });
  });

  app.get('/people/:id', async (request, reply) => {
    const { organisationId } = signedInUser(request);
    const person = await people.get(organisationId, idParam(request));
    const history = await timebank.statements.history(organisationId, person.id);
    return show(reply, 'person', { person, balance: history.balance, lines: history.lines });
  });

  // Corrections -------------------------------------------------------------------

  const showReverse = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FieldErrors) => {
    const line = await timebank.statements.transaction(signedInUser(request).organisationId, idParam(request));
    return show(reply, 'reverse', { line, values }, errors);
  };

  app.get('/transactions/:id/reverse', async (request, reply) => showReverse(request, reply));

  app.post('/transactions/:id/reverse', async (request, reply) => {
    const values = typedValues(request.body, []);
    const form = parseForm(reverseForm, values);
    if (!form.ok) return showReverse(request, reply, values, form.errors);
    const result = await timebank.ledger.reverse(actor(request), idParam(request), form.data.reason);
    if (!result.ok) return showReverse(request, reply, values, { reason: refusalMessage(result.refusal, false) });
    request.flash(t('timebank:staff.reverseDone'));
    return reply.redirect('/timebank/overview', 303);
  });

  // Credits for meetings ------------------------------------------------------------

  app.get('/meetings', async (request, reply) => {
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { meetings, total } = await timebank.attendance.pastMeetings(signedInUser(request).organisationId, page);
    return show(reply, 'meetings', { meetings, pagination: paginationFor(page.page, total, (n) => `/timebank/meetings?page=${n}`) });
  });

  app.get('/meetings/:id', async (request, reply) => {
    const { meeting, rows } = await timebank.attendance.forMeeting(signedInUser(request), idParam(request));
    return show(reply, 'meeting', { meeting, rows });
  });

  app.post('/meetings/:id', async (request, reply) => {
    const user = signedInUser(request);
    const id = idParam(request);
    const form = chosenPeople.safeParse(formFields(request.body).personIds);
    const { credited } = await timebank.attendance.credit(user, id, form.success ? form.data : []);
    request.flash(credited ? t('timebank:staff.meetingDone', { count: credited }) : t('timebank:staff.meetingNothing'));
    return reply.redirect(`/timebank/meetings/${id}`, 303);
  });

  // Swaps recorded for people who do not sign in ----------------------------------------

  const showRecord = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) => {
    const { organisationId } = signedInUser(request);
    const finding = await personFinder.fields(organisationId, values, ['giverId', 'receiverId']);
    const directory = finding ? [] : await people.directory(organisationId);
    return show(reply, 'record', { directory, finding, values }, errors);
  };

  app.get('/record', async (request, reply) =>
    showRecord(request, reply, { duration: durationParts(null), date: { day: '', month: '', year: '' } }),
  );

  app.post('/record', async (request, reply) => {
    const values = typedForm(request.body, { durations: ['duration'], dates: ['date'] });
    if (personFinder.isFinding(values)) return showRecord(request, reply, values);
    const form = parseForm(recordForm(londonToday(now())), values);
    if (!form.ok) return showRecord(request, reply, values, form.errors);
    const result = await timebank.exchanges.recordForOthers(actor(request), {
      giverId: form.data.giverId,
      receiverId: form.data.receiverId,
      minutes: form.data.duration,
      happenedOn: form.data.date,
      what: form.data.what,
    });
    if (!result.ok) return showRecord(request, reply, values, { receiverId: refusalMessage(result.refusal, false) });
    request.flash(t('timebank:staff.recorded'));
    return reply.redirect('/timebank/overview', 303);
  });

  // Settings ------------------------------------------------------------------------

  const showSettings = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const floor = await timebank.ledger.floor(signedInUser(request).organisationId);
    const saved =
      floor === null ? { floor: 'none' } : floor === 0 ? { floor: 'zero' } : { floor: 'limit', floorHours: String(-floor / 60) };
    return show(reply, 'settings', { floor, values: values ?? saved }, errors);
  };

  app.get('/settings', async (request, reply) => showSettings(request, reply));

  app.post('/settings', async (request, reply) => {
    const values = typedValues(request.body, []);
    const form = parseForm(settingsForm, values);
    if (!form.ok) return showSettings(request, reply, values, form.errors);
    await timebank.ledger.saveFloor(actor(request), form.data);
    request.flash(t('timebank:staff.settingsSaved'));
    return reply.redirect('/timebank/settings', 303);
  });
};
