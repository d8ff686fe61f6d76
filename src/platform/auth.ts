import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, SignInRequired } from './errors.ts';

/**
 * An independent facilitator (issue 22) comes from outside the organisation: they run the
 * meetings of the projects and meetings they are named on, and nothing else. No guard lets
 * them in unless it names their role.
 */
export type Role = 'admin' | 'facilitator' | 'member' | 'independent-facilitator';
export const roles: readonly Role[] = ['admin', 'facilitator', 'member', 'independent-facilitator'];

/** Who is signed in. The organisation always comes from here, never from the request. */
/**
 * Who does something, for the history: the organisation and the person acting (null when the
 * app acts by itself, such as first-run set-up). A signed-in CurrentUser is one.
 */
export type Actor = { organisationId: string; personId: string | null };

export type CurrentUser = {
  accountId: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  name: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}

declare module './session.ts' {
  interface SessionCompanions {
    /** The session's account as read with it: its user, or null when the account is closed. */
    account: { id: string | null; user: CurrentUser | null };
  }
}

export type LoadUser = (accountId: string) => Promise<CurrentUser | null>;

export const setUpCurrentUser = fp<{ loadUser: LoadUser; touchEveryMs: number; now: () => Date }>(
  async (app, { loadUser, touchEveryMs, now }) => {
    app.decorateRequest('user', null);
    app.addHook('preHandler', async (request) => {
      const accountId = request.session.accountId;
      if (!accountId) return;
      const read = request.sessionCompanions.account;
      request.user = read && read.id === accountId ? read.user : await loadUser(accountId);
      if (!request.user) {
        request.session.accountId = undefined;
        return;
      }
      // A session from before sessions had a lifetime starts counting it now.
      request.session.signedInAt ??= now().toISOString();
      // Touch the session now and then so the server-side idle deadline moves on too.
      const last = request.session.lastSeenAt ? Date.parse(request.session.lastSeenAt) : 0;
      if (now().getTime() - last > touchEveryMs) request.session.lastSeenAt = now().toISOString();
    });
  },
  { name: 'current-user', dependencies: ['session'] },
);

export const isStaff = (user: Pick<CurrentUser, 'role'> | null) => user?.role === 'admin' || user?.role === 'facilitator';

/** From outside the organisation: runs only the meetings they are named on (issue 22). */
export const isIndependentFacilitator = (user: Pick<CurrentUser, 'role'> | null) => user?.role === 'independent-facilitator';

/** Someone acting with a role: a signed-in person, or staff acting in a script or test. */
export type RoleActor = Actor & { personId: string; role: Role };

/** A person's own record and access needs: open to staff and to that person, nobody else. */
export const mayOpenPersonalRecord = (user: RoleActor, personId: string) => isStaff(user) || user.personId === personId;

/** Route guard: signed in, with one of the given roles. */
export function allow(...allowed: Role[]): preHandlerHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw new SignInRequired();
    if (!allowed.includes(request.user.role)) throw new Forbidden();
  };
}

/**
 * Route guard for a plugin whose pages are for `allowed`, where an independent facilitator
 * may open only the routes named (by pattern, such as '/people/:id'). Naming routes rather
 * than leaving some out keeps a route added later closed to them. The page's own checks
 * still decide whose record (their own) or which meeting (one they are named on).
 */
export function allowWithIndependentOn(allowed: Role[], independentRoutes: readonly string[]): preHandlerHookHandler {
  const open = new Set(independentRoutes);
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw new SignInRequired();
    if (request.user.role === 'independent-facilitator' && open.has(request.routeOptions.url ?? '')) return;
    if (!allowed.includes(request.user.role)) throw new Forbidden();
  };
}

export function signedInUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new SignInRequired();
  return request.user;
}
