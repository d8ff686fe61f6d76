import type { Db, Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import type { Claim } from './claim.ts';
import * as repo from './repository.ts';

type Change = { field: string; from?: unknown; to?: unknown };

/** Who may see and decide on a claim; shared by every part of claims. */
export function claimAccess({ db, now }: { db: Db; now: Clock }) {
  async function load(organisationId: string, id: string): Promise<Claim> {
    const claim = await repo.findClaim(db, organisationId, id);
    if (!claim) throw new NotFound();
    return claim;
  }

  return {
    load,

    /** Staff see every claim of their organisation; members only their own. Anything else is "not found". */
    async visibleTo(user: CurrentUser, id: string): Promise<Claim> {
      const claim = await load(user.organisationId, id);
      if (!isStaff(user) && claim.personId !== user.personId) throw new NotFound();
      return claim;
    },

    staffOnly(user: CurrentUser): void {
      if (!isStaff(user)) throw new Forbidden();
    },

    /** Nobody decides on their own claim: approving, paying or rejecting it is for someone else. */
    notTheirOwn(user: CurrentUser, claim: Claim): void {
      if (!isStaff(user) || claim.personId === user.personId) throw new Forbidden();
    },

    /**
     * Staff making or sending a claim for someone who does not sign in act on their
     * behalf, and the log says so; deciding on a claim is nobody's behalf but their own.
     */
    audit(
      user: CurrentUser,
      claim: { id: string; personId: string },
      action: string,
      changes?: readonly Change[],
      opts: { onBehalf?: boolean } = {},
      within: Executor = db,
    ) {
      return writeAudit(within, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        onBehalfOfPersonId: opts.onBehalf && claim.personId !== user.personId ? claim.personId : null,
        subjectType: 'claim',
        subjectId: claim.id,
        action,
        changes,
        at: now(),
      });
    },
  };
}

export type ClaimAccess = ReturnType<typeof claimAccess>;
