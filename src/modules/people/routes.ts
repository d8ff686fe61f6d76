import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app.ts';

export const peopleRoutes: FastifyPluginAsync<RouteDeps> = async () => {};
