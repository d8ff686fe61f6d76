import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { AppError, Forbidden } from '../../platform/errors.ts';
import { dateParts, parseForm, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { londonToday } from '../../platform/time.ts';
import { supporterBody, supporterForm } from './forms.ts';
import { supporterBases, supporterChannels, supporterKinds, supporterPowers } from './vocabulary.ts';

const personIds = urlIds('id');
const supporterIds = urlIds('id', 'supporterId');
const listQuery = z.object({ page: pageParam });
/** Supporters a page: most people have one or two. */
const supportersPageSize = 20;
const vocab = { kinds: supporterKinds, bases: supporterBases, powers: supporterPowers, channels: supporterChannels };

/**
 * A person's supporters: staff add them and end them; the person, signed in, sees their
 * own and ends any of them. Ended supporters stay listed, marked as ended.
 */
export const supporterRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { supporters, people, personFinder } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = allow('admin', 'facilitator');

  /** Supporters whose consent or legal basis is due for review: the To do list links here. */
  app.get('/supporters-due', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { page } = listQuery.parse(request.query);
    const shown = pageOf(page, supportersPageSize);
    const due = await supporters.reviewsDuePage(user, shown);
    return reply.view('supporters/views/due.njk', {
      ...due,
      pagination: paginationFor(shown.page, due.total, pageLink('/people/supporters-due', {}), supportersPageSize),
    });
  });

  app.get('/:id/supporters', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const { page } = listQuery.parse(request.query);
    const shown = pageOf(page, supportersPageSize);
    const list = await supporters.forPerson(user, id, shown);
    return reply.view('supporters/views/list.njk', {
      ...list,
      staff: isStaff(user),
      self: user.personId === id,
      pagination: paginationFor(shown.page, list.total, pageLink(`/people/${id}/supporters`, {}), supportersPageSize),
    });
  });

  const showAdd = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const person = await people.get(user.organisationId, id);
    const year = Number(londonToday(now()).slice(0, 4));
    const shown = values ?? {
      powers: [],
      basisMadeOn: dateParts(londonToday(now())),
      reviewOn: dateParts(`${year + 1}${londonToday(now()).slice(4)}`.replace(/-02-29$/, '-02-28')),
    };
    // A large organisation finds the supporter by name; a small one lists everyone.
    const finding = await personFinder.fields(user.organisationId, shown, ['supporterPersonId']);
    const candidates = finding ? [] : (await people.directory(user.organisationId)).filter((p) => p.id !== id);
    return reply.view('supporters/views/add.njk', { person, candidates, finding, values: shown, vocab }, errors ? { errors } : {});
  };

  app.get('/:id/supporters/new', { preHandler: staffOnly }, async (request, reply) => showAdd(request, reply));

  app.post('/:id/supporters/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const body = supporterBody(request.body);
    const typed = { ...typedValues(request.body, ['powers']), basisMadeOn: body.basisMadeOn, reviewOn: body.reviewOn };
    if (personFinder.isFinding(typed)) return showAdd(request, reply, typed);
    const form = parseForm(supporterForm, body);
    if (!form.ok) return showAdd(request, reply, typed, form.errors);
    try {
      await supporters.add(user, id, form.data);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return showAdd(request, reply, typed, { supporterPersonId: error.messageKey });
      throw error;
    }
    request.flash(t('supporters:added'));
    return reply.redirect(`/people/${id}/supporters`, 303);
  });

  app.get('/:id/supporters/:supporterId/end', async (request, reply) => {
    const user = signedInUser(request);
    const { id, supporterId } = supporterIds(request);
    const supporter = await supporters.get(user, id, supporterId);
    return reply.view('supporters/views/end.njk', { supporter, self: user.personId === id });
  });

  app.post('/:id/supporters/:supporterId/end', async (request, reply) => {
    const user = signedInUser(request);
    const { id, supporterId } = supporterIds(request);
    if (!isStaff(user) && user.personId !== id) throw new Forbidden();
    await supporters.end(user, id, supporterId);
    request.flash(t('supporters:ended'));
    return reply.redirect(`/people/${id}/supporters`, 303);
  });
};
