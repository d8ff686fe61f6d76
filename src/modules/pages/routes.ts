import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow } from '../../platform/auth.ts';
import { memberMore } from '../../navigation.ts';
import { claimFormat } from '../claims/presenting.ts';

export const pagesRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  app.get('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    // An independent facilitator's home is the list of meetings they run (issue 22).
    if (user.role === 'independent-facilitator') return reply.redirect('/facilitating', 303);
    return reply.view('pages/views/home.njk', { ...(await services.home.forUser(user)), ...claimFormat(t) });
  });

  // A member's less-used pages in groups, linked from their menu (staff may open it too).
  app.get('/more', { preHandler: allow('admin', 'facilitator', 'member') }, async (_request, reply) =>
    reply.view('pages/views/more.njk', { groups: memberMore }),
  );

  // Public pages: they explain the model and the service to anyone, signed in or not.
  app.get('/about', async (_request, reply) => reply.view('pages/views/about.njk'));
  app.get('/glossary', async (_request, reply) => reply.view('pages/views/glossary.njk'));
  app.get('/accessibility', async (_request, reply) => reply.view('pages/views/accessibility.njk'));
};
