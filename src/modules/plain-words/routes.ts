import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { fieldText, formFields, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { makeViewEnvironment } from '../../platform/views.ts';

const entryForm = z.object({
  word: requiredText('plain-words:errors.word', 60, 'plain-words:errors.word'),
  plain: requiredText('plain-words:errors.plain', 200, 'plain-words:errors.plain'),
});
const listQuery = z.object({ page: pageParam });

/** The checker for scripts: POST /plain-words/check with text, answered with the advice as JSON. */
export const plainWordsCheckRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  app.addHook('preHandler', allow('admin', 'facilitator', 'independent-facilitator'));
  // The same macro as the page renders the advice, so the two never differ.
  const env = makeViewEnvironment(t);
  app.post('/plain-words/check', async (request, reply) => {
    const user = signedInUser(request);
    const { text: advice } = await services.plainWords.advise(user.organisationId, { text: fieldText(request.body, 'text') ?? '' });
    const html = env.render('plain-words/views/advice.njk', { advice });
    return reply.header('cache-control', 'no-store').send({ points: advice!.points, readingAge: advice!.readingAge, html });
  });
};

/** Admins keep the organisation's list of words to avoid at /organisation/plain-words. */
export const plainWordsListRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { plainWords } = services;
  app.addHook('preHandler', allow('admin'));
  const base = '/organisation/plain-words';

  const show = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FieldErrors) => {
    const page = pageOf(listQuery.parse(request.query ?? {}).page);
    const list = await plainWords.list(signedInUser(request), page);
    return reply.view(
      'plain-words/views/list.njk',
      { list, values, pagination: paginationFor(page.page, list.total, pageLink(base, {})) },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get(base, async (request, reply) => show(request, reply));

  app.post(base, async (request, reply) => {
    const values = formFields(request.body);
    const form = parseForm(entryForm, request.body);
    if (!form.ok) return show(request, reply, values, form.errors);
    const added = await plainWords.add(signedInUser(request), form.data);
    if (added !== 'added') return show(request, reply, values, { word: `plain-words:errors.${added}` });
    request.flash(t('plain-words:list.added', { word: form.data.word }));
    return reply.redirect(base, 303);
  });

  app.post(`${base}/remove`, async (request, reply) => {
    const word = (fieldText(request.body, 'word') ?? '').trim().slice(0, 60);
    if (word && (await plainWords.remove(signedInUser(request), word))) request.flash(t('plain-words:list.removed', { word }));
    return reply.redirect(base, 303);
  });
};
