import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type {
  CommissioningBidsTable,
  CommissioningCriteriaTable,
  CommissioningModerationTable,
  CommissioningPoliciesTable,
  CommissioningRoundsTable,
  PanelHow,
  RoundStage,
} from '../../db/schema/commissioning.ts';
import type { Page } from '../../platform/pagination.ts';

/** A round has a handful of bids, criteria and panel members; these bound its lists all the same. */
const roundLimit = 200;

// The policy ---------------------------------------------------------------------------

export async function latestPolicy(db: Executor, organisationId: string) {
  return db
    .selectFrom('commissioning_policies')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function policyVersion(db: Executor, organisationId: string, version: number) {
  return db
    .selectFrom('commissioning_policies')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function policyVersions(db: Executor, organisationId: string, page: Page) {
  const base = db.selectFrom('commissioning_policies').where('organisation_id', '=', organisationId);
  const [items, total] = await Promise.all([
    base.select(['version', 'created_at', 'written_with']).orderBy('version', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertPolicy(db: Executor, row: Insertable<CommissioningPoliciesTable>) {
  await db.insertInto('commissioning_policies').values(row).execute();
}

// Rounds -------------------------------------------------------------------------------

/** Staff see every round; a member sees the rounds they are on and those published. */
export async function roundsPage(db: Executor, organisationId: string, page: Page, memberId: string | null) {
  let base = db.selectFrom('commissioning_rounds as r').where('r.organisation_id', '=', organisationId);
  if (memberId)
    base = base.where((eb) =>
      eb.or([
        eb('r.stage', '=', 'published'),
        eb(
          'r.id',
          'in',
          eb
            .selectFrom('commissioning_panel')
            .select('round_id')
            .where('organisation_id', '=', organisationId)
            .where('person_id', '=', memberId),
        ),
      ]),
    );
  const [items, total] = await Promise.all([
    base
      .select(['r.id', 'r.title', 'r.kind', 'r.stage', 'r.decision_due_on', 'r.created_at'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function round(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('commissioning_rounds')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRound(db: Executor, row: Insertable<CommissioningRoundsTable>) {
  await db.insertInto('commissioning_rounds').values(row).execute();
}

/** Moves a round on only from the stage it was seen in: two people pressing at once move it once. */
export async function moveStage(
  db: Executor,
  organisationId: string,
  id: string,
  from: RoundStage,
  to: RoundStage,
  publishedAt: string | null,
) {
  const r = await db
    .updateTable('commissioning_rounds')
    .set({ stage: to, ...(publishedAt ? { published_at: publishedAt } : {}) })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('stage', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function updateRound(
  db: Executor,
  organisationId: string,
  id: string,
  change: Partial<Pick<CommissioningRoundsTable, 'summary' | 'decision_id' | 'provider_group_id'>>,
) {
  await db.updateTable('commissioning_rounds').set(change).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

// Criteria and bids ----------------------------------------------------------------------

export async function criteria(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_criteria')
    .select(['id', 'name', 'weight', 'from_policy', 'position'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .orderBy('position')
    .limit(roundLimit)
    .execute();
}

export async function insertCriteria(db: Executor, rows: Insertable<CommissioningCriteriaTable>[]) {
  if (rows.length) await db.insertInto('commissioning_criteria').values(rows).execute();
}

export async function removeCriterion(db: Executor, organisationId: string, roundId: string, id: string) {
  const r = await db
    .deleteFrom('commissioning_criteria')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function bids(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_bids')
    .select(['id', 'bidder', 'summary', 'easy_read_summary', 'file_name', 'media_type', 'size_bytes', 'stored_name'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .orderBy('added_at')
    .orderBy('id')
    .limit(roundLimit)
    .execute();
}

export async function insertBid(db: Executor, row: Insertable<CommissioningBidsTable>) {
  await db.insertInto('commissioning_bids').values(row).execute();
}

/** Writes, changes or clears (null) a bid's easy read summary; false when the round has no such bid. */
export async function setEasyReadSummary(db: Executor, organisationId: string, roundId: string, bidId: string, text: string | null) {
  const r = await db
    .updateTable('commissioning_bids')
    .set({ easy_read_summary: text })
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('id', '=', bidId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// The panel ------------------------------------------------------------------------------

export async function panel(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_panel')
    .select(['person_id', 'declared_at', 'agreed_at'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .orderBy('added_at')
    .orderBy('person_id')
    .limit(roundLimit)
    .execute();
}

export async function addToPanel(db: Executor, organisationId: string, roundId: string, personId: string, at: string) {
  const r = await db
    .insertInto('commissioning_panel')
    .values({ organisation_id: organisationId, round_id: roundId, person_id: personId, added_at: at, declared_at: null, agreed_at: null })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Off the panel: their declarations and their scores given alone go too, so no one is waited for. */
export async function removeFromPanel(db: Executor, organisationId: string, roundId: string, personId: string) {
  for (const table of ['commissioning_conflicts', 'commissioning_scores'] as const)
    await db
      .deleteFrom(table)
      .where('organisation_id', '=', organisationId)
      .where('round_id', '=', roundId)
      .where('person_id', '=', personId)
      .execute();
  const r = await db
    .deleteFrom('commissioning_panel')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function setDeclared(
  db: Executor,
  organisationId: string,
  roundId: string,
  personId: string,
  at: string,
  by: { how: PanelHow; recordedBy: string | null } | null = null,
) {
  await db
    .updateTable('commissioning_panel')
    .set({ declared_at: at, declared_how: by?.how ?? null, declared_by: by?.recordedBy ?? null })
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .execute();
}

export async function setAgreed(db: Executor, organisationId: string, roundId: string, personId: string | null, at: string | null) {
  let q = db
    .updateTable('commissioning_panel')
    .set({ agreed_at: at })
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId);
  if (personId) q = q.where('person_id', '=', personId);
  await q.execute();
}

export async function conflicts(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_conflicts')
    .select(['bid_id', 'person_id', 'reason'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .limit(roundLimit * 10)
    .execute();
}

export async function replaceConflicts(
  db: Executor,
  organisationId: string,
  roundId: string,
  personId: string,
  rows: Array<{ bidId: string; reason: string }>,
  at: string,
) {
  await db
    .deleteFrom('commissioning_conflicts')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .execute();
  if (rows.length)
    await db
      .insertInto('commissioning_conflicts')
      .values(
        rows.map((r) => ({
          organisation_id: organisationId,
          round_id: roundId,
          bid_id: r.bidId,
          person_id: personId,
          reason: r.reason,
          declared_at: at,
        })),
      )
      .execute();
}

// Scores --------------------------------------------------------------------------------

/** Every score given alone in a round: panel x bids x criteria, a few hundred rows at most. */
export async function scores(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_scores')
    .select(['bid_id', 'criterion_id', 'person_id', 'score'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .limit(roundLimit * 50)
    .execute();
}

export async function saveScores(
  db: Executor,
  organisationId: string,
  roundId: string,
  bidId: string,
  personId: string,
  entries: Array<{ criterionId: string; score: number }>,
  at: string,
  by: { how: PanelHow; recordedBy: string | null } | null = null,
) {
  const how = by?.how ?? null;
  const recordedBy = by?.recordedBy ?? null;
  for (const e of entries)
    await db
      .insertInto('commissioning_scores')
      .values({
        organisation_id: organisationId,
        round_id: roundId,
        bid_id: bidId,
        criterion_id: e.criterionId,
        person_id: personId,
        score: e.score,
        scored_at: at,
        how,
        recorded_by: recordedBy,
      })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'bid_id', 'criterion_id', 'person_id'])
          .doUpdateSet({ score: e.score, scored_at: at, how, recorded_by: recordedBy }),
      )
      .execute();
}

export async function agreed(db: Executor, organisationId: string, roundId: string) {
  return db
    .selectFrom('commissioning_agreed')
    .select(['bid_id', 'criterion_id', 'score'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .limit(roundLimit * 10)
    .execute();
}

export async function saveAgreed(
  db: Executor,
  organisationId: string,
  roundId: string,
  bidId: string,
  criterionId: string,
  score: number,
  at: string,
) {
  await db
    .insertInto('commissioning_agreed')
    .values({ organisation_id: organisationId, round_id: roundId, bid_id: bidId, criterion_id: criterionId, score, agreed_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'bid_id', 'criterion_id']).doUpdateSet({ score, agreed_at: at }))
    .execute();
}

export async function insertModeration(db: Executor, row: Insertable<CommissioningModerationTable>) {
  await db.insertInto('commissioning_moderation').values(row).execute();
}

export async function moderationPage(db: Executor, organisationId: string, roundId: string, page: Page) {
  const base = db
    .selectFrom('commissioning_moderation as m')
    .innerJoin('commissioning_bids as b', (j) => j.onRef('b.id', '=', 'm.bid_id').on('b.organisation_id', '=', organisationId))
    .innerJoin('commissioning_criteria as c', (j) => j.onRef('c.id', '=', 'm.criterion_id').on('c.organisation_id', '=', organisationId))
    .where('m.organisation_id', '=', organisationId)
    .where('m.round_id', '=', roundId);
  const [items, total] = await Promise.all([
    base
      .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'm.recorded_by').on('p.organisation_id', '=', organisationId))
      .select([
        'm.id',
        'b.bidder',
        'c.name as criterion',
        'm.before',
        'm.score',
        'm.reason',
        'm.recorded_at',
        'p.full_name',
        'p.preferred_name',
      ])
      .orderBy('m.recorded_at', 'desc')
      .orderBy('m.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// Evidence for the self-assessment ----------------------------------------------------------

/** Rounds by stage, and how many of them had people with lived experience on the panel. */
export async function evidenceCounts(db: Executor, organisationId: string, livedExperience: readonly string[]) {
  const [byStage, withLived, policy] = await Promise.all([
    db
      .selectFrom('commissioning_rounds')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisation_id', '=', organisationId)
      .groupBy('stage')
      .execute(),
    db
      .selectFrom('commissioning_rounds as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.organisation_id', '=', organisationId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('commissioning_panel as p')
            .innerJoin('person_perspectives as pp', (j) =>
              j.onRef('pp.person_id', '=', 'p.person_id').on('pp.organisation_id', '=', organisationId),
            )
            .select('p.person_id')
            .where('p.organisation_id', '=', organisationId)
            .whereRef('p.round_id', '=', 'r.id')
            .where('pp.perspective', 'in', [...livedExperience]),
        ),
      )
      .executeTakeFirstOrThrow(),
    latestPolicy(db, organisationId),
  ]);
  return { byStage: byStage.map((s) => ({ stage: s.stage, n: Number(s.n) })), withLived: Number(withLived.n), policy };
}
