import { sql, type Insertable, type Updateable } from 'kysely';
import { countNow } from '../../platform/counts.ts';
import type { Executor } from '../../db/connection.ts';
import type { RiskCommentsTable, RiskDecisionAgreementsTable, RiskDecisionsTable, RisksTable } from '../../db/schema/risks.ts';
import type { Page } from '../../platform/pagination.ts';

/**
 * Which risks a list or count covers. 'organisation': the organisation's own log; 'project':
 * one project's; 'all': every log (staff); 'visible': the organisation's and these projects'
 * (a member's); 'mine': these projects' and those this person owns (a facilitator's to-do).
 */
export type Scope =
  | { log: 'organisation' }
  | { log: 'project'; projectId: string }
  | { log: 'all' }
  | { log: 'visible'; projectIds: readonly string[] }
  | { log: 'mine'; personId: string; projectIds: readonly string[] };

/** open: not closed; due: open and past its date to look again (before `today`); closed. */
export type Show = 'open' | 'due' | 'closed';

function scoped(db: Executor, organisationId: string, scope: Scope, show: Show, today: string) {
  let q = db.selectFrom('risks').where('risks.organisation_id', '=', organisationId);
  if (scope.log === 'organisation') q = q.where('risks.project_id', 'is', null);
  if (scope.log === 'project') q = q.where('risks.project_id', '=', scope.projectId);
  if (scope.log === 'visible') {
    const ids = scope.projectIds;
    q = q.where((eb) =>
      ids.length ? eb.or([eb('risks.project_id', 'is', null), eb('risks.project_id', 'in', ids)]) : eb('risks.project_id', 'is', null),
    );
  }
  if (scope.log === 'mine') {
    const { personId, projectIds } = scope;
    q = q.where((eb) =>
      eb.or([eb('risks.owner_person_id', '=', personId), ...(projectIds.length ? [eb('risks.project_id', 'in', projectIds)] : [])]),
    );
  }
  q = q.where('risks.closed_at', show === 'closed' ? 'is not' : 'is', null);
  if (show === 'due') q = q.where('risks.review_on', '<', today);
  return q;
}

export async function risksPage(db: Executor, organisationId: string, scope: Scope, show: Show, today: string, page: Page) {
  const order = show === 'closed' ? 'risks.closed_at' : 'risks.review_on';
  const direction = show === 'closed' ? 'desc' : 'asc';
  // The page of risks is chosen from the risks' own index before projects are joined: joined
  // first, PostgreSQL read every open risk and project of a county to sort them (2.4 ms).
  const ids = scoped(db, organisationId, scope, show, today)
    .select('risks.id')
    .orderBy(order, direction)
    .orderBy('risks.id')
    .limit(page.limit)
    .offset(page.offset);
  return db
    .selectFrom('risks')
    .where('risks.organisation_id', '=', organisationId)
    .where('risks.id', 'in', ids)
    .leftJoin('projects', (j) =>
      j.onRef('projects.id', '=', 'risks.project_id').onRef('projects.organisation_id', '=', 'risks.organisation_id'),
    )
    .select([
      'risks.id',
      'risks.project_id',
      'projects.title as project_title',
      'risks.title',
      'risks.likelihood',
      'risks.severity',
      'risks.owner_person_id',
      'risks.review_on',
      'risks.closed_at',
    ])
    .orderBy(order, direction)
    .orderBy('risks.id')
    .execute();
}

export async function countRisks(db: Executor, organisationId: string, scope: Scope, show: Show, today: string) {
  return countNow(db, risksCount(db, organisationId, scope, show, today));
}

/** The count above, to be asked with others (platform/counts.ts). */
export const risksCount = (db: Executor, organisationId: string, scope: Scope, show: Show, today: string) =>
  scoped(db, organisationId, scope, show, today).select((eb) => eb.fn.countAll<number>().as('n'));

