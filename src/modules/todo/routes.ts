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

  // The lists behind two of the lines, 50 a page: the organisation's for admins, their
  // projects' for facilitators (for access needs: the members of their projects).
  app.get('/to-do/papers', { preHandler: allow('admin', 'facilitator') }, async (request, reply) => {
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { rows, total } = await services.todo.papersWaiting(signedInUser(request), page.page);
    const pagination = paginationFor(page.page, total, pageLink('/to-do/papers', {}));
    return reply.view('todo/views/papers.njk', { rows, total, pagination });
  });

  app.get('/to-do/access-reviews', { preHandler: allow('admin', 'facilitator') }, async (request, reply) => {
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const { rows, total } = await services.todo.overdueReviews(signedInUser(request), page.page);
    const pagination = paginationFor(page.page, total, pageLink('/to-do/access-reviews', {}));
    return reply.view('todo/views/access-reviews.njk', { rows, total, pagination });
  });
};
