import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { londonToday } from '../../platform/time.ts';
import { meetingFormats } from '../meetings/vocabulary.ts';
import { recordedHows, type RecordedHow } from '../replies/service.ts';
import { parsePollForm, timeRows, typedPollValues } from './poll-form.ts';
import type { Poll } from './service.ts';

const ids = z.object({ id: z.string().uuid(), personId: z.string().uuid().optional() });
const pickForm = z.object({ optionId: z.string().uuid() });
const howForm = z.object({
  how: z.enum(recordedHows, { message: 'replies:record.howRequired' }),
  // Blank: the person told staff themself; otherwise which of their supporters did.
  givenBy: z
    .union([z.literal(''), z.string().uuid()])
    .optional()
    .default(''),
});
const listQuery = z.object({ page: pageParam });
const howWords: Record<RecordedHow, string> = {
  phone: 'replies:howLower.phone',
  letter: 'replies:howLower.letter',
  'in-person': 'replies:howLower.in-person',
};
const waitingQuery = z.object({ only: z.enum(['chase', 'decide']).catch('chase'), page: pageParam });

/** "2", "2½", "½": halves counted by the ranking, as people read them. */
const halvesText = (halves: number) => `${halves >= 2 ? Math.floor(halves / 2) : ''}${halves % 2 ? '½' : ''}` || '0';

/**
 * "When can everyone come?": staff offer times and see the answers ranked; people asked
 * answer signed in here, by their personal link (the replies module), by text, or through
 * staff (a reply code, or a call recorded here).
 */
