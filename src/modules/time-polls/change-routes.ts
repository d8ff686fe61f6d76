import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { Conflict } from '../../platform/errors.ts';
import { dateParts, optionalText, parseForm, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { londonToday } from '../../platform/time.ts';
import { toLondon } from '../meetings/meeting-time.ts';
import { freeRows, parsePollChange, typedChangeValues } from './edit-form.ts';
import type { Poll } from './service.ts';

const pollIds = urlIds('id');
const cancelForm = z.object({ reason: optionalText(500) });

/**
 * Staff change a poll still taking answers (wording, answer-by date, times) or cancel it.
 * A decided or cancelled poll is history: its pages say so and take no change.
 */
export const timePollChangeRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { timePolls } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });

  const openPoll = async (user: CurrentUser, id: string) => {
    const poll = await timePolls.getForUser(user, id);
    if (poll.status !== 'open') throw new Conflict('time-polls:errors.notOpen');
    return poll;
  };

  const showChange = async (reply: FastifyReply, user: CurrentUser, poll: Poll, values: Record<string, unknown>, errors?: FieldErrors) => {
    const { answers } = await timePolls.inviteesOf(user.organisationId, poll.id);
    const answered = new Map(poll.times.map((x) => [x.id, [...answers.values()].filter((a) => a.has(x.id)).length]));
    return reply.view(
      'time-polls/views/change.njk',
      { poll, times: poll.times.map((x) => ({ ...x, answered: answered.get(x.id) ?? 0 })), rows: freeRows(poll.times), values },
      errors ? { errors } : {},
    );
  };

  app.get('/time-polls/:id/change', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await openPoll(user, pollIds(request).id);
    const empty = { day: '', month: '', year: '' };
    const values: Record<string, unknown> = {
      title: poll.title,
      purpose: poll.purpose,
      closesOn: dateParts(toLondon(poll.closesAt).date),
      remove: [],
    };
    for (const n of freeRows(poll.times)) values[`time${n}Date`] = empty;
    return showChange(reply, user, poll, values);
  });

  app.post('/time-polls/:id/change', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await openPoll(user, pollIds(request).id);
    const form = parsePollChange(request.body, londonToday(now()), poll.times);
    if (!form.ok) return showChange(reply, user, poll, typedChangeValues(request.body), form.errors);
    const done = await timePolls.change(actor(user), poll.id, form.data);
    request.flash(
      !done.added
        ? t(done.changed ? 'time-polls:changed.saved' : 'time-polls:changed.nothing')
        : done.unreachable.length
          ? t('time-polls:changed.askedSome', { count: done.sent, names: done.unreachable.join(', ') })
          : t('time-polls:changed.asked', { count: done.sent }),
    );
    return reply.redirect(`/time-polls/${poll.id}`, 303);
  });

  const showCancel = (reply: FastifyReply, poll: Poll, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('time-polls/views/cancel.njk', { poll, values }, errors ? { errors } : {});

  app.get('/time-polls/:id/cancel', async (request, reply) => {
    const poll = await openPoll(signedInUser(request), pollIds(request).id);
    return showCancel(reply, poll, {});
  });

  app.post('/time-polls/:id/cancel', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await openPoll(user, pollIds(request).id);
    const form = parseForm(cancelForm, request.body);
    if (!form.ok) return showCancel(reply, poll, typedValues(request.body, []), form.errors);
    const told = await timePolls.cancel(actor(user), poll.id, form.data.reason);
    request.flash(t('time-polls:cancelled.done', { count: told.sent }));
    return reply.redirect(`/time-polls/${poll.id}`, 303);
  });
};
