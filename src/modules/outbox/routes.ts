import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { findOutboxMessage, listOutbox } from '../../platform/outbox.ts';

/** Admins can read what the app sent, or is holding because no mail server is set up. */
export const outboxRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  app.addHook('preHandler', allow('admin'));

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const messages = await listOutbox(services.db, user.organisationId);
    return reply.view('outbox/views/list.njk', { messages, deliverable: services.deliverable });
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = request.params as { id: string };
    const message = await findOutboxMessage(services.db, user.organisationId, id);
    if (!message) throw new NotFound();
    return reply.view('outbox/views/show.njk', { message });
  });
};
