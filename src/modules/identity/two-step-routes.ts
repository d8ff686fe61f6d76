import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { parseForm, type FieldErrors } from '../../platform/forms.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { secondStepTries } from './two-step-sign-in.ts';

const typedCode = (requiredKey: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, requiredKey).max(40, 'two-step:errors.codeWrong'));
const signInCodeForm = z.object({ code: typedCode('two-step:errors.codeRequired') });
const setUpForm = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : ''),
    z
      .string()
      .min(1, 'two-step:errors.codeRequired')
      .regex(/^\d{6}$/, 'two-step:errors.codeSixDigits'),
  ),
});
const firstRunForm = z.object({ require: z.enum(['yes', 'no'], { message: 'two-step:errors.chooseOne' }) });

const everyone = allow('admin', 'facilitator', 'member', 'independent-facilitator');

/** The second step of signing in, and each person's own two-step set-up (decision 0019). */
export const twoStepRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { twoStep } = services;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  const showCodePage = (reply: FastifyReply, errors?: FieldErrors, status?: number) =>
    reply.view('identity/views/two-step-code.njk', {}, errors ? { errors, ...(status ? { status } : {}) } : {});

  app.get('/sign-in/two-step', async (request, reply) => {
    if (!request.session.twoStepPending) return reply.redirect('/sign-in', 303);
    return showCodePage(reply);
  });

  app.post('/sign-in/two-step', { config: limited }, async (request, reply) => {
    const pending = request.session.twoStepPending;
    if (!pending) return reply.redirect('/sign-in', 303);
    const form = parseForm(signInCodeForm, request.body);
    if (!form.ok) return showCodePage(reply, form.errors);
    const used = await twoStep.checkCode(pending.accountId, form.data.code);
    if (!used) {
      const tries = pending.tries + 1;
      if (tries >= secondStepTries) {
        // Too many wrong codes: the whole sign-in starts again, password first.
        request.session.twoStepPending = undefined;
        request.flash(t('two-step:signIn.startAgain'));
        return reply.redirect('/sign-in', 303);
      }
      request.session.twoStepPending = { ...pending, tries };
      return showCodePage(reply, { code: 'two-step:errors.codeWrong' }, 401);
    }
    request.session.twoStepPending = undefined;
    // A new session id once fully signed in, as after the first step.
    const { signedInVia, signedInWith, signedInAt } = request.session;
    await request.session.regenerate();
    request.session.signedInWith = signedInWith;
    request.session.signedInVia = signedInVia;
    request.session.signedInAt = signedInAt;
    request.session.accountId = pending.accountId;
    if (used === 'recovery') {
      const user = await services.identity.loadUser(pending.accountId);
      const left = user ? (await twoStep.status(user)).recoveryCodesLeft : 0;
      request.flash(t('two-step:signIn.recoveryUsed', { count: left }));
      return reply.redirect('/account/two-step', 303);
    }
    return reply.redirect(safeLocalPath(pending.next), 303);
  });

  const showAccountPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, fresh = false) => {
    const user = signedInUser(request);
    const status = await twoStep.status(user);
    const key = status.setUp ? null : await twoStep.keyToSetUp(user, fresh);
    return reply.view(
      'identity/views/two-step.njk',
      { status, key, mustSetUpNow: Boolean(request.session.twoStepSetUpNeeded) },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/account/two-step', { preHandler: everyone }, async (request, reply) => showAccountPage(request, reply));

  app.post('/account/two-step', { preHandler: everyone, config: limited }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(setUpForm, request.body);
    if (!form.ok) return showAccountPage(request, reply, form.errors);
    const codes = await twoStep.confirmSetUp(user, form.data.code);
    if (!codes) return showAccountPage(request, reply, { code: 'two-step:errors.setUpCodeWrong' });
    request.session.twoStepSetUpNeeded = undefined;
    // Shown this once, in the answer to the form: they are never stored readable.
    return reply.view('identity/views/two-step-recovery-codes.njk', { codes, justTurnedOn: true });
  });

  app.post('/account/two-step/new-key', { preHandler: everyone }, async (request, reply) =>
    showAccountPage(request, reply, undefined, true),
  );

  app.post('/account/two-step/recovery-codes', { preHandler: everyone }, async (request, reply) => {
    const codes = await twoStep.replaceRecoveryCodes(signedInUser(request));
    if (!codes) return reply.redirect('/account/two-step', 303);
    return reply.view('identity/views/two-step-recovery-codes.njk', { codes, justTurnedOn: false });
  });

  app.post('/account/two-step/off', { preHandler: everyone }, async (request, reply) => {
    const done = await twoStep.turnOff(signedInUser(request));
    request.flash(t(done ? 'two-step:account.turnedOff' : 'two-step:account.cannotTurnOff'));
    return reply.redirect('/account/two-step', 303);
  });

  // First-run set-up offers two-step sign-in to the first admin, for every member of staff.
  const showFirstRun = (reply: FastifyReply, errors?: FieldErrors) =>
    reply.view('identity/views/two-step-first-run.njk', {}, errors ? { errors, status: 400 } : {});

  app.get('/account/two-step/first-run', { preHandler: allow('admin') }, async (_request, reply) => showFirstRun(reply));

  app.post('/account/two-step/first-run', { preHandler: allow('admin') }, async (request, reply) => {
    const form = parseForm(firstRunForm, request.body);
    if (!form.ok) return showFirstRun(reply, form.errors);
    if (form.data.require === 'no') return reply.redirect('/', 303);
    await twoStep.setRequired(signedInUser(request), true);
    request.session.twoStepSetUpNeeded = true;
    return reply.redirect('/account/two-step', 303);
  });
};
