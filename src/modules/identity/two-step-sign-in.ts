import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { safeLocalPath } from '../../platform/redirects.ts';
import type { TwoStepService } from './two-step.ts';

declare module 'fastify' {
  interface Session {
    /** Proved the first step (password, link, text code or identity provider); waits for the code from the app. */
    twoStepPending?: { accountId: string; next: string; tries: number };
    /** Signed in, but must set up two-step sign-in before anything else (the organisation requires it). */
    twoStepSetUpNeeded?: boolean;
    /** 'sso' when this sign-in came through the organisation's identity provider. */
    signedInVia?: 'sso' | 'here';
  }
}

/** Wrong codes allowed for one sign-in before it must start again from the first step. */
export const secondStepTries = 5;

/**
 * The end of every sign-in, once its first step is proved and one account is chosen: in at
 * once, or first the code from the app, or first setting up the app, or (staff whose
 * organisation signs in only through its identity provider) sent there.
 */
export async function finishSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  twoStep: TwoStepService,
  accountId: string,
  next: string | undefined,
  via: { sso: boolean; providerTwoStep?: boolean } = { sso: false },
) {
  const step = await twoStep.secondStepFor(accountId, via);
  request.session.accountId = undefined;
  request.session.twoStepPending = undefined;
  request.session.twoStepSetUpNeeded = undefined;
  request.session.signedInVia = via.sso ? 'sso' : 'here';
  if (step === 'sso-only') return reply.redirect('/sign-in/sso?staff=only', 303);
  if (step === 'ask-code') {
    request.session.twoStepPending = { accountId, next: safeLocalPath(next, ''), tries: 0 };
    return reply.redirect('/sign-in/two-step', 303);
  }
  request.session.accountId = accountId;
  if (step === 'set-up') {
    request.session.twoStepSetUpNeeded = true;
    return reply.redirect('/account/two-step', 303);
  }
  return reply.redirect(safeLocalPath(next), 303);
}

const openWhileSettingUp = [
  '/account/two-step',
  '/sign-out',
  '/signed-out',
  '/session/extend',
  '/health',
  '/build/',
  '/static/',
  '/assets/',
];

/** Staff who must set up two-step sign-in reach nothing else until they have. */
export const setUpTwoStepGuard = fp(
  async (app) => {
    app.addHook('preHandler', async (request, reply) => {
      if (!request.session.twoStepSetUpNeeded || !request.user) return;
      const path = request.url.split('?')[0] ?? '/';
      if (openWhileSettingUp.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) return;
      return reply.redirect('/account/two-step', 303);
    });
  },
  { name: 'two-step-guard', dependencies: ['current-user'] },
);
