import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { dateFields, dateParts, formFields, isoDateFromParts, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { supportHows } from './service.ts';

const linkForm = z.object({
  buddyId: z.string().uuid({ message: 'buddies:errors.buddyRequired' }),
  startsOn: isoDateFromParts('buddies:errors.startsOnRequired', 'buddies:errors.dateInvalid'),
});
const supportForm = z.object({
  givenOn: isoDateFromParts('buddies:errors.givenOnRequired', 'buddies:errors.dateInvalid'),
  how: z.enum(supportHows, { message: 'buddies:errors.how' }),
  what: requiredText('buddies:errors.what', 2000),
});
const listQuery = z.object({ page: pageParam, show: z.enum(['active', 'ended', 'needs']).catch('active').default('active') });
const pageQuery = z.object({ page: pageParam });
const pairingIds = urlIds('id');
const personIds = urlIds('personId');

/** The body with the date boxes gathered, as the forms expect. */
const withDate = (body: unknown, name: string) => ({ ...formFields(body), [name]: dateFields(body, name) });

/**
 * Staff list and link pairings; a pairing's page is open to staff, the buddy and the
 * newcomer, and staff or the buddy write down the support given there.
 */
export const buddiesRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { buddies, personFinder } = services;
  const staffOnly = { preHandler: allow('admin', 'facilitator') };

  app.get('/', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const { items, total } =
      q.show === 'needs' ? await buddies.newcomersNeedingBuddy(user, page) : await buddies.list(user, q.show === 'active', page);
    return reply.view('buddies/views/list.njk', {
      items,
      total,
      show: q.show,
      pagination: paginationFor(page.page, total, pageLink('/buddies', { show: q.show })),
    });
  });

  const showLink = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const newcomer = await buddies.newcomerName(user, personIds(request).personId);
    const shown = values ?? { startsOn: dateParts(buddies.today()) };
    // A large organisation finds the buddy by name; a small one lists everyone.
    const finding = await personFinder.fields(user.organisationId, shown, ['buddyId']);
    const candidates = finding ? [] : (await services.people.directory(user.organisationId)).filter((p) => p.id !== newcomer.id);
    return reply.view('buddies/views/link.njk', { newcomer, candidates, finding, values: shown }, errors ? { errors } : {});
  };

  app.get('/new/:personId', staffOnly, async (request, reply) => showLink(request, reply));

  app.post('/new/:personId', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const body = withDate(request.body, 'startsOn');
    if (personFinder.isFinding(body)) return showLink(request, reply, body);
    const form = parseForm(linkForm, body);
    if (!form.ok) return showLink(request, reply, body, form.errors);
    let id: string;
    try {
      id = await buddies.link(user, { newcomerId: personIds(request).personId, ...form.data });
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return showLink(request, reply, body, { buddyId: error.messageKey });
      throw error;
    }
    request.flash(t('buddies:flash.linked'));
    return reply.redirect(`/buddies/${id}`, 303);
  });

  const showPairing = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id } = pairingIds(request);
    const q = pageQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const view = await buddies.read(user, id, page);
    return reply.view(
      'buddies/views/pairing.njk',
      {
        ...view,
        howValues: supportHows,
        values: values ?? { givenOn: dateParts(buddies.today()) },
        pagination: paginationFor(page.page, view.total, pageLink(`/buddies/${id}`, {})),
      },
      errors ? { errors } : {},
    );
  };

  app.get('/:id', async (request, reply) => showPairing(request, reply));

  app.post('/:id/support', async (request, reply) => {
    const user = signedInUser(request);
    const body = withDate(request.body, 'givenOn');
    const form = parseForm(supportForm, body);
    if (!form.ok) return showPairing(request, reply, body, form.errors);
    await buddies.recordSupport(user, pairingIds(request).id, form.data);
    request.flash(t('buddies:flash.recorded'));
    return reply.redirect(`/buddies/${pairingIds(request).id}`, 303);
  });

  app.post('/:id/end', staffOnly, async (request, reply) => {
    const ended = await buddies.end(signedInUser(request), pairingIds(request).id);
    request.flash(t(ended ? 'buddies:flash.ended' : 'buddies:flash.alreadyEnded'));
    return reply.redirect(`/buddies/${pairingIds(request).id}`, 303);
  });
};
