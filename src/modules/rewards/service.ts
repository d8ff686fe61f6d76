import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import type { MeetingCreditsRule } from '../../db/schema/rewards.ts';
import { benefitPeriods, benefitsHeadroom, type BenefitLimit, type Benefits, type BenefitsCheck, type Proposal } from './benefits.ts';
import { makeBenefitsRecordService } from './benefits-record.ts';
import { preparationMinutes, versionInForce, type Policy, type Preparation } from './policy.ts';
import * as repo from './repository.ts';
import { activityTypes, limitKinds, type ActivityType, type LimitKind, type RewardWay } from './vocabulary.ts';
import type { Actor } from '../../platform/auth.ts';
import { readJson, storedNumbers } from '../../platform/json-column.ts';

export type { ActivityType } from './vocabulary.ts';
export type { Policy, Preparation } from './policy.ts';
export type { BenefitsCheck, BenefitLine, Benefits } from './benefits.ts';

export type RewardChoice = {
  way: RewardWay | 'not-chosen';
  /** Pence an hour the person wants instead, for 'lower-amount'. */
  lowerAmountPence: number | null;
  /** The charity they give their payment to, for 'donation'. */
  charity: string | null;
  /** The London date this choice started; null when they have not chosen. */
  since: string | null;
};
export type RewardChoiceInput = { way: RewardWay; lowerAmountPence: number | null; charity: string | null };
export type RewardChoiceEntry = RewardChoice & {
  id: string;
  way: RewardWay;
  since: string;
  recordedAt: string;
  recordedByName: string | null;
};
export type PolicyInput = Omit<Policy, 'id'>;
export type LimitInput = BenefitLimit;
export type StoredLimit = BenefitLimit & { id: string };
type Result = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const notChosen: RewardChoice = { way: 'not-chosen', lowerAmountPence: null, charity: null, since: null };

function toPolicy(row: Awaited<ReturnType<typeof repo.listPolicies>>[number]): Policy {
  const saved: Partial<Record<string, number>> = readJson(storedNumbers, row.rates, 'payment_policies.rates');
  // A kind of work added to the vocabulary after a version was saved was unpaid in it.
  const rates = Object.fromEntries(activityTypes.map((a) => [a, saved[a] ?? 0])) as Record<ActivityType, number>;
  const minutes = row.preparation_minutes ?? 0;
  const preparation: Preparation = row.preparation_kind === 'none' ? { kind: 'none' } : { kind: row.preparation_kind, minutes };
  return { id: row.id, effectiveFrom: row.effective_from, rates, preparation, mileagePencePerMile: row.mileage_pence_per_mile };
}

function toChoice(row: { way: RewardWay; lower_amount_pence: number | null; charity: string | null; starts_on: string }): RewardChoice {
  return {
    way: row.way,
    lowerAmountPence: row.way === 'lower-amount' ? row.lower_amount_pence : null,
    charity: row.way === 'donation' ? row.charity : null,
    since: row.starts_on,
  };
}

/**
 * Payments and rewards (S2, S3): the payment policy over time, how each person chooses to
 * be rewarded, and what the organisation knows, with consent, about their benefits.
 */
