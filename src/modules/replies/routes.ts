import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { formFields, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { urlToken } from '../../platform/params.ts';
import { NotFound } from '../../platform/errors.ts';
import { pageOf, pageParam } from '../../platform/pagination.ts';
import type { Answerer, Viewer, ViewerPage } from './answerers.ts';
import { recordedHows, type ActionCheck, type LiveAction, type RecordedBy, type RecordedHow } from './service.ts';

const codeForm = z.object({ code: requiredText('replies:code.required', 20) });
const linkQuery = z.object({ page: pageParam });
const howForm = z.object({ how: z.enum(recordedHows, { message: 'replies:record.howRequired' }) });
const howWords: Record<RecordedHow, string> = {
  phone: 'replies:howLower.phone',
  letter: 'replies:howLower.letter',
  'in-person': 'replies:howLower.in-person',
};
const codeProblem = { invalid: 'replies:code.notFound', expired: 'replies:code.expired', used: 'replies:code.used' } as const;

/**
 * Taking part without signing in: a personal link opens one action of one person (the link
 * is the proof, so no CSRF token), and staff type a reply code from a letter or a call to
 * answer the same form for them, saved as recorded by them and how.
 */
export const replyRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { replyActions, replyAnswerers, organisations, people } = services;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };
  const handlerOf = (action: LiveAction): Answerer | Viewer => replyAnswerers[action.kind];
  /** The answerer of an action that takes an answer; a show-only one cannot be posted to. */
  const answererOf = (action: LiveAction): Answerer => {
    const handler = handlerOf(action);
    if (!('save' in handler)) throw new NotFound();
    return handler;
  };

  const problem = (reply: FastifyReply, reason: 'invalid' | 'expired' | 'used') =>
    reply.view('replies/views/problem.njk', { reason }, { status: reason === 'invalid' ? 404 : 410 });

  const show = async (
    reply: FastifyReply,
    action: LiveAction,
    view: { formAction: string; staff: boolean; code?: string },
    values: Record<string, unknown> | null,
    errors?: FieldErrors,
    shown?: ViewerPage,
  ) => {
    const handler = handlerOf(action);
    const page = await ('save' in handler ? handler.page(action, values, shown) : handler.page(action, shown));
    if (!page) return problem(reply, 'invalid');
    const showOnly = !('save' in handler);
    // A link that only shows something is audited each time it shows it (and which page of
    // it); staff reads are theirs.
    if (showOnly && !view.staff) await replyActions.opened(action, shown?.page);
    const [organisation, person] = await Promise.all([
      organisations.get(action.organisationId),
      people.get(action.organisationId, action.personId),
    ]);
    return reply.view(
      'replies/views/answer.njk',
      { page, ...view, showOnly, hows: recordedHows, organisationName: organisation?.name ?? '', personName: person.name },
      errors ? { errors } : {},
    );
  };

  const opened = async (token: string): Promise<ActionCheck> => replyActions.open(token);

  app.get('/act/:token', { config: limited }, async (request, reply) => {
    const { token } = urlToken(request);
    const check = await opened(token);
    if (!check.ok) return problem(reply, check.reason);
    // A long statement is shown a page at a time, on the same link.
    const shown = { page: pageOf(linkQuery.parse(request.query ?? {}).page).page, href: (n: number) => `/act/${token}?page=${n}` };
    return show(reply, check.action, { formAction: `/act/${token}`, staff: false }, null, undefined, shown);
  });

  app.post('/act/:token', { config: { csrf: false, ...limited } }, async (request, reply) => {
    const { token } = urlToken(request);
    const check = await opened(token);
    if (!check.ok) return problem(reply, check.reason);
    const saved = await replyActions.answer(check.action, answererOf(check.action), request.body, null);
    if (!saved.ok) return show(reply, check.action, { formAction: `/act/${token}`, staff: false }, saved.values, saved.errors);
    request.flash(saved.thanks);
    return reply.redirect(`/act/${token}`, 303);
  });

  // Staff: a reply code from a letter, a call or a visit -----------------------------

  const staffOnly = allow('admin', 'facilitator');
  const showCode = (reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view('replies/views/code.njk', { values }, errors ? { errors, status: 400 } : {});

  const byCode = async (organisationId: string, body: unknown, reply: FastifyReply) => {
    const form = parseForm(codeForm, body);
    if (!form.ok) return { shown: await showCode(reply, formFields(body), form.errors) };
    const check = await replyActions.openByCode(organisationId, form.data.code);
    if (!check.ok) return { shown: await showCode(reply, formFields(body), { code: codeProblem[check.reason] }) };
    return { action: check.action, code: check.action.code ?? '' };
  };

  app.get('/reply-codes', { preHandler: staffOnly }, async (_request, reply) => showCode(reply, {}));

  app.post('/reply-codes', { preHandler: staffOnly, config: limited }, async (request, reply) => {
    const found = await byCode(signedInUser(request).organisationId, request.body, reply);
    if ('shown' in found) return found.shown;
    return show(reply, found.action, { formAction: '/reply-codes/answer', staff: true, code: found.code }, null);
  });

  app.post('/reply-codes/answer', { preHandler: staffOnly, config: limited }, async (request, reply) => {
    const user = signedInUser(request);
    const found = await byCode(user.organisationId, request.body, reply);
    if ('shown' in found) return found.shown;
    const view = { formAction: '/reply-codes/answer', staff: true, code: found.code };
    const how = parseForm(howForm, request.body);
    const recorded: RecordedBy | null = how.ok ? { personId: user.personId, how: how.data.how } : null;
    if (!recorded) {
      return show(reply, found.action, view, formFields(request.body), how.ok ? {} : how.errors);
    }
    const saved = await replyActions.answer(found.action, answererOf(found.action), request.body, recorded);
    if (!saved.ok) return show(reply, found.action, view, saved.values, saved.errors);
    request.flash(t('replies:record.saved', { how: t(howWords[recorded.how]), staff: user.name }));
    return reply.redirect('/reply-codes', 303);
  });
};