export async function risk(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('risks').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function insertRisk(db: Executor, row: Insertable<RisksTable>) {
  await db.insertInto('risks').values(row).execute();
}

export async function updateRisk(db: Executor, organisationId: string, id: string, change: Updateable<RisksTable>) {
  const result = await db
    .updateTable('risks')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertComment(db: Executor, row: Insertable<RiskCommentsTable>) {
  await db.insertInto('risk_comments').values(row).execute();
}

/** The conversation about a risk, oldest first, one page. */
export async function commentsPage(db: Executor, organisationId: string, riskId: string, page: Page) {
  return db
    .selectFrom('risk_comments')
    .select(['id', 'person_id', 'kind', 'body', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('risk_id', '=', riskId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countComments(db: Executor, organisationId: string, riskId: string) {
  const row = await db
    .selectFrom('risk_comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('risk_id', '=', riskId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDecision(db: Executor, row: Insertable<RiskDecisionsTable>) {
  await db.insertInto('risk_decisions').values(row).execute();
}

/** The newest decisions about a risk, and how many there are. */
export async function decisions(db: Executor, organisationId: string, riskId: string, limit: number) {
  return db
    .selectFrom('risk_decisions')
    .select(['id', 'decided_on', 'what', 'why', 'recorded_by'])
    .where('organisation_id', '=', organisationId)
    .where('risk_id', '=', riskId)
    .orderBy('decided_on', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countDecisions(db: Executor, organisationId: string, riskId: string) {
  const row = await db
    .selectFrom('risk_decisions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('risk_id', '=', riskId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function decision(db: Executor, organisationId: string, riskId: string, id: string) {
  return db
    .selectFrom('risk_decisions')
    .select(['id'])
    .where('organisation_id', '=', organisationId)
    .where('risk_id', '=', riskId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Who agreed to these decisions, for the decisions on one page. */
/**
 * Who agreed to each decision: the first `shown` of each (a decision made at a big meeting
 * can have hundreds), how many in all, and whether this person did.
 */
export async function agreements(db: Executor, organisationId: string, decisionIds: readonly string[], shown: number, personId: string) {
  if (!decisionIds.length) return { first: [], totals: new Map<string, number>(), mine: new Set<string>() };
  const ofTheseDecisions = db
    .selectFrom('risk_decision_agreements')
    .where('organisation_id', '=', organisationId)
    .where('decision_id', 'in', decisionIds);
  const [first, totals, mine] = await Promise.all([
    db
      .selectFrom(
        ofTheseDecisions
          .select(['decision_id', 'person_id', 'agreed_on'])
          .select((eb) =>
            eb.fn
              .agg<number>('row_number')
              .over((ob) => ob.partitionBy('decision_id').orderBy('agreed_on').orderBy('person_id'))
              .as('n'),
          )
          .as('a'),
      )
      .select(['a.decision_id', 'a.person_id', 'a.agreed_on'])
      .where('a.n', '<=', shown)
      .orderBy('a.agreed_on')
      .orderBy('a.person_id')
      .execute(),
    ofTheseDecisions
      .select(['decision_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('decision_id')
      .execute(),
    ofTheseDecisions.select('decision_id').where('person_id', '=', personId).execute(),
  ]);
  return {
    first,
    totals: new Map(totals.map((r) => [r.decision_id, Number(r.n)])),
    mine: new Set(mine.map((r) => r.decision_id)),
  };
}

/** Adds agreements; someone who had already agreed keeps their first date. */
export async function insertAgreements(db: Executor, rows: Array<Insertable<RiskDecisionAgreementsTable>>) {
  if (!rows.length) return;
  await db
    .insertInto('risk_decision_agreements')
    .values(rows)
    .onConflict((oc) => oc.columns(['decision_id', 'person_id']).doNothing())
    .execute();
}

/** For the self-assessment: open risks, and how many of them are not past their date. */
export async function onTimeCounts(db: Executor, organisationId: string, today: string) {
  const row = await db
    .selectFrom('risks')
    .select((eb) => [
      eb.fn.countAll().as('open'),
      eb.fn.sum<number | string | null>(sql`case when review_on >= ${today} then 1 else 0 end`).as('onTime'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), onTime: Number(row.onTime ?? 0) };
}

export async function countDecisionsSince(db: Executor, organisationId: string, since: string) {
  const row = await db
    .selectFrom('risk_decisions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('decided_on', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
