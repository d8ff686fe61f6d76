import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import type { ActingFor } from '../../platform/acting-for.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { formFields, type FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import type { Poll } from './service.ts';

const personIds = urlIds('personId');
const pollIds = urlIds('id', 'personId');

/**
 * A supporter, signed in as themself, says when the person they support can come (issue
 * 17, decision 0018). Allowed only where the person's record lets this supporter reply to
 * invitations for them; the answers are the person's, and show as "(supporter) for
 * (person)". The supporters module says who may act; this module keeps the answer.
 */
export const timePollSupporterRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { timePolls, supporters } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  /** The open polls the person was asked in, for their supporter to answer. */
  app.get('/time-polls/for/:personId', async (request, reply) => {
    const user = signedInUser(request);
    const acting = await supporters.acting(user, personIds(request).personId, 'reply');
    return reply.view('time-polls/views/supported.njk', { acting, polls: await timePolls.openForSupported(acting) });
  });

  const opened = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { id, personId } = pollIds(request);
    // Whether this supporter may act comes first: nobody else learns whether the poll exists.
    const acting = await supporters.acting(user, personId, 'reply');
    const poll = await timePolls.load(user.organisationId, id);
    const asked = (await timePolls.inviteesOf(user.organisationId, poll.id)).people.some((p) => p.personId === personId);
    if (!asked) throw new NotFound();
    return { acting, poll };
  };

  const show = (reply: FastifyReply, acting: ActingFor, poll: Poll, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(
      'time-polls/views/supporter-answer.njk',
      { acting, poll, open: timePolls.isOpen(poll), page: { data: { poll, values, forSomeone: true } } },
      errors ? { errors } : {},
    );

  app.get('/time-polls/:id/for/:personId', async (request, reply) => {
    const { acting, poll } = await opened(request);
    return show(reply, acting, poll, await timePolls.answersOf(acting.organisationId, poll.id, acting.personId));
  });

  app.post('/time-polls/:id/for/:personId', async (request, reply) => {
    const { acting, poll } = await opened(request);
    if (!timePolls.isOpen(poll)) {
      request.flash(t('time-polls:errors.closed'));
      return reply.redirect(`/time-polls/${poll.id}/for/${acting.personId}`, 303);
    }
    const saved = await timePolls.answer(acting.organisationId, poll.id, acting.personId, formFields(request.body), 'supporter', acting);
    if (!saved.ok) return show(reply, acting, poll, saved.values, saved.errors);
    request.flash(t('time-polls:supporter.thanks', { name: acting.personName }));
    return reply.redirect(`/time-polls/for/${acting.personId}`, 303);
  });
};
