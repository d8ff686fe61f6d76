import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm, requiredText, fieldText } from '../../platform/forms.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { maximumPasswordLength, minimumPasswordLength, notCommonPassword } from './passwords.ts';
import { urlIds, urlToken } from '../../platform/params.ts';
import { normaliseMobile } from '../../platform/mobile-number.ts';
import { codeMinutes } from './sign-in-codes.ts';
import type { Address } from './repository.ts';
import { finishSignIn } from './two-step-sign-in.ts';

const personIds = urlIds('id');
const emailField = requiredText('identity:errors.emailRequired', 254).pipe(z.string().email('identity:errors.emailInvalid'));
const signInForm = z.object({
  email: emailField,
  password: z.string().min(1, 'identity:errors.passwordRequired').max(maximumPasswordLength, 'identity:errors.passwordRequired'),
  next: z.string().optional(),
});
const linkForm = z.object({ linkEmail: emailField });
const mobileForm = z.object({
  mobile: requiredText('identity:errors.mobileRequired', 40).transform((typed, ctx) => {
    const mobile = normaliseMobile(typed);
    if (!mobile) ctx.addIssue({ code: 'custom', message: 'identity:errors.mobileInvalid' });
    return mobile ?? '';
  }),
});
const codeForm = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : ''),
    z
      .string()
      .min(1, 'identity:errors.codeRequired')
      .regex(/^\d{6}$/, 'identity:errors.codeInvalid'),
  ),
});
const chooseForm = z.object({
  accountId: z.string({ message: 'identity:errors.chooseOne' }).uuid('identity:errors.chooseOne'),
  next: z.string().optional(),
});
const passwordForm = z
  .object({
    current: z.string().max(maximumPasswordLength, 'identity:errors.currentPasswordWrong').optional(),
    password: z
      .string()
      .min(minimumPasswordLength, 'identity:errors.passwordTooShort')
      .max(maximumPasswordLength, 'identity:errors.passwordTooLong')
      .refine(notCommonPassword, 'identity:errors.passwordCommon'),
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'identity:errors.passwordsDiffer' });

/** Why a password was not checked: the wait after wrong ones, or the lock after too many (lockout.ts). */
const tooSoon = { wait: 'identity:errors.waitBeforeTrying', locked: 'identity:errors.passwordsLocked' } as const;

