import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { CheckOutcome, CommissioningChecksTable, CommissioningCommitmentsTable } from '../../db/schema/commissioning.ts';
import type { Page } from '../../platform/pagination.ts';

// After the contract: a round's commitments and the checks of them made in the organisation's
// reviews. Every query names the organisation; figures are counted by the database.

/** A round has a handful of commitments (one per co-production criterion). */
const commitmentLimit = 50;

export async function commitments(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_commitments')
    .select(['id', 'criterion_id', 'promise', 'position'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .orderBy('position')
    .limit(commitmentLimit)
    .execute();
}

export async function hasChecks(db: Executor, organisationId: string, roundId: string) {
  const row = await db
    .selectFrom('commissioning_checks')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export async function replaceCommitments(
  db: Executor,
  organisationId: string,
  roundId: string,
  rows: Insertable<CommissioningCommitmentsTable>[],
) {
  await db.deleteFrom('commissioning_commitments').where('organisation_id', '=', organisationId).where('round_id', '=', roundId).execute();
  if (rows.length) await db.insertInto('commissioning_commitments').values(rows).execute();
}

/** One person's checks in one review: answering again replaces them. */
export async function myChecks(db: Executor, organisationId: string, roundId: string, cycleId: string, personId: string) {
  return db
    .selectFrom('commissioning_checks')
    .select(['commitment_id', 'outcome', 'evidence', 'how', 'recorded_by'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .limit(commitmentLimit)
    .execute();
}

export async function replaceChecks(
  db: Executor,
  organisationId: string,
  roundId: string,
  cycleId: string,
  personId: string,
  rows: Insertable<CommissioningChecksTable>[],
) {
  await db
    .deleteFrom('commissioning_checks')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .execute();
  if (rows.length) await db.insertInto('commissioning_checks').values(rows).execute();
}

/** The review a round was last checked in: the one with the newest check. */
export async function lastCheckedCycle(db: Executor, organisationId: string, roundId: string) {
  const row = await db
    .selectFrom('commissioning_checks')
    .select('cycle_id')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .orderBy('checked_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.cycle_id ?? null;
}

/** How many said done, partly and not for each commitment, in one review: one query. */
export async function outcomeCounts(db: Executor, organisationId: string, roundId: string, cycleId: string) {
  const rows = await db
    .selectFrom('commissioning_checks')
    .select(['commitment_id', 'outcome', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('cycle_id', '=', cycleId)
    .groupBy(['commitment_id', 'outcome'])
    .execute();
  return rows.map((r) => ({ commitmentId: r.commitment_id, outcome: r.outcome, n: Number(r.n) }));
}

/** What people saw, newest first, a page at a time, with the commitment each is about. */
export async function evidencePage(db: Executor, organisationId: string, roundId: string, cycleId: string, page: Page) {
  const base = db
    .selectFrom('commissioning_checks as k')
    .innerJoin('commissioning_commitments as c', (j) =>
      j.onRef('c.id', '=', 'k.commitment_id').on('c.organisation_id', '=', organisationId),
    )
    .where('k.organisation_id', '=', organisationId)
    .where('k.round_id', '=', roundId)
    .where('k.cycle_id', '=', cycleId);
  const [items, total] = await Promise.all([
    base
      .select(['k.id', 'c.promise', 'k.outcome', 'k.evidence', 'k.how', 'k.checked_at'])
      .orderBy('c.position')
      .orderBy('k.checked_at', 'desc')
      .orderBy('k.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * For the self-assessment: the answers given in the organisation's review with the newest
 * check, by outcome, across every service checked in it. Two queries, whatever the size.
 */
export async function newestReviewCheckCounts(db: Executor, organisationId: string) {
  const newest = await db
    .selectFrom('commissioning_checks')
    .select('cycle_id')
    .where('organisation_id', '=', organisationId)
    .orderBy('checked_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return null;
  const rows = await db
    .selectFrom('commissioning_checks')
    .select(['outcome', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', '=', newest.cycle_id)
    .groupBy('outcome')
    .execute();
  const of = (o: CheckOutcome) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
  return { done: of('done'), partly: of('partly'), not: of('not') };
}
