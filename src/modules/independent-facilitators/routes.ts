import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { parseForm, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import type { NamedOn } from './service.ts';

const pageQuery = z.object({ page: pageParam });
const ids = urlIds('id');
const nameForm = z.object({
  personId: z.string({ message: 'independent-facilitators:errors.choose' }).uuid('independent-facilitators:errors.choose'),
});

/** The independent facilitator's own pages: where they work, and a project's meetings. */
export const facilitatingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  const { independentFacilitators } = services;
  app.addHook('preHandler', allow('independent-facilitator'));

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { places, total } = await independentFacilitators.places(user, page);
    return reply.view('independent-facilitators/views/facilitating.njk', {
      places,
      pagination: paginationFor(page.page, total, pageLink('/facilitating', {})),
    });
  });

  app.get('/projects/:id', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = ids(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const found = await independentFacilitators.project(user, id, page);
    return reply.view('independent-facilitators/views/project.njk', {
      ...found,
      pagination: paginationFor(page.page, found.total, pageLink(`/facilitating/projects/${id}`, {})),
    });
  });
};

/**
 * Admins: the organisation's independent facilitators, and naming one on a project or a
 * meeting. Anyone else is refused.
 */
export const namingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { independentFacilitators } = services;
  app.addHook('preHandler', allow('admin'));

  app.get('/independent-facilitators', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { people, total } = await independentFacilitators.facilitators(user, page);
    return reply.view('independent-facilitators/views/list.njk', {
      people,
      pagination: paginationFor(page.page, total, pageLink('/independent-facilitators', {})),
    });
  });

  const showNaming = async (request: FastifyRequest, reply: FastifyReply, where: NamedOn, errors?: FieldErrors) => {
    const naming = await independentFacilitators.naming(signedInUser(request), where);
    const back = 'projectId' in where ? `/projects/${where.projectId}` : `/meetings/${where.meetingId}`;
    return reply.view(
      'independent-facilitators/views/naming.njk',
      { ...naming, back, action: request.url.split('?')[0] },
      errors ? { errors } : {},
    );
  };

  const name = async (request: FastifyRequest, reply: FastifyReply, where: NamedOn) => {
    const form = parseForm(nameForm, request.body);
    if (!form.ok) return showNaming(request, reply, where, form.errors);
    try {
      await independentFacilitators.name(signedInUser(request), form.data.personId, where);
    } catch (error) {
      // Named already (two tabs, or a double click): the page shows them as named.
      if (!(error instanceof AppError && error.status === 409)) throw error;
    }
    request.flash(t('independent-facilitators:naming.named'));
    return reply.redirect(request.url.split('?')[0]!, 303);
  };

  app.get('/projects/:id/independent-facilitator', async (request, reply) => showNaming(request, reply, { projectId: ids(request).id }));
  app.post('/projects/:id/independent-facilitator', async (request, reply) => name(request, reply, { projectId: ids(request).id }));
  app.get('/meetings/:id/independent-facilitator', async (request, reply) => showNaming(request, reply, { meetingId: ids(request).id }));
  app.post('/meetings/:id/independent-facilitator', async (request, reply) => name(request, reply, { meetingId: ids(request).id }));

  app.post('/independent-facilitators/namings/:id/remove', async (request, reply) => {
    const back = await independentFacilitators.remove(signedInUser(request), ids(request).id);
    request.flash(t('independent-facilitators:naming.removed'));
    return reply.redirect(back, 303);
  });
};
