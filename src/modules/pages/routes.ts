import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import { isStaff } from '../../platform/auth.ts';

export const pagesRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, now }) => {
  app.get('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    const organisation = await services.organisations.get(user.organisationId);
    const nextMeetings = (await services.meetings.forPerson(user.organisationId, user.personId, now().toISOString())).filter((m) => !m.cancelled).slice(0, 5);
    return reply.view('pages/views/home.njk', { organisation, staff: isStaff(user), nextMeetings });
  });

  // Public pages: they explain the model and the service to anyone, signed in or not.
  app.get('/about', async (_request, reply) => reply.view('pages/views/about.njk'));
  app.get('/glossary', async (_request, reply) => reply.view('pages/views/glossary.njk'));
  app.get('/accessibility', async (_request, reply) => reply.view('pages/views/accessibility.njk'));
};
