import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { isStaff } from '../../platform/auth.ts';
import { claimFormat } from '../claims/presenting.ts';

export const pagesRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, now, t }) => {
  app.get('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    const organisation = await services.organisations.get(user.organisationId);
    const nextMeetings = (await services.meetings.forPerson(user.organisationId, user.personId, now().toISOString()))
      .filter((m) => !m.cancelled)
      .slice(0, 5);
    // Reciprocity at a glance: their time credits and claims not yet decided.
    const [timeCredits, claimsWaiting] = await Promise.all([
      services.timebank.statements.balanceOf(user.organisationId, user.personId),
      services.claims.waiting(user),
    ]);
    // The learning loop (V3) and outcomes (V4): overdue actions for staff, open surveys for members.
    const learningHome = {
      myActions: await services.learning.mine(user),
      overdueActions: isStaff(user) ? (await services.learning.actionsDue(user.organisationId)).overdue : [],
      openSurveys: await services.outcomes.surveys.openFor(user),
    };
    return reply.view('pages/views/home.njk', {
      organisation,
      staff: isStaff(user),
      ...learningHome,
      nextMeetings,
      timeCredits,
      claimsWaiting,
      recentDecisions: await services.decisionLog.recent(user),
      openProposals: await services.proposals.waitingFor(user.organisationId, user.personId),
      openReviews: await services.reviews.openFor(user),
      ...claimFormat(t),
    });
  });

  // Public pages: they explain the model and the service to anyone, signed in or not.
  app.get('/about', async (_request, reply) => reply.view('pages/views/about.njk'));
  app.get('/glossary', async (_request, reply) => reply.view('pages/views/glossary.njk'));
  app.get('/accessibility', async (_request, reply) => reply.view('pages/views/accessibility.njk'));
};
