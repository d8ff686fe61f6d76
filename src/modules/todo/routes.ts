import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';

/** What waits for staff, each with how many and where it is done. */
export const toDoRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  app.get('/to-do', { preHandler: allow('admin', 'facilitator') }, async (request, reply) =>
    reply.view('todo/views/to-do.njk', await services.todo.forStaff(signedInUser(request))),
  );
};
