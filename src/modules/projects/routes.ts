import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app.ts';

export const projectRoutes: FastifyPluginAsync<RouteDeps> = async () => {};
