import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';

const pageQuery = z.object({ page: pageParam });

/** What waits for staff, each with how many and where it is done. */
export const toDoRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  app.get('/to-do', { preHandler: allow('admin', 'facilitator') }, async (request, reply) =>
    reply.view('todo/views/to-do.njk', await services.todo.forStaff(signedInUser(request))),
  );

  // The organisation-wide lists behind two of the lines: admins only, 50 a page.
  app.get('/to-do/papers', { preHandler: allow('admin') }, async (request, reply) => {
    const { organisationId } = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [rows, total] = await Promise.all([
      services.paperSending.papersWaiting(organisationId, page.page),
      services.paperSending.countPapersWaiting(organisationId),
    ]);
    const pagination = paginationFor(page.page, total, pageLink('/to-do/papers', {}));
    return reply.view('todo/views/papers.njk', { rows, total, pagination });
  });

  app.get('/to-do/access-reviews', { preHandler: allow('admin') }, async (request, reply) => {
    const { organisationId } = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [rows, total] = await Promise.all([
      services.accessReviews.overdueReviews(organisationId, page.page),
      services.accessReviews.countOverdueReviews(organisationId),
    ]);
    const pagination = paginationFor(page.page, total, pageLink('/to-do/access-reviews', {}));
    return reply.view('todo/views/access-reviews.njk', { rows, total, pagination });
  });
};
