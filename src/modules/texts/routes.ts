import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';

const listQuery = z.object({
  // "all" shows texts already dealt with too; anything else shows those waiting.
  show: z.enum(['to-do', 'all']).catch('to-do').default('to-do'),
  page: pageParam,
});
const dealtWithForm = z.object({ note: z.string().trim().max(2000).optional().default('') });
const textIds = urlIds('id');

/** Texts people sent back that the app could not act on by itself: /admin/texts. */
export const textInboxRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { texts } = services;
  const staff = { preHandler: allow('admin', 'facilitator') };

  app.get('/', staff, async (request, reply) => {
    const user = signedInUser(request);
    const query = listQuery.parse(request.query ?? {});
    const page = pageOf(query.page);
    const { texts: list, total } = await texts.page(user, query.show === 'all' ? {} : { status: 'to-do' }, page);
    return reply.view('texts/views/list.njk', {
      texts: list,
      total,
      show: query.show,
      pagination: paginationFor(page.page, total, pageLink('/admin/texts', { show: query.show === 'all' ? 'all' : undefined })),
    });
  });

  app.get('/:id', staff, async (request, reply) => {
    return reply.view('texts/views/show.njk', await texts.get(signedInUser(request), textIds(request).id));
  });

  app.post('/:id/dealt-with', staff, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = textIds(request);
    const form = parseForm(dealtWithForm, request.body);
    if (!form.ok) return reply.view('texts/views/show.njk', await texts.get(user, id), { errors: form.errors });
    if (await texts.markDealtWith(user, id, form.data.note || null)) request.flash(t('texts:show.dealtWithDone'));
    return reply.redirect('/admin/texts', 303);
  });
};
