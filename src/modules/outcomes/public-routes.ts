import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { chosenScores, scoresFrom } from './forms.ts';
import { scores } from './vocabulary.ts';
import { urlToken } from '../../platform/params.ts';

/**
 * A survey reached by its signed link, without signing in: many members never sign in.
 * The link itself is the proof, so the form needs no CSRF token.
 */
export const outcomePublicRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const surveys = services.outcomes.surveys;
  // A guessed token is refused by its signature, but guessing is still limited like signing in.
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) => {
    const { token } = urlToken(request);
    const opened = await surveys.openLink(token);
    if (!opened.ok)
      return reply.view('outcomes/views/link-problem.njk', { reason: opened.reason }, { status: opened.reason === 'invalid' ? 404 : 410 });
    return reply.view(
      'outcomes/views/answer.njk',
      {
        round: opened.round,
        project: { title: opened.projectTitle },
        questions: opened.questions,
        values: state.values ?? opened.mine,
        scores,
        action: `/survey/${token}`,
        byLink: true,
      },
      state.errors ? { errors: state.errors } : {},
    );
  };

  app.get('/survey/:token', { config: limited }, async (request, reply) => show(request, reply));

  app.post('/survey/:token', { config: { csrf: false, ...limited } }, async (request, reply) => {
    const { token } = urlToken(request);
    const opened = await surveys.openLink(token);
    if (!opened.ok) return show(request, reply);
    const saved = await surveys.answerByLink(token, scoresFrom(request.body, opened.questions));
    if (!saved.ok)
      return 'errors' in saved
        ? show(request, reply, { values: chosenScores(request.body, opened.questions), errors: saved.errors })
        : show(request, reply);
    request.flash(t('outcomes:flash.answered'));
    return reply.redirect(`/survey/${token}`, 303);
  });
};
