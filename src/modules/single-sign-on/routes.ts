import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { fieldText, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { finishSignIn } from '../identity/two-step-sign-in.ts';
import { callbackPath, type PendingSso } from './service.ts';

declare module 'fastify' {
  interface Session {
    /** Between sending a person to their organisation's provider and their coming back. */
    ssoPending?: PendingSso;
  }
}

const startForm = z.object({
  email: requiredText('single-sign-on:errors.emailRequired', 254).pipe(z.string().email('single-sign-on:errors.emailInvalid')),
});

const reasons = {
  'provider-refused': 403,
  'email-not-verified': 403,
  'no-account': 403,
  'not-set-up': 400,
  failed: 400,
} as const;

/** "Sign in with your organisation account": the email's domain picks the provider. */
export const singleSignOnRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, now }) => {
  const { singleSignOn, twoStep } = services;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  const showStart = (reply: FastifyReply, values: { email?: string; staffOnly?: boolean }, errors?: FieldErrors, status?: number) =>
    reply.view('single-sign-on/views/start.njk', { values }, errors ? { errors, ...(status ? { status } : {}) } : {});

  app.get('/sign-in/sso', async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    return showStart(reply, { staffOnly: fieldText(request.query, 'staff') === 'only' });
  });

  app.post('/sign-in/sso', { config: limited }, async (request, reply) => {
    const email = fieldText(request.body, 'email') ?? '';
    const form = parseForm(startForm, request.body);
    if (!form.ok) return showStart(reply, { email }, form.errors);
    const pending = await singleSignOn.start(form.data.email);
    if (pending === null) return showStart(reply, { email }, { email: 'single-sign-on:errors.unknownDomain' }, 404);
    if (pending === 'unreachable') return showStart(reply, { email }, { email: 'single-sign-on:errors.unreachable' }, 502);
    request.session.ssoPending = pending;
    return reply.redirect('/sign-in/sso/continue', 303);
  });

  // A link, not a redirect from the form: the pages' Content-Security-Policy lets forms
  // go to this site only, and browsers apply that to where a form's answer redirects.
  app.get('/sign-in/sso/continue', async (request, reply) => {
    const pending = request.session.ssoPending;
    if (!pending) return reply.redirect('/sign-in/sso', 303);
    return reply.view('single-sign-on/views/continue.njk', { authorizationUrl: pending.authorizationUrl });
  });

  app.get(callbackPath, { config: limited }, async (request, reply) => {
    const pending = request.session.ssoPending;
    if (!pending) return reply.redirect('/sign-in/sso', 303);
    request.session.ssoPending = undefined;
    const result = await singleSignOn.finish(pending, request.url.split('?')[1] ?? '');
    if (!result.ok) {
      return reply.view('single-sign-on/views/refused.njk', { reason: result.reason }, { status: reasons[result.reason] });
    }
    await request.session.regenerate();
    request.session.signedInWith = { kind: 'email', address: result.email };
    request.session.signedInAt = now().toISOString();
    return finishSignIn(request, reply, twoStep, result.accountId, undefined, { sso: true, providerTwoStep: result.providerTwoStep });
  });
};