export const timePollRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { timePolls, projects, venues, supporters } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');
  const params = (request: FastifyRequest) => {
    const parsed = ids.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });

  // A project's polls, and a new one -------------------------------------------------

  app.get('/projects/:id/time-polls', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, params(request).id);
    const page = pageOf(listQuery.parse(request.query).page);
    const { polls, total } = await timePolls.forProject(user.organisationId, project.id, page);
    const pagination = paginationFor(page.page, total, pageLink(`/projects/${project.id}/time-polls`, {}));
    return reply.view('time-polls/views/list.njk', { project, polls, total, pagination });
  });

  /** The polls behind the To do lines: answers to chase, or a time to pick. */
  app.get('/time-polls', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const query = waitingQuery.parse(request.query ?? {});
    const page = pageOf(query.page);
    const { polls, total } = await timePolls.waiting(user, query.only, page);
    const pagination = paginationFor(page.page, total, pageLink('/time-polls', { only: query.only }));
    return reply.view('time-polls/views/waiting.njk', { only: query.only, polls, total, pagination });
  });

  const showForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const project = await projects.get(user, projectId);
    const [members, places] = await Promise.all([projects.members(user.organisationId, project.id), venues.list(user.organisationId)]);
    return reply.view(
      'time-polls/views/form.njk',
      { project, members, venues: places, vocab: { meetingFormats }, rows: timeRows, values },
      errors ? { errors } : {},
    );
  };

  app.get('/projects/:id/time-polls/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const projectId = params(request).id;
    const members = await projects.members(user.organisationId, projectId);
    const empty = { day: '', month: '', year: '' };
    const values: Record<string, unknown> = { format: 'in-person', personIds: members.map((m) => m.personId), closesOn: empty };
    for (const n of timeRows) values[`time${n}Date`] = empty;
    return showForm(reply, user, projectId, values);
  });

  app.post('/projects/:id/time-polls/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const project = await projects.get(user, params(request).id);
    const form = parsePollForm(request.body, londonToday(now()));
    if (!form.ok) return showForm(reply, user, project.id, typedPollValues(request.body), form.errors);
    const created = await timePolls.create(actor(user), project.id, form.data);
    request.flash(
      created.unreachable.length
        ? t('time-polls:sentSome', { count: created.sent, names: created.unreachable.join(', ') })
        : t('time-polls:sent', { count: created.sent }),
    );
    return reply.redirect(`/time-polls/${created.id}`, 303);
  });

  // The poll: results for staff; a person asked goes to their answers ------------------

  const showPoll = async (reply: FastifyReply, user: CurrentUser, poll: Poll) => {
    const results = await timePolls.results(user, poll);
    return reply.view('time-polls/views/show.njk', {
      poll,
      open: timePolls.isOpen(poll),
      results: {
        ...results,
        ranked: results.ranked.map((r) => ({ ...r, lived: halvesText(r.livedHalves), everyone: halvesText(r.everyoneHalves) })),
      },
      answered: results.asked.filter((p) => p.answeredAt).length,
    });
  };

  app.get('/time-polls/:id', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await timePolls.getForUser(user, params(request).id);
    if (!isStaff(user)) return reply.redirect(`/time-polls/${poll.id}/answer`, 303);
    return showPoll(reply, user, poll);
  });

  app.post('/time-polls/:id/pick', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const poll = await timePolls.getForUser(user, params(request).id);
    const form = pickForm.safeParse(formFields(request.body));
    if (!form.success) throw new NotFound();
    const meetingId = await timePolls.pick(actor(user), poll.id, form.data.optionId);
    request.flash(t('time-polls:picked'));
    return reply.redirect(`/meetings/${meetingId}`, 303);
  });

  // Answers: the person signed in, or staff for them -----------------------------------

  const showAnswer = async (
    reply: FastifyReply,
    poll: Poll,
    view: { template: 'answer' | 'record'; personName?: string; personId?: string },
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    // Staff may record what one of the person's supporters allowed to reply told them.
    const givers = view.template === 'record' ? await supporters.allowedFor(poll.organisationId, view.personId!, 'reply') : [];
    return reply.view(
      `time-polls/views/${view.template}.njk`,
      {
        poll,
        open: timePolls.isOpen(poll),
        page: { data: { poll, values, forSomeone: view.template === 'record' } },
        hows: recordedHows,
        givers,
        ...view,
      },
      errors ? { errors } : {},
    );
  };

  app.get('/time-polls/:id/answer', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await timePolls.getForUser(user, params(request).id);
    const asked = (await timePolls.inviteesOf(user.organisationId, poll.id)).people.some((p) => p.personId === user.personId);
    if (!asked) throw new NotFound();
    return showAnswer(reply, poll, { template: 'answer' }, await timePolls.answersOf(user.organisationId, poll.id, user.personId));
  });

  app.post('/time-polls/:id/answer', async (request, reply) => {
    const user = signedInUser(request);
    const poll = await timePolls.getForUser(user, params(request).id);
    if (!timePolls.isOpen(poll)) return closed(request, reply, `/time-polls/${poll.id}/answer`);
    const saved = await timePolls.answer(user.organisationId, poll.id, user.personId, formFields(request.body), 'self');
    if (!saved.ok) return showAnswer(reply, poll, { template: 'answer' }, saved.values, saved.errors);
    request.flash(t('time-polls:answer.thanks'));
    return reply.redirect(`/time-polls/${poll.id}/answer`, 303);
  });

  /** A poll that has closed takes no answers: the page says so, never a bare error. */
  const closed = (request: FastifyRequest, reply: FastifyReply, to: string) => {
    request.flash(t('time-polls:errors.closed'));
    return reply.redirect(to, 303);
  };

  const personAsked = async (user: CurrentUser, poll: Poll, personId: string) => {
    const person = (await timePolls.inviteesOf(user.organisationId, poll.id)).people.find((p) => p.personId === personId);
    if (!person) throw new NotFound();
    return person;
  };

  app.get('/time-polls/:id/answers/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    const poll = await timePolls.getForUser(user, id);
    const person = await personAsked(user, poll, personId!);
    const values = { how: 'phone', givenBy: '', ...(await timePolls.answersOf(user.organisationId, poll.id, person.personId)) };
    return showAnswer(reply, poll, { template: 'record', personName: person.name, personId: person.personId }, values);
  });

  /** Staff record what someone said on the phone (or in a letter, or in person), under their own name. */
  app.post('/time-polls/:id/answers/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, personId } = params(request);
    const poll = await timePolls.getForUser(user, id);
    const person = await personAsked(user, poll, personId!);
    if (!timePolls.isOpen(poll)) return closed(request, reply, `/time-polls/${poll.id}`);
    const body = formFields(request.body);
    const view = { template: 'record' as const, personName: person.name, personId: person.personId };
    const how = parseForm(howForm, body);
    if (!how.ok) return showAnswer(reply, poll, view, body, how.errors);
    const acting = how.data.givenBy ? await supporters.staffActing(user, person.personId, how.data.givenBy, 'reply') : null;
    const recorded = { by: user.personId, how: how.data.how };
    const saved = await timePolls.answer(user.organisationId, poll.id, person.personId, body, recorded, acting);
    if (!saved.ok) return showAnswer(reply, poll, view, saved.values, saved.errors);
    const words = { name: person.name, how: t(howWords[how.data.how]), staff: user.name };
    request.flash(
      acting ? t('time-polls:recordedFromSupporter', { ...words, supporter: acting.supporterName }) : t('time-polls:recorded', words),
    );
    return reply.redirect(`/time-polls/${poll.id}#people`, 303);
  });
};
