// After the contract (issue 23): did the provider do what its bid said? Staff turn the winning
// bid's co-production promises into commitments; in the organisation's review, members and
// staff say for each whether it was done, partly or not, with what they saw. The findings show
// on the service's page and on the next round of the same service.
import type { Db } from '../../db/connection.ts';
import type { CheckHow, CheckOutcome } from '../../db/schema/commissioning.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReviewService } from '../reviews/service.ts';
import * as repo from './follow-up-repository.ts';
import * as roundsRepo from './repository.ts';
import { checkOutcomes, checkProblem, commitmentsFrom, findingOf } from './provider-check.ts';
import type { CommissioningService } from './service.ts';

type RoundView = Awaited<ReturnType<CommissioningService['view']>>;
export type CheckEntry = { commitmentId: string; outcome: CheckOutcome; evidence: string };

export function makeProviderCheckService({
  db,
  now,
  commissioning,
  reviews,
  people,
}: {
  db: Db;
  now: Clock;
  commissioning: Pick<CommissioningService, 'view'>;
  reviews: Pick<ReviewService, 'openOrganisationReviews' | 'load'>;
  people: Pick<PeopleService, 'summaries'>;
}) {
  const audit = (
    executor: Parameters<typeof writeAudit>[0],
    actor: RoleActor,
    roundId: string,
    action: string,
    onBehalfOf: string | null = null,
  ) =>
    writeAudit(executor, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      onBehalfOfPersonId: onBehalfOf,
      subjectType: 'commissioning',
      subjectId: roundId,
      action,
      changes: [],
      at: now(),
    });

  type Commitments = ReturnType<typeof repo.commitments>;

  /** What one review found for each commitment, counted by the database. `listed`: the round's commitments, when already asked for. */
  async function findingsIn(organisationId: string, roundId: string, cycleId: string, listed?: Commitments) {
    const [commitments, counts, cycle] = await Promise.all([
      listed ?? repo.commitments(db, organisationId, roundId),
      repo.outcomeCounts(db, organisationId, roundId, cycleId),
      reviews.load(organisationId, cycleId),
    ]);
    return {
      review: { id: cycle.id, title: cycle.title },
      commitments: commitments.map((c) => {
        const of = Object.fromEntries(
          checkOutcomes.map((o) => [o, counts.find((n) => n.commitmentId === c.id && n.outcome === o)?.n ?? 0]),
        ) as Record<CheckOutcome, number>;
        return { id: c.id, promise: c.promise, counts: of, finding: findingOf(of) };
      }),
    };
  }

  /** The latest findings for a round, or null before its first check. */
  async function lastFindings(organisationId: string, roundId: string, listed?: Commitments) {
    const cycleId = await repo.lastCheckedCycle(db, organisationId, roundId);
    return cycleId ? findingsIn(organisationId, roundId, cycleId, listed) : null;
  }

  async function followUpOf(actor: RoleActor, view: RoundView) {
    const roundId = view.round.id;
    const listed = repo.commitments(db, actor.organisationId, roundId);
    const [commitments, findings, review] = await Promise.all([
      listed,
      lastFindings(actor.organisationId, roundId, listed),
      reviewOpenNow(actor.organisationId),
    ]);
    // Findings come from checks, so there are findings exactly when someone has checked.
    const hasChecks = findings !== null;
    const winner = view.results?.options.find((o) => o.rank === 1)?.bidder ?? null;
    return {
      round: view.round,
      staff: view.staff,
      winner,
      criteria: view.criteria.filter((c) => c.fromPolicy),
      commitments: commitments.map((c) => ({ id: c.id, criterionId: c.criterion_id, promise: c.promise })),
      commitmentsFixed: hasChecks,
      findings,
      review: review ? { id: review.id, title: review.title, closesOn: review.closesOn } : null,
    };
  }

  async function reviewOpenNow(organisationId: string) {
    return (await reviews.openOrganisationReviews(organisationId))[0] ?? null;
  }

  return {
    lastFindings,

    /**
     * What a round's page shows after the contract (its commitments and their latest findings)
     * and, for the next round of a service, what the last check of the earlier round found.
     */
    async forRoundPage(actor: RoleActor, view: RoundView) {
      const earlierId = view.round.followsRoundId;
      // Asked together: none of these waits for another.
      const [followUp, earlier, earlierFindings] = await Promise.all([
        view.round.stage === 'published' ? followUpOf(actor, view) : null,
        earlierId ? roundsRepo.round(db, actor.organisationId, earlierId) : null,
        earlierId ? lastFindings(actor.organisationId, earlierId) : null,
      ]);
      return { followUp, earlier: earlier ? { id: earlier.id, title: earlier.title, findings: earlierFindings } : null };
    },

    /** Everything the service's follow-up page shows: the winner, the commitments, the latest findings, and the review open now. */
    async followUp(actor: RoleActor, roundId: string) {
      const view = await commissioning.view(actor, roundId);
      if (view.round.stage !== 'published') throw new NotFound();
      return followUpOf(actor, view);
    },

    /** Staff write what the winning bid promised for each co-production criterion; fixed once anyone has checked them. */
    async setCommitments(actor: RoleActor, roundId: string, promises: Record<string, string>) {
      if (!isStaff(actor)) throw new Forbidden();
      const view = await commissioning.view(actor, roundId);
      if (view.round.stage !== 'published') throw new Conflict('commissioning:errors.notPublished');
      const made = commitmentsFrom(view.criteria, promises);
      await db.transaction().execute(async (trx) => {
        if (await repo.hasChecks(trx, actor.organisationId, roundId)) throw new Conflict('provider-checks:errors.commitmentsChecked');
        const at = now().toISOString();
        await repo.replaceCommitments(
          trx,
          actor.organisationId,
          roundId,
          made.map((m, i) => ({
            id: newId(),
            organisation_id: actor.organisationId,
            round_id: roundId,
            criterion_id: m.criterionId,
            promise: m.promise,
            position: i,
            created_by: actor.personId,
            created_at: at,
          })),
        );
        await audit(trx, actor, roundId, 'commitments-written');
      });
      return made.length;
    },

    /** One person's checks in the review open now, to show on the check form. */
    async checksOf(actor: RoleActor, roundId: string, personId: string) {
      const review = await reviewOpenNow(actor.organisationId);
      if (!review) return [];
      const rows = await repo.myChecks(db, actor.organisationId, roundId, review.id, personId);
      return rows.map((r) => ({ commitmentId: r.commitment_id, outcome: r.outcome, evidence: r.evidence }));
    },

    /**
     * Keeps one person's check of every commitment, in the organisation's review open now.
     * A member checks for themself; staff also write down a check someone told them about.
     */
    async saveChecks(actor: RoleActor, roundId: string, input: { personId: string; how: CheckHow; entries: CheckEntry[] }) {
      if (input.personId !== actor.personId && !isStaff(actor)) throw new Forbidden();
      if (input.personId !== actor.personId && (await people.summaries(actor.organisationId, [input.personId])).length === 0)
        throw new NotFound();
      const view = await commissioning.view(actor, roundId);
      const [commitments, review] = await Promise.all([
        repo.commitments(db, actor.organisationId, roundId),
        reviewOpenNow(actor.organisationId),
      ]);
      const problem = checkProblem({
        published: view.round.stage === 'published',
        commitments: commitments.length,
        reviewOpen: Boolean(review),
      });
      if (problem) throw new Conflict(`provider-checks:errors.check.${problem}`);
      if (input.entries.some((e) => !commitments.some((c) => c.id === e.commitmentId))) throw new NotFound();
      const at = now().toISOString();
      const recordedBy = input.personId === actor.personId ? null : actor.personId;
      await db.transaction().execute(async (trx) => {
        await repo.replaceChecks(
          trx,
          actor.organisationId,
          roundId,
          review!.id,
          input.personId,
          input.entries.map((e) => ({
            id: newId(),
            organisation_id: actor.organisationId,
            round_id: roundId,
            commitment_id: e.commitmentId,
            cycle_id: review!.id,
            person_id: input.personId,
            outcome: e.outcome,
            evidence: e.evidence,
            how: input.how,
            recorded_by: recordedBy,
            checked_at: at,
          })),
        );
        await audit(trx, actor, roundId, 'provider-checked', recordedBy ? input.personId : null);
      });
    },

    /** What people saw, in the review the round was last checked in (or the one asked for), a page at a time. */
    async evidence(actor: RoleActor, roundId: string, page: Page) {
      // Asked together: the review is found by the round alone, and shown only if the round may be seen.
      const [view, cycleId] = await Promise.all([
        commissioning.view(actor, roundId),
        repo.lastCheckedCycle(db, actor.organisationId, roundId),
      ]);
      if (view.round.stage !== 'published') throw new NotFound();
      if (!cycleId) return { round: view.round, review: null, items: [], total: 0 };
      const [cycle, list] = await Promise.all([
        reviews.load(actor.organisationId, cycleId),
        repo.evidencePage(db, actor.organisationId, roundId, cycleId, page),
      ]);
      return { round: view.round, review: { id: cycle.id, title: cycle.title }, ...list };
    },
  };
}

export type ProviderCheckService = ReturnType<typeof makeProviderCheckService>;
