import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';

export const healthRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services: { db } }) => {
  app.get('/health', async (request, reply) => {
    try {
      await db.selectFrom('organisations').select('id').limit(1).execute();
      return reply.send({ status: 'ok', database: 'reachable' });
    } catch (err) {
      request.log.warn({ err: (err as Error).message }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
};
