import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm, requiredText, fieldText } from '../../platform/forms.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { maximumPasswordLength, minimumPasswordLength } from './passwords.ts';
import { urlToken } from '../../platform/params.ts';

const emailField = requiredText('identity:errors.emailRequired', 254).pipe(z.string().email('identity:errors.emailInvalid'));
const signInForm = z.object({
  email: emailField,
  password: z.string().min(1, 'identity:errors.passwordRequired').max(maximumPasswordLength, 'identity:errors.passwordRequired'),
  next: z.string().optional(),
});
const linkForm = z.object({ linkEmail: emailField });
const passwordForm = z
  .object({
    password: z
      .string()
      .min(minimumPasswordLength, 'identity:errors.passwordTooShort')
      .max(maximumPasswordLength, 'identity:errors.passwordTooLong'),
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'identity:errors.passwordsDiffer' });

export const identityRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { identity } = services;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  async function startSession(request: import('fastify').FastifyRequest, accountId: string) {
    // A new session id on sign-in, so an id planted before sign-in is worth nothing.
    await request.session.regenerate();
    request.session.accountId = accountId;
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect('/');
    return reply.view('identity/views/sign-in.njk', { values: { next: safeLocalPath(fieldText(request.query, 'next'), '') } });
  });

  app.post('/sign-in', { config: limited }, async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    const values = { email: fieldText(request.body, 'email') ?? '', next: safeLocalPath(fieldText(request.body, 'next'), '') };
    if (!form.ok) return reply.view('identity/views/sign-in.njk', { values }, { errors: form.errors });
    const accountId = await identity.checkPassword(form.data.email, form.data.password);
    if (!accountId) {
      return reply.view('identity/views/sign-in.njk', { values }, { errors: { email: 'identity:errors.wrongPassword' }, status: 401 });
    }
    await startSession(request, accountId);
    return reply.redirect(safeLocalPath(form.data.next), 303);
  });

  app.post('/sign-in/link', { config: limited }, async (request, reply) => {
    const form = parseForm(linkForm, request.body);
    if (!form.ok) {
      return reply.view(
        'identity/views/sign-in.njk',
        { values: { linkEmail: fieldText(request.body, 'linkEmail') ?? '' } },
        { errors: form.errors },
      );
    }
    await identity.sendSignInLink(form.data.linkEmail);
    return reply.view('identity/views/link-sent.njk', { email: form.data.linkEmail, minutes: config.signInLinkMinutes });
  });

  // The link opens a page with a button rather than signing in at once: mail scanners
  // that open links would otherwise use them up.
  app.get('/sign-in/link/:token', async (request, reply) => {
    const { token } = urlToken(request);
    const usable = await identity.isSignInLinkUsable(token);
    return reply.view('identity/views/link-open.njk', { token, usable }, { status: usable ? 200 : 410 });
  });

  app.post('/sign-in/link/:token', { config: limited }, async (request, reply) => {
    const { token } = urlToken(request);
    const accountId = await identity.useSignInLink(token);
    if (!accountId) return reply.view('identity/views/link-open.njk', { token, usable: false }, { status: 410 });
    await startSession(request, accountId);
    return reply.redirect('/', 303);
  });

  app.get('/sign-out', async (request, reply) => {
    if (request.session.accountId) await request.session.destroy();
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    return reply.view('identity/views/signed-out.njk');
  });

  app.post('/session/extend', async (request, reply) => {
    if (!request.user) {
      return request.headers.accept?.includes('application/json')
        ? reply.code(401).send({ signedIn: false })
        : reply.redirect('/sign-in', 303);
    }
    request.session.lastSeenAt = now().toISOString();
    if (request.headers.accept?.includes('application/json')) return reply.send({ signedIn: true });
    return reply.redirect(safeLocalPath(fieldText(request.body, 'returnTo')), 303);
  });

  app.get('/account', { preHandler: allow('admin', 'facilitator', 'member') }, async (request, reply) => {
    const user = signedInUser(request);
    const account = await identity.accountForPerson(user.organisationId, user.personId);
    return reply.view('identity/views/account.njk', { account, minimum: minimumPasswordLength });
  });

  app.post('/account/password', { preHandler: allow('admin', 'facilitator', 'member') }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(passwordForm, request.body);
    if (!form.ok) {
      const account = await identity.accountForPerson(user.organisationId, user.personId);
      return reply.view('identity/views/account.njk', { account, minimum: minimumPasswordLength }, { errors: form.errors });
    }
    await identity.setPassword(user, form.data.password);
    request.flash(t('identity:account.passwordSaved'));
    return reply.redirect('/account', 303);
  });
};
