import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allowWithIndependentOn, isStaff, signedInUser } from '../../platform/auth.ts';
import { urlIds } from '../../platform/params.ts';

const personIds = urlIds('id');

/**
 * "Are your needs the same?" (AIS step 6, review): the date a person's access needs are
 * next checked, and "Nothing has changed", said by the person signed in or recorded by
 * staff after a call. Changing the needs goes through the usual access needs form.
 */
export const accessReviewRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { people, accessReviews } = services;
  // An independent facilitator (issue 22) checks their own needs, as any member does.
  app.addHook('preHandler', allowWithIndependentOn(['admin', 'facilitator', 'member'], ['/people/:id/access-review']));

  app.get('/:id/access-review', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const person = await people.getForUser(user, id);
    const review = await accessReviews.of(user, id);
    return reply.view('people/views/access-review.njk', { person, review, self: user.personId === id, staff: isStaff(user) });
  });

  app.post('/:id/access-review', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const nextDue = await accessReviews.confirmUnchanged(user, id);
    request.flash(t(user.personId === id ? 'access-review:confirmed.own' : 'access-review:confirmed.staff', { date: nextDue }));
    return reply.redirect(`/people/${id}/access-review`, 303);
  });
};
