import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allowWithIndependentOn, signedInUser } from '../../platform/auth.ts';
import { parseForm, typedValues } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { ownDetailListFields, ownDetailSections, ownDetailsForm, type OwnDetailSection } from './own-details-forms.ts';
import { perspectivesKept, perspectivesOffered } from './own-perspectives.ts';
import { personFormValues } from './person-form.ts';
import { contactChannels, contactDays, contactParts } from './vocabulary.ts';

const personIds = urlIds('id');

/**
 * "Your details": a person's own record as a summary, with a short form for each part
 * (own-details-forms.ts). Only for the person themself; staff who open it for someone
 * else are sent to their own form for that person.
 */
export const ownDetailsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { people, accessNeeds } = services;
  // An independent facilitator (issue 22) keeps their own details too; nobody else's.
  app.addHook(
    'preHandler',
    allowWithIndependentOn(
      ['admin', 'facilitator', 'member'],
      ['/people/:id/details', ...ownDetailSections.map((section) => `/people/:id/details/${section}`)],
    ),
  );

  /** The signed-in person's own record, or null when the address is someone else's. */
  const ownRecord = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const person = await people.getForUser(user, id);
    return user.personId === id ? { user, person } : null;
  };
  const toStaffForm = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/people/${personIds(request).id}/edit`, 303);

  app.get('/:id/details', async (request, reply) => {
    const own = await ownRecord(request);
    if (!own) return toStaffForm(request, reply);
    const needs = await accessNeeds.view(own.user, own.person.id);
    return reply.view('people/views/own-details.njk', { person: own.person, needs });
  });

  for (const section of ownDetailSections) {
    const page = (
      reply: FastifyReply,
      own: NonNullable<Awaited<ReturnType<typeof ownRecord>>>,
      values: Record<string, unknown>,
      errors?: Record<string, string>,
    ) =>
      reply.view(
        `people/views/own-details/${section}.njk`,
        {
          person: own.person,
          values,
          vocab: { perspectives: perspectivesOffered(own.user.role), contactChannels, contactDays, contactParts },
          kept: perspectivesKept(own.user.role, own.person.perspectives),
        },
        errors ? { errors } : {},
      );

    app.get(`/:id/details/${section satisfies OwnDetailSection}`, async (request, reply) => {
      const own = await ownRecord(request);
      if (!own) return toStaffForm(request, reply);
      return page(reply, own, personFormValues(own.person));
    });

    app.post(`/:id/details/${section}`, async (request, reply) => {
      const own = await ownRecord(request);
      if (!own) return toStaffForm(request, reply);
      const form = parseForm(ownDetailsForm(section, { role: own.user.role, perspectives: own.person.perspectives }), request.body);
      if (!form.ok) return page(reply, own, typedValues(request.body, ownDetailListFields[section]), form.errors);
      await people.updateOwn(own.user, form.data);
      request.flash(t('people:own.saved'));
      return reply.redirect(`/people/${own.person.id}/details`, 303);
    });
  }
};