export const identityRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { identity } = services;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  /**
   * Signs in with a proven address. One account: straight in. Several (one person in two
   * organisations): they choose which organisation. None (turned off meanwhile): refused.
   */
  async function startSession(request: FastifyRequest, reply: FastifyReply, proof: Address, next: string | undefined) {
    const accounts = await identity.accountsFor(proof);
    if (accounts.length === 0) return false;
    // A new session id on sign-in, so an id planted before sign-in is worth nothing.
    await request.session.regenerate();
    request.session.signedInWith = proof;
    request.session.signedInAt = now().toISOString();
    if (accounts.length === 1) {
      // In at once, or first the code from their app (decision 0019).
      await finishSignIn(request, reply, services.twoStep, accounts[0]!.accountId, next);
    } else {
      const path = safeLocalPath(next, '');
      await reply.redirect(path ? `/sign-in/choose?next=${encodeURIComponent(path)}` : '/sign-in/choose', 303);
    }
    return true;
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect('/');
    return reply.view('identity/views/sign-in.njk', {
      values: { next: safeLocalPath(fieldText(request.query, 'next'), '') },
      singleSignOn: await services.singleSignOn.anyEnabled(),
    });
  });

  app.post('/sign-in', { config: limited }, async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    const values = { email: fieldText(request.body, 'email') ?? '', next: safeLocalPath(fieldText(request.body, 'next'), '') };
    if (!form.ok) return reply.view('identity/views/sign-in.njk', { values }, { errors: form.errors });
    const tried = await identity.tryPassword(form.data.email, form.data.password);
    if (tried.kind === 'right' && (await startSession(request, reply, tried.proof, form.data.next))) return reply;
    // Waiting or locked: the password was not even checked, right or wrong.
    const refusal = tried.kind === 'wrong' ? tried.then : tried;
    if (refusal.kind === 'locked' || (refusal.kind === 'wait' && tried.kind !== 'wrong')) {
      return reply.view('identity/views/sign-in.njk', { values }, { errors: { email: tooSoon[refusal.kind] }, status: 429 });
    }
    return reply.view('identity/views/sign-in.njk', { values }, { errors: { email: 'identity:errors.wrongPassword' }, status: 401 });
  });

  // The link is made and queued once the page has gone (and by the background jobs, should
  // this process stop first), so the answer takes the same time whether or not the address
  // has an account.
  const sendLinksAfterAnswer = async (request: FastifyRequest) => {
    void identity.sendRequestedSignInLinks().catch((err: unknown) => request.log.error({ err }, 'sign-in links not sent'));
  };

  app.post('/sign-in/link', { config: limited, onResponse: sendLinksAfterAnswer }, async (request, reply) => {
    const form = parseForm(linkForm, request.body);
    if (!form.ok) {
      return reply.view(
        'identity/views/sign-in.njk',
        { values: { linkEmail: fieldText(request.body, 'linkEmail') ?? '' } },
        { errors: form.errors },
      );
    }
    if ((await identity.requestSignInLink(form.data.linkEmail)) === 'too-many') {
      return reply.view(
        'identity/views/sign-in.njk',
        { values: { linkEmail: form.data.linkEmail } },
        { errors: { linkEmail: 'identity:errors.tooManyLinks' }, status: 429 },
      );
    }
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
    const proof = await identity.useSignInLink(token);
    if (!proof || !(await startSession(request, reply, proof, undefined))) {
      return reply.view('identity/views/link-open.njk', { token, usable: false }, { status: 410 });
    }
    return reply;
  });

  app.post('/sign-in/code', { config: limited }, async (request, reply) => {
    const form = parseForm(mobileForm, request.body);
    if (!form.ok) {
      return reply.view(
        'identity/views/sign-in.njk',
        { values: { mobile: fieldText(request.body, 'mobile') ?? '' } },
        { errors: form.errors },
      );
    }
    if ((await identity.sendSignInCode(form.data.mobile)) === 'too-many') {
      return reply.view(
        'identity/views/sign-in.njk',
        { values: { mobile: fieldText(request.body, 'mobile') ?? '' } },
        { errors: { mobile: 'identity:errors.tooManyCodes' }, status: 429 },
      );
    }
    request.session.codeMobile = form.data.mobile;
    return reply.redirect('/sign-in/code', 303);
  });

  const showCodePage = (reply: FastifyReply, mobile: string, errors?: Record<string, string>, status?: number) =>
    reply.view('identity/views/code.njk', { mobile, minutes: codeMinutes }, errors ? { errors, ...(status ? { status } : {}) } : {});

  app.get('/sign-in/code', async (request, reply) => {
    const mobile = request.session.codeMobile;
    if (!mobile) return reply.redirect('/sign-in', 303);
    return showCodePage(reply, mobile);
  });

  app.post('/sign-in/code/check', { config: limited }, async (request, reply) => {
    const mobile = request.session.codeMobile;
    if (!mobile) return reply.redirect('/sign-in', 303);
    const form = parseForm(codeForm, request.body);
    if (!form.ok) return showCodePage(reply, mobile, form.errors);
    const proof = await identity.useSignInCode(mobile, form.data.code);
    if (!proof || !(await startSession(request, reply, proof, undefined))) {
      return showCodePage(reply, mobile, { code: 'identity:errors.codeWrong' }, 401);
    }
    return reply;
  });

  const showChoice = async (request: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>) => {
    const proof = request.session.signedInWith;
    if (!proof) return reply.redirect('/sign-in', 303);
    const accounts = await identity.accountsFor(proof);
    const next = safeLocalPath(fieldText(request.body ?? request.query, 'next'), '');
    return reply.view('identity/views/choose.njk', { accounts, next, current: request.session.accountId }, errors ? { errors } : {});
  };

  app.get('/sign-in/choose', async (request, reply) => showChoice(request, reply));

  app.post('/sign-in/choose', async (request, reply) => {
    const proof = request.session.signedInWith;
    if (!proof) return reply.redirect('/sign-in', 303);
    const form = parseForm(chooseForm, request.body);
    if (!form.ok) return showChoice(request, reply, form.errors);
    // Only an account the proven address opens: the id in the form is not trusted.
    const chosen = (await identity.accountsFor(proof)).find((a) => a.accountId === form.data.accountId);
    if (!chosen) return showChoice(request, reply, { accountId: 'identity:errors.chooseOne' });
    return finishSignIn(request, reply, services.twoStep, chosen.accountId, form.data.next);
  });

  // A form's POST with the session's CSRF token: a link or an image elsewhere cannot sign anyone out.
  app.post('/sign-out', async (request, reply) => {
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

  // An admin lets someone use their password again before the lock runs out, from their page.
  app.post('/people/:id/sign-in-lock/remove', { preHandler: allow('admin') }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = personIds(request);
    const person = await services.people.get(user.organisationId, id);
    const unlocked = await identity.unlockSignIn({ organisationId: user.organisationId, personId: user.personId }, id);
    request.flash(unlocked ? t('identity:unlock.done', { name: person.name }) : t('identity:unlock.notLocked'));
    return reply.redirect(`/people/${id}`, 303);
  });

  /**
   * The email address whose password this person may set: the one they proved by signing in
   * (a session from before decision 0016 proved its account's email). Signed in by text: none.
   */
  const passwordEmail = (request: FastifyRequest, account: { email: string | null } | null) => {
    const proof = request.session.signedInWith;
    if (proof) return proof.kind === 'email' ? proof.address : null;
    return account?.email ?? null;
  };

  const showAccount = async (request: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>, status?: number) => {
    const user = signedInUser(request);
    const account = await identity.accountForPerson(user.organisationId, user.personId);
    const proof = request.session.signedInWith;
    const organisations = proof ? (await identity.accountsFor(proof)).length : 1;
    return reply.view(
      'identity/views/account.njk',
      { account, minimum: minimumPasswordLength, passwordFor: passwordEmail(request, account), organisations },
      errors ? { errors, ...(status ? { status } : {}) } : {},
    );
  };

  app.get('/account', { preHandler: allow('admin', 'facilitator', 'member', 'independent-facilitator') }, async (request, reply) =>
    showAccount(request, reply),
  );

  app.post(
    '/account/password',
    { preHandler: allow('admin', 'facilitator', 'member', 'independent-facilitator') },
    async (request, reply) => {
      const user = signedInUser(request);
      const email = passwordEmail(request, await identity.accountForPerson(user.organisationId, user.personId));
      if (!email) return reply.redirect('/account', 303);
      const form = parseForm(passwordForm, request.body);
      if (!form.ok) return showAccount(request, reply, form.errors);
      const changed = await identity.changePassword(user, email, form.data, request.session.sessionId);
      if (changed.kind === 'wrong') {
        const errors = { current: changed.then.kind === 'locked' ? tooSoon.locked : 'identity:errors.currentPasswordWrong' };
        return showAccount(request, reply, errors, changed.then.kind === 'locked' ? 429 : 401);
      }
      if (changed.kind !== 'saved') return showAccount(request, reply, { current: tooSoon[changed.kind] }, 429);
      request.flash(t('identity:account.passwordSaved'));
      return reply.redirect('/account', 303);
    },
  );
};