export function makeRewardsService({ db, now, people }: { db: Db; now: Clock; people: PeopleService }) {
  const benefitsRecords = makeBenefitsRecordService({ db, now });
  const audit = (
    actor: Actor,
    subjectType: 'rewards' | 'benefits',
    subjectId: string,
    action: string,
    changes?: Array<{ field: string; from?: unknown; to?: unknown }>,
    onBehalfOf: string | null = null,
  ) =>
    writeAudit(db, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      onBehalfOfPersonId: onBehalfOf,
      subjectType,
      subjectId,
      action,
      changes,
      at: now(),
    });

  async function limits(organisationId: string): Promise<StoredLimit[]> {
    return (await repo.listLimits(db, organisationId))
      .filter((r) => (limitKinds as readonly string[]).includes(r.kind))
      .map((r) => ({ id: r.id, kind: r.kind, effectiveFrom: r.effective_from, limitPence: r.limit_pence }));
  }

  async function meetingCreditsRule(organisationId: string): Promise<MeetingCreditsRule> {
    return (await repo.findSettings(db, organisationId))?.meeting_credits ?? 'claim-replaces';
  }

  async function vouchersCountAsEarnings(organisationId: string): Promise<boolean> {
    // Counting vouchers until told otherwise errs on the side of keeping people's benefits safe.
    return ((await repo.findSettings(db, organisationId))?.vouchers_count_as_earnings ?? 1) === 1;
  }

  return {
    // Payment policy ------------------------------------------------------------

    /** Every version, newest first. */
    async policies(organisationId: string): Promise<Policy[]> {
      return (await repo.listPolicies(db, organisationId)).map(toPolicy);
    },

    /** The version in force on a London date (YYYY-MM-DD), or null before the first. */
    async policyOn(organisationId: string, date: string): Promise<Policy | null> {
      return versionInForce((await repo.listPolicies(db, organisationId)).map(toPolicy), date);
    },

    /** The versions as staff read them: in force today, still to come, and earlier. */
    async policyTimeline(organisationId: string): Promise<{ current: Policy | null; future: Policy[]; earlier: Policy[] }> {
      const today = londonToday(now());
      const versions = (await repo.listPolicies(db, organisationId)).map(toPolicy);
      const current = versionInForce(versions, today);
      return {
        current,
        future: versions.filter((v) => v.effectiveFrom > today).reverse(),
        earlier: versions.filter((v) => v.effectiveFrom <= today && v.id !== current?.id),
      };
    },

    preparationMinutes,

    /** Adds a version. Earlier versions are never changed, and no two start on one day. */
    async addPolicy(actor: Actor, input: PolicyInput): Promise<Result> {
      if (await repo.policyStartingOn(db, actor.organisationId, input.effectiveFrom))
        return { ok: false, errors: { effectiveFrom: 'rewards:errors.policyDateTaken' } };
      const id = newId();
      await repo.insertPolicy(db, {
        id,
        organisation_id: actor.organisationId,
        effective_from: input.effectiveFrom,
        rates: JSON.stringify(input.rates),
        preparation_kind: input.preparation.kind,
        preparation_minutes: input.preparation.kind === 'none' ? null : input.preparation.minutes,
        mileage_pence_per_mile: input.mileagePencePerMile,
        created_at: now().toISOString(),
        created_by: actor.personId,
      });
      await audit(actor, 'rewards', id, 'policy-added', [{ field: 'effectiveFrom', to: input.effectiveFrom }]);
      return { ok: true, id };
    },

    // How each person is rewarded ---------------------------------------------

    /**
     * The choice in force on a day. Work done before someone first chose (a first meeting,
     * say) follows their first choice: people are asked after they have taken part.
     */
    async rewardChoiceOn(organisationId: string, personId: string, date: string): Promise<RewardChoice> {
      const row = (await repo.choiceOn(db, organisationId, personId, date)) ?? (await repo.firstChoice(db, organisationId, personId));
      return row ? toChoice(row) : { ...notChosen };
    },

    /**
     * rewardChoiceOn for several people at once (a meeting's register): the choice in force
     * on the date, or else their first choice, or not chosen.
     */
    async rewardChoicesOn(organisationId: string, personIds: readonly string[], date: string): Promise<Map<string, RewardChoice>> {
      const rows = await repo.choicesOf(db, organisationId, personIds);
      const chosen = new Map<string, (typeof rows)[number]>();
      for (const row of rows) {
        // Oldest first: a later choice in force on the date replaces an earlier one; the first stands in when none is.
        if (!chosen.has(row.person_id) || row.starts_on <= date) chosen.set(row.person_id, row);
      }
      return new Map(personIds.map((id) => [id, chosen.has(id) ? toChoice(chosen.get(id)!) : { ...notChosen }]));
    },

    async rewardChoice(organisationId: string, personId: string): Promise<RewardChoice> {
      const row = await repo.choiceOn(db, organisationId, personId, londonToday(now()));
      return row ? toChoice(row) : { ...notChosen };
    },

    /** Every choice the person made, newest first. */
    async rewardChoices(organisationId: string, personId: string): Promise<RewardChoiceEntry[]> {
      return (await repo.listChoices(db, organisationId, personId)).map((r) => ({
        ...toChoice(r),
        way: r.way,
        since: r.starts_on,
        id: r.id,
        recordedAt: r.recorded_at,
        recordedByName: r.recorderName,
      }));
    },

    /** A new choice from today. The old ones stay, so past payments can be explained. */
    async chooseReward(actor: Actor, personId: string, input: RewardChoiceInput, onBehalfOf: string | null = null): Promise<void> {
      await people.get(actor.organisationId, personId);
      const today = londonToday(now());
      await db.transaction().execute(async (trx) => {
        const seq = await repo.nextChoiceSeq(trx, actor.organisationId, personId);
        await repo.insertChoice(trx, {
          id: newId(),
          organisation_id: actor.organisationId,
          person_id: personId,
          seq,
          way: input.way,
          lower_amount_pence: input.way === 'lower-amount' ? input.lowerAmountPence : null,
          charity: input.way === 'donation' ? input.charity : null,
          starts_on: today,
          recorded_at: now().toISOString(),
          recorded_by: actor.personId,
        });
      });
      const fields = ['way', ...(input.way === 'lower-amount' ? ['lowerAmount'] : []), ...(input.way === 'donation' ? ['charity'] : [])];
      await audit(
        actor,
        'rewards',
        personId,
        'changed',
        fields.map((field) => ({ field })),
        onBehalfOf,
      );
    },

    // Benefits --------------------------------------------------------------------

    viewBenefits: benefitsRecords.view,
    saveBenefits: async (actor: Actor, personId: string, consent: boolean, benefits: Benefits, onBehalfOf: string | null = null) => {
      await people.get(actor.organisationId, personId);
      await benefitsRecords.save(actor, personId, consent, benefits, onBehalfOf);
    },

    limits,

    /** Each kind of limit with its versions and the one in force today. */
    async limitsByKind(organisationId: string) {
      const today = londonToday(now());
      const all = await limits(organisationId);
      return limitKinds.map((kind) => {
        const versions = all.filter((l) => l.kind === kind);
        return { kind, versions, current: versionInForce(versions, today) };
      });
    },

    async addLimit(actor: Actor, input: LimitInput): Promise<Result> {
      if (await repo.limitStartingOn(db, actor.organisationId, input.kind, input.effectiveFrom))
        return { ok: false, errors: { effectiveFrom: 'rewards:errors.limitDateTaken' } };
      const id = newId();
      await repo.insertLimit(db, {
        id,
        organisation_id: actor.organisationId,
        kind: input.kind,
        effective_from: input.effectiveFrom,
        limit_pence: input.limitPence,
        created_at: now().toISOString(),
        created_by: actor.personId,
      });
      await audit(actor, 'rewards', id, 'limit-added', [
        { field: 'kind', to: input.kind },
        { field: 'effectiveFrom', to: input.effectiveFrom },
        { field: 'limitPence', to: input.limitPence },
      ]);
      return { ok: true, id };
    },

    /**
     * Whether vouchers count as earnings here. Callers of benefitsCheck need it: what
     * earnedBetween returns leaves vouchers out when this is false.
     */
    vouchersCountAsEarnings,

    /**
     * Whether a claim for a meeting replaces the attendance credits for it (the default) or
     * the person gets both (docs/decisions/0015-meeting-credits.md).
     */
    meetingCreditsRule,

    async setMeetingCreditsRule(actor: Actor, rule: MeetingCreditsRule): Promise<void> {
      const before = await meetingCreditsRule(actor.organisationId);
      await repo.saveSettings(db, {
        organisation_id: actor.organisationId,
        meeting_credits: rule,
        updated_at: now().toISOString(),
        updated_by: actor.personId,
      });
      if (before !== rule)
        await audit(actor, 'rewards', actor.organisationId, 'meeting-credits-changed', [
          { field: 'meetingCredits', from: before, to: rule },
        ]);
    },

    async setVouchersCountAsEarnings(actor: Actor, value: boolean): Promise<void> {
      const before = await vouchersCountAsEarnings(actor.organisationId);
      await repo.saveSettings(db, {
        organisation_id: actor.organisationId,
        vouchers_count_as_earnings: value ? 1 : 0,
        updated_at: now().toISOString(),
        updated_by: actor.personId,
      });
      if (before !== value)
        await audit(actor, 'rewards', actor.organisationId, 'vouchers-setting-changed', [
          { field: 'vouchersCountAsEarnings', from: before, to: value },
        ]);
    },

    /**
     * How a proposed payment sits against the person's benefit limits, or null when
     * nothing is recorded with their consent. Planning, not a person looking, so it is not
     * logged as a view (like the meeting access check).
     *
     * earnedBetween(from, to): pence already approved or paid to this person on London
     * dates from..to inclusive that count as earnings: never expenses, and vouchers only
     * when vouchersCountAsEarnings(organisationId) is true.
     */
    async benefitsCheck(
      organisationId: string,
      personId: string,
      proposal: Proposal,
      earnedBetween: (from: string, to: string) => Promise<number>,
    ): Promise<BenefitsCheck | null> {
      const benefits = await benefitsRecords.read(organisationId, personId);
      if (!benefits) return null;
      const earnedSoFar: Partial<Record<LimitKind, number>> = {};
      for (const period of benefitPeriods(benefits, proposal.on)) earnedSoFar[period.kind] = await earnedBetween(period.start, period.end);
      const [allLimits, vouchers] = await Promise.all([limits(organisationId), vouchersCountAsEarnings(organisationId)]);
      return benefitsHeadroom({ benefits, limits: allLimits, vouchersCountAsEarnings: vouchers, proposal, earnedSoFar });
    },
  };
}

export type RewardsService = ReturnType<typeof makeRewardsService>;
