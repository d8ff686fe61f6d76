import type { Db } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { formatDate, londonToday, type Clock } from '../../platform/time.ts';
import type { ClaimAccess } from './access.ts';
import { claimCreditReference } from './ledger-credits.ts';
import { isSettled, type Claim } from './claim.ts';
import type { BenefitsCheck, RewardsAccess, TimebankAccess } from './ports.ts';
import { suggestedPart } from '../rewards/benefits.ts';
import * as repo from './repository.ts';
import type { Made } from './service.ts';
import { paysMoney, type UnpaidWay } from './vocabulary.ts';

type Deps = { db: Db; now: Clock; t: Translate; access: ClaimAccess; rewards: RewardsAccess; timebank: TimebankAccess };
type Done = { ok: true } | { ok: false; errors: Record<string, string> };

/** A payment that pays the person money and so can touch their benefits. */
const earnsMoney = (c: Claim) => c.kind === 'payment' && paysMoney(c.way) && c.amountPence > 0 && c.type === 'payment';

/**
 * Deciding on claims: approve, pay, reject, and put right after approval with an
 * adjustment. Only staff decide, never on their own claim, and an approved claim never
 * changes again.
 */
export function makeClaimWorkflow({ db, now, t, access, rewards, timebank }: Deps) {
  const stamp = () => ({ at: now().toISOString(), on: londonToday(now()) });

  async function benefitsFor(organisationId: string, claim: Claim, amountPence = claim.amountPence): Promise<BenefitsCheck | null> {
    if (!earnsMoney(claim)) return null;
    const vouchers = await rewards.vouchersCountAsEarnings(organisationId);
    return rewards.benefitsCheck(
      organisationId,
      claim.personId,
      { amountPence, on: claim.onDate, method: claim.way === 'voucher' ? 'voucher' : 'bank-transfer' },
      (from, to) => repo.earnedBetween(db, organisationId, claim.personId, from, to, { vouchers }),
    );
  }

  /**
   * Credits before the claim is marked approved: the time bank credits once per reference,
   * so a retry after a failure cannot pay twice, while the other order could leave an
   * approved claim whose credits never arrived. Each claim has its own reference; how it
   * relates to attendance credits for the same meeting is settleMeeting's job.
   */
  async function giveCredits(
    user: CurrentUser,
    claim: { id: string; personId: string; meetingId: string | null; way: string; creditMinutes: number; category: string; onDate: string },
  ) {
    if (claim.way !== 'time-credits' || claim.creditMinutes <= 0) return;
    const memo = t('claims:creditMemo', { activity: t(`claims:category.${claim.category}`), date: formatDate(claim.onDate) });
    await timebank.creditFromOrganisation(
      { organisationId: user.organisationId, personId: user.personId },
      { personId: claim.personId, minutes: claim.creditMinutes, memo, reference: claimCreditReference(claim.id) },
    );
  }

  /**
   * By default a claim for a meeting says what the person gets for it, once: attendance
   * credits already given for that meeting are undone (decision 0015). Called before and
   * after the claim is marked approved: before, so a crash cannot leave both standing; after,
   * so attendance credits given in between are caught (the time bank also looks again after
   * crediting). Undoing happens once, however often this runs.
   */
  async function settleMeeting(user: CurrentUser, claim: Claim) {
    if (!claim.meetingId || claim.kind !== 'payment' || claim.type === 'adjustment') return;
    if ((await rewards.meetingCreditsRule(user.organisationId)) !== 'claim-replaces') return;
    await timebank.undoAttendance(
      { organisationId: user.organisationId, personId: user.personId },
      claim.meetingId,
      claim.personId,
      t('claims:replacesAttendance', { date: formatDate(claim.onDate) }),
    );
  }

  async function openForDecision(user: CurrentUser, id: string): Promise<Claim> {
    const claim = await access.load(user.organisationId, id);
    access.notTheirOwn(user, claim);
    if (claim.status !== 'submitted') throw new Conflict('claims:errors.notSubmitted');
    return claim;
  }

  const overLimit = async (user: CurrentUser, claim: Claim, amountPence: number, confirmed: boolean) =>
    !confirmed && Boolean((await benefitsFor(user.organisationId, claim, amountPence))?.anyOver);

  return {
    /**
     * What staff see before approving: the claim and, for a payment of money, how it sits
     * against the person's benefits limits (null when nothing is recorded to check).
     */
    /** The claim, its benefits check, and the part that keeps within every limit (if any would be passed). */
    async forApproval(user: CurrentUser, id: string): Promise<{ claim: Claim; check: BenefitsCheck | null; suggested: number | null }> {
      const claim = await openForDecision(user, id);
      const check = await benefitsFor(user.organisationId, claim);
      return { claim, check, suggested: suggestedPart(check) };
    },

    /** Going over a benefits limit needs staff to say they have talked it through with the person. */
    async approve(user: CurrentUser, id: string, opts: { confirmedOverLimit: boolean }): Promise<Done> {
      const claim = await openForDecision(user, id);
      if (await overLimit(user, claim, claim.amountPence, opts.confirmedOverLimit))
        return { ok: false, errors: { confirmOver: 'claims:errors.confirmOver' } };
      await giveCredits(user, claim);
      await settleMeeting(user, claim);
      const { at, on } = stamp();
      if (
        !(await repo.updateClaimIn(db, user.organisationId, claim.id, ['submitted'], {
          status: 'approved',
          approved_at: at,
          approved_by: user.personId,
          approved_on: on,
          updated_at: at,
        }))
      ) {
        throw new Conflict('claims:errors.notSubmitted');
      }
      await settleMeeting(user, claim);
      await access.audit(user, claim, 'approved', opts.confirmedOverLimit ? [{ field: 'overBenefitsLimit', to: true }] : []);
      return { ok: true };
    },

    /** After talking with the person: take part unpaid, or take time credits instead. */
    async changeWay(user: CurrentUser, id: string, way: UnpaidWay): Promise<void> {
      const claim = await openForDecision(user, id);
      if (claim.kind !== 'payment' || claim.type === 'adjustment') throw new NotFound();
      const minutes = claim.minutes + claim.preparationMinutes;
      const changed = await repo.updateClaimIn(db, user.organisationId, claim.id, ['submitted'], {
        way,
        amount_pence: 0,
        rate_pence: 0,
        preparation_rate_pence: 0,
        charity: null,
        credit_minutes: way === 'time-credits' ? minutes : 0,
        updated_at: now().toISOString(),
      });
      if (!changed) throw new Conflict('claims:errors.notSubmitted');
      await access.audit(user, claim, 'way-changed', [
        { field: 'way', from: claim.way, to: way },
        { field: 'amountPence', from: claim.amountPence, to: 0 },
      ]);
    },

    /**
     * Pays part now and records the rest of the time unpaid: as volunteering or as time
     * credits. The time is shared in proportion to the money, so no hour is counted twice.
     */
    async approvePart(
      user: CurrentUser,
      id: string,
      input: { payPence: number; restAs: UnpaidWay; confirmedOverLimit: boolean },
    ): Promise<Done> {
      const claim = await openForDecision(user, id);
      if (!earnsMoney(claim)) throw new NotFound();
      if (input.payPence <= 0 || input.payPence >= claim.amountPence)
        return { ok: false, errors: { payAmount: 'claims:errors.partRange' } };
      if (await overLimit(user, claim, input.payPence, input.confirmedOverLimit))
        return { ok: false, errors: { confirmOver: 'claims:errors.confirmOver' } };
      const share = input.payPence / claim.amountPence;
      const paid = { minutes: Math.round(claim.minutes * share), preparation: Math.round(claim.preparationMinutes * share) };
      const rest = { minutes: claim.minutes - paid.minutes, preparation: claim.preparationMinutes - paid.preparation };
      const restId = newId();
      const creditMinutes = input.restAs === 'time-credits' ? rest.minutes + rest.preparation : 0;
      await giveCredits(user, {
        id: restId,
        personId: claim.personId,
        meetingId: claim.meetingId,
        way: input.restAs,
        creditMinutes,
        category: claim.category,
        onDate: claim.onDate,
      });
      await settleMeeting(user, claim);
      const { at, on } = stamp();
      const approved = { status: 'approved' as const, approved_at: at, approved_by: user.personId, approved_on: on, updated_at: at };
      await db.transaction().execute(async (trx) => {
        const changed = await repo.updateClaimIn(trx, user.organisationId, claim.id, ['submitted'], {
          amount_pence: input.payPence,
          minutes: paid.minutes,
          preparation_minutes: paid.preparation,
          ...approved,
        });
        if (!changed) throw new Conflict('claims:errors.notSubmitted');
        await repo.insertClaimOnce(trx, {
          id: restId,
          organisation_id: user.organisationId,
          person_id: claim.personId,
          kind: 'payment',
          reference: `${claim.reference}:rest`,
          project_id: claim.projectId,
          meeting_id: claim.meetingId,
          split_from_claim_id: claim.id,
          category: claim.category,
          on_date: claim.onDate,
          minutes: rest.minutes,
          preparation_minutes: rest.preparation,
          rate_pence: 0,
          preparation_rate_pence: 0,
          amount_pence: 0,
          way: input.restAs,
          credit_minutes: creditMinutes,
          status: 'approved',
          created_at: at,
          created_by: user.personId,
          submitted_at: at,
          submitted_by: user.personId,
          approved_at: at,
          approved_by: user.personId,
          approved_on: on,
          updated_at: at,
        });
      });
      await settleMeeting(user, claim);
      await access.audit(user, claim, 'approved-in-part', [
        { field: 'amountPence', from: claim.amountPence, to: input.payPence },
        { field: 'rest', to: restId },
      ]);
      return { ok: true };
    },

    async reject(user: CurrentUser, id: string, reason: string): Promise<void> {
      const claim = await openForDecision(user, id);
      const { at } = stamp();
      if (
        !(await repo.updateClaimIn(db, user.organisationId, claim.id, ['submitted'], {
          status: 'rejected',
          rejected_at: at,
          rejected_by: user.personId,
          rejection_reason: reason,
          updated_at: at,
        }))
      ) {
        throw new Conflict('claims:errors.notSubmitted');
      }
      await access.audit(user, claim, 'rejected');
    },

    /** Records that finance paid it, with their payment reference. */
    async markPaid(user: CurrentUser, id: string, paymentReference: string): Promise<void> {
      const claim = await access.load(user.organisationId, id);
      access.notTheirOwn(user, claim);
      if (claim.status !== 'approved' || claim.amountPence === 0) throw new Conflict('claims:errors.notPayable');
      const { at } = stamp();
      if (
        !(await repo.updateClaimIn(db, user.organisationId, claim.id, ['approved'], {
          status: 'paid',
          paid_at: at,
          paid_by: user.personId,
          payment_reference: paymentReference,
          updated_at: at,
        }))
      ) {
        throw new Conflict('claims:errors.notPayable');
      }
      await access.audit(user, claim, 'paid', [{ field: 'paymentReference', to: paymentReference }]);
    },

    /**
     * A correction to an approved claim, as a new entry that needs approving in its turn.
     * The first claim never changes; together they never come to less than nothing.
     */
    async adjust(user: CurrentUser, id: string, input: { amountPence: number; reason: string }): Promise<Made> {
      access.staffOnly(user);
      const claim = await access.load(user.organisationId, id);
      if (!isSettled(claim) || claim.type === 'adjustment' || (claim.kind === 'payment' && !paysMoney(claim.way)))
        throw new Conflict('claims:errors.notAdjustable');
      const earlier = (await repo.listClaims(db, user.organisationId, { correctsClaimId: claim.id })).filter(
        (a) => a.status !== 'rejected' && a.status !== 'draft',
      );
      const standing = claim.amountPence + earlier.reduce((n, a) => n + a.amountPence, 0);
      if (input.amountPence === 0 || standing + input.amountPence < 0)
        return { ok: false, errors: { amount: 'claims:errors.adjustRange' } };
      const { at } = stamp();
      const newClaimId = newId();
      await repo.insertClaimOnce(db, {
        id: newClaimId,
        organisation_id: user.organisationId,
        person_id: claim.personId,
        kind: claim.kind,
        reference: `adjust:${newClaimId}`,
        project_id: claim.projectId,
        meeting_id: claim.meetingId,
        corrects_claim_id: claim.id,
        category: claim.category,
        on_date: claim.onDate,
        amount_pence: input.amountPence,
        way: claim.way,
        charity: claim.charity,
        credit_minutes: 0,
        note: input.reason,
        status: 'submitted',
        created_at: at,
        created_by: user.personId,
        submitted_at: at,
        submitted_by: user.personId,
        updated_at: at,
      });
      await access.audit(user, claim, 'adjusted', [
        { field: 'adjustment', to: newClaimId },
        { field: 'amountPence', to: input.amountPence },
      ]);
      return { ok: true, id: newClaimId };
    },
  };
}

export type ClaimWorkflow = ReturnType<typeof makeClaimWorkflow>;
