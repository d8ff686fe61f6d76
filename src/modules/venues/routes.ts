import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { checkboxList, optionalText, parseForm, requiredText } from '../../platform/forms.ts';
import { venueFeatures } from './vocabulary.ts';
import { urlIds } from '../../platform/params.ts';

const venueForm = z.object({
  name: requiredText('venues:errors.nameRequired', 200),
  address: requiredText('venues:errors.addressRequired', 500),
  runBy: optionalText(200),
  features: checkboxList(venueFeatures),
  notes: optionalText(2000),
});

const venueIds = urlIds('id');

/** Places where meetings happen. Staff only: members see a venue through its meetings. */
export const venueRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { venues } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));

  const venueId = (request: FastifyRequest) => venueIds(request).id;

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('venues/views/list.njk', { venues: await venues.list(user.organisationId) });
  });

  app.get('/new', async (_request, reply) => reply.view('venues/views/form.njk', { values: { features: [] }, features: venueFeatures }));

  app.post('/new', async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(venueForm, request.body);
    if (!form.ok)
      return reply.view('venues/views/form.njk', { values: formValues(request.body), features: venueFeatures }, { errors: form.errors });
    const id = await venues.create(user.organisationId, form.data);
    request.flash(t('venues:saved'));
    return reply.redirect(`/venues/${id}`, 303);
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    return reply.view('venues/views/show.njk', {
      venue: await venues.get(user.organisationId, venueId(request)),
      features: venueFeatures,
    });
  });

  app.get('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const venue = await venues.get(user.organisationId, venueId(request));
    return reply.view('venues/views/form.njk', { venue, values: venue, features: venueFeatures });
  });

  app.post('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const id = venueId(request);
    const venue = await venues.get(user.organisationId, id);
    const form = parseForm(venueForm, request.body);
    if (!form.ok)
      return reply.view(
        'venues/views/form.njk',
        { venue, values: formValues(request.body), features: venueFeatures },
        { errors: form.errors },
      );
    await venues.update(user.organisationId, id, form.data);
    request.flash(t('venues:saved'));
    return reply.redirect(`/venues/${id}`, 303);
  });
};

/** What the person typed, shaped for the form again. */
function formValues(body: unknown) {
  const b = (body ?? {}) as Record<string, string | string[] | undefined>;
  const features = b.features === undefined ? [] : Array.isArray(b.features) ? b.features : [b.features];
  return { name: b.name, address: b.address, runBy: b.runBy, notes: b.notes, features };
}
