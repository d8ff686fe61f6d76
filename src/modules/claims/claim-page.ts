import type { FastifyReply } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { readsOfPeople } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { claimActions, claimFormat, type Period } from './presenting.ts';
import { statementOf } from './statement.ts';

/** One claim's page, shown from several routes: after a form on it goes wrong, too. */
export function claimPage({ services, config, t }: Pick<RouteDeps, 'services' | 'config' | 't'>) {
  const fmt = claimFormat(t);
  return async (
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    state: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) => {
    const page = await services.claims.get(user, id);
    // A claim a supporter made for the person says so (issue 17): one read.
    const supportedBy = (await services.supporters.actsOn(user.organisationId, id)).get(page.claim.personId) ?? null;
    return reply.view(
      'claims/views/show.njk',
      {
        ...page,
        supportedBy,
        staff: isStaff(user),
        own: page.claim.personId === user.personId,
        can: claimActions(user, page.claim),
        maxMb: Math.floor(config.maxUploadBytes / (1024 * 1024)),
        values: state.values ?? {},
        ...fmt,
      },
      state.errors ? { errors: state.errors } : {},
    );
  };
}

/** A person's statement for a period: for themself at /my-claims, for anyone by staff. */
export function statementPage({ services, t }: Pick<RouteDeps, 'services' | 't'>) {
  const fmt = claimFormat(t);
  return async (
    reply: FastifyReply,
    user: CurrentUser,
    personId: string,
    shown: { period: Period; values: Record<string, unknown>; errors?: FieldErrors },
    self: boolean,
  ) => {
    const { person, claims } = await services.claims.forStatement(user, personId, shown.period.from, shown.period.to);
    // Time credits from the time bank too: swaps, meetings and spending, not only claims.
    const timebank = await services.timebank.statements.between(user.organisationId, person.id, shown.period.from, shown.period.to);
    // Staff reading someone's payments and time: logged on that person's history.
    await services.readsLog.record(user, readsOfPeople(user, 'rewards', 'viewed-statement', [person.id]));
    const action = self ? '/my-claims/statement' : '/claims/statement';
    return reply.view(
      'claims/views/statement.njk',
      { person, period: shown.period, values: shown.values, statement: statementOf(claims, timebank), timebank, action, self, ...fmt },
      shown.errors ? { errors: shown.errors } : {},
    );
  };
}
