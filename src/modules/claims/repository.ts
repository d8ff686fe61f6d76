import { sql, type Expression, type ExpressionBuilder, type Insertable, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ClaimReceiptsTable, ClaimsTable, ClaimStatus, ProjectSpendTable } from '../../db/schema/claims.ts';
import { toClaim, type Claim } from './claim.ts';
import type { MoneyTotals as FinanceTotals } from './totals.ts';
import { moneyWays } from './vocabulary.ts';
import type { Executor } from '../../db/connection.ts';
import type { SourceBound } from '../../platform/history-window.ts';

// Every query names the organisation: one organisation never reaches another's claims.

function claimsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('claims as c')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'c.person_id').onRef('p.organisation_id', '=', 'c.organisation_id'))
    .leftJoin('people as a', (j) => j.onRef('a.id', '=', 'c.approved_by').onRef('a.organisation_id', '=', 'c.organisation_id'))
    .selectAll('c')
    .select(['p.full_name', 'p.preferred_name', 'a.full_name as approver_name'])
    .where('c.organisation_id', '=', organisationId);
}

type Joined = Awaited<ReturnType<ReturnType<typeof claimsQuery>['execute']>>[number];
const claimOf = (r: Joined): Claim => toClaim({ ...r, person_name: r.preferred_name || r.full_name });

export async function findClaim(db: Executor, organisationId: string, id: string): Promise<Claim | null> {
  const row = await claimsQuery(db, organisationId).where('c.id', '=', id).executeTakeFirst();
  return row ? claimOf(row) : null;
}

export type ClaimFilter = {
  personId?: string;
  /** Everyone's but this person's (staff do not approve their own claims). */
  notPersonId?: string;
  statuses?: readonly ClaimStatus[];
  meetingId?: string;
  projectId?: string;
  correctsClaimId?: string;
  splitFromClaimId?: string;
  /** The activity or expense date, both ends included. */
  onFrom?: string;
  onTo?: string;
  /** The London date of approval, both ends included. */
  approvedFrom?: string;
  approvedTo?: string;
};

// The filter's conditions on claims (alias c), for the list and for its count alike.
function conditions(filter: ClaimFilter) {
  return (eb: ExpressionBuilder<Database & { c: Database['claims'] }, 'c'>) => {
    const all: Array<Expression<SqlBool>> = [];
    if (filter.personId) all.push(eb('c.person_id', '=', filter.personId));
    if (filter.notPersonId) all.push(eb('c.person_id', '!=', filter.notPersonId));
    if (filter.statuses?.length) all.push(eb('c.status', 'in', filter.statuses));
    if (filter.meetingId) all.push(eb('c.meeting_id', '=', filter.meetingId));
    if (filter.projectId) all.push(eb('c.project_id', '=', filter.projectId));
    if (filter.correctsClaimId) all.push(eb('c.corrects_claim_id', '=', filter.correctsClaimId));
    if (filter.splitFromClaimId) all.push(eb('c.split_from_claim_id', '=', filter.splitFromClaimId));
    if (filter.onFrom) all.push(eb('c.on_date', '>=', filter.onFrom));
    if (filter.onTo) all.push(eb('c.on_date', '<=', filter.onTo));
    if (filter.approvedFrom) all.push(eb('c.approved_on', '>=', filter.approvedFrom));
    if (filter.approvedTo) all.push(eb('c.approved_on', '<=', filter.approvedTo));
    return eb.and(all);
  };
}

/** Claims newest first, a page at a time (the default keeps callers that need a whole set, such as a meeting's claims, whole). */
export async function listClaims(
  db: Executor,
  organisationId: string,
  filter: ClaimFilter = {},
  limit = 2000,
  offset = 0,
): Promise<Claim[]> {
  const rows = await claimsQuery(db, organisationId)
    .where(conditions(filter))
    .orderBy('c.on_date', 'desc')
    .orderBy('p.full_name')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(claimOf);
}

export async function countClaims(db: Executor, organisationId: string, filter: ClaimFilter = {}): Promise<number> {
  // Every claim has its person (a foreign key), so the count needs no join.
  const row = await db
    .selectFrom('claims as c')
    .where('c.organisation_id', '=', organisationId)
    .where(conditions(filter))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function existingReferences(db: Executor, organisationId: string, references: readonly string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .selectFrom('claims')
    .select('reference')
    .where('organisation_id', '=', organisationId)
    .where('reference', 'in', references)
    .execute();
  return new Set(rows.map((r) => r.reference));
}

/**
 * Of these people, those with an approved or paid claim for their time at a meeting (not an
 * expense: paying back a fare is not paying for time). Uses the claims_meeting index.
 */
export async function peopleWithSettledTimeClaim(
  db: Executor,
  organisationId: string,
  meetingId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('claims')
    .select('person_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', 'payment')
    .where('status', 'in', ['approved', 'paid'])
    .where('person_id', 'in', [...personIds])
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** True when the row went in; false when a claim with its reference was already there. */
export async function insertClaimOnce(db: Executor, row: Insertable<ClaimsTable>): Promise<boolean> {
  const result = await db
    .insertInto('claims')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'reference']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Changes a claim only while it is in one of the given states, so two people pressing
 * "approve" at once cannot both succeed, and nothing approved can be changed.
 */
export async function updateClaimIn(
  db: Executor,
  organisationId: string,
  id: string,
  from: readonly ClaimStatus[],
  changes: Updateable<ClaimsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('claims')
    .set(changes)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Money earned (never expenses) that is approved or paid, for the benefits check. Vouchers
 * count only where the organisation has decided they are earnings.
 */
export async function earnedBetween(
  db: Executor,
  organisationId: string,
  personId: string,
  from: string,
  to: string,
  opts: { vouchers: boolean },
): Promise<number> {
  const ways = opts.vouchers ? moneyWays : moneyWays.filter((w) => w !== 'voucher');
  const row = await db
    .selectFrom('claims')
    .select((eb) => eb.fn.sum<number | string | null>('amount_pence').as('total'))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('kind', '=', 'payment')
    .where('way', 'in', ways)
    .where('status', 'in', ['approved', 'paid'])
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

// Receipts ---------------------------------------------------------------------

export async function listReceipts(db: Executor, organisationId: string, claimId: string) {
  return db
    .selectFrom('claim_receipts')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('organisation_id', '=', organisationId)
    .where('claim_id', '=', claimId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function findReceipt(db: Executor, organisationId: string, claimId: string, id: string) {
  return db
    .selectFrom('claim_receipts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('claim_id', '=', claimId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertReceipt(db: Executor, row: ClaimReceiptsTable) {
  await db.insertInto('claim_receipts').values(row).execute();
}

export async function deleteReceipt(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('claim_receipts')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// Budgets ----------------------------------------------------------------------

export async function plannedBudget(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_budgets')
    .select(['category', 'planned_pence'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .execute();
}

export async function setPlanned(db: Executor, row: Database['project_budgets']) {
  await db
    .insertInto('project_budgets')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'category'])
        .doUpdateSet({ planned_pence: row.planned_pence, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/** From and to, YYYY-MM-DD, both days included. */
export type DatePeriod = { from: string; to: string };

export async function listSpend(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_spend')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .orderBy('spent_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertSpend(db: Executor, row: ProjectSpendTable) {
  await db.insertInto('project_spend').values(row).execute();
}

export async function markSpendPaid(db: Executor, organisationId: string, projectId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('project_spend')
    .set({ status: 'paid' })
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .where('status', '=', 'committed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Approved and paid claim money for a project, by kind and state. */
export async function projectClaimTotals(db: Executor, organisationId: string, projectId: string, period?: DatePeriod) {
  let q = db
    .selectFrom('claims')
    .select(['kind', 'status'])
    .select((eb) => eb.fn.sum<number | string | null>('amount_pence').as('total'))
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('status', 'in', ['approved', 'paid'])
    .groupBy(['kind', 'status']);
  // A report for some dates counts the claims for work or costs on those dates.
  if (period) q = q.where('on_date', '>=', period.from).where('on_date', '<=', period.to);
  const rows = await q.execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, totalPence: Number(r.total ?? 0) }));
}

/**
 * What happened to a person's claims nearest a key of their history (platform/history-window.ts):
 * the person's claims by their index, then each claim's lines of the log by subject and time.
 */
export async function claimEventsOfPersonWindow(db: Executor, organisationId: string, personId: string, bound: SourceBound) {
  let q = db
    .selectFrom('audit_log as a')
    .innerJoin('claims as c', (j) => j.onRef('c.id', '=', 'a.subject_id').onRef('c.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('people as actor', (j) =>
      j.onRef('actor.id', '=', 'a.actor_person_id').onRef('actor.organisation_id', '=', 'a.organisation_id'),
    )
    .leftJoin('people as behalf', (j) =>
      j.onRef('behalf.id', '=', 'a.on_behalf_of_person_id').onRef('behalf.organisation_id', '=', 'a.organisation_id'),
    )
    .select([
      'a.id as event_id',
      'a.at',
      'a.action',
      'c.id',
      'c.kind',
      'c.category',
      'c.on_date',
      'c.corrects_claim_id',
      'actor.full_name as actor_name',
      'behalf.full_name as behalf_name',
    ])
    .where('a.organisation_id', '=', organisationId)
    .where('a.subject_type', '=', 'claim')
    .where('c.person_id', '=', personId);
  const { at, id } = bound;
  if (at)
    q = q.where((eb) =>
      id
        ? eb.or([eb('a.at', at.op, at.value), eb.and([eb('a.at', '=', at.value), eb('a.id', id.op, id.value)])])
        : eb('a.at', at.op, at.value),
    );
  return q.orderBy('a.at', bound.order.at).orderBy('a.id', bound.order.id).limit(bound.limit).execute();
}

/** Money approved (or paid) with an approval date in the period, summed by kind and status in the database. */
export async function settledTotals(db: Executor, organisationId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('claims')
    .select((eb) => ['kind', 'status', eb.fn.sum<number>('amount_pence').as('pence')])
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['approved', 'paid'])
    .where('approved_on', '>=', from)
    .where('approved_on', '<=', to)
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, pence: Number(r.pence ?? 0) }));
}

// The finance export --------------------------------------------------------------

// What finance pays, by the rule of totals.ts forFinance: approved or paid, approved on a
// London day of the period, and moving money (time credits and hours volunteered do not).
function paidByFinance(period: DatePeriod) {
  return (eb: ExpressionBuilder<Database & { c: Database['claims'] }, 'c'>) =>
    eb.and([
      conditions({ statuses: ['approved', 'paid'], approvedFrom: period.from, approvedTo: period.to })(eb),
      eb('c.amount_pence', '<>', 0),
    ]);
}

/** The payments, expenses and adjustments finance pays in a period, and how many items, added up by the database. */
export async function financeTotals(db: Executor, organisationId: string, period: DatePeriod): Promise<FinanceTotals> {
  // The kinds of line as itemType tells them: a correction is an adjustment, whatever its kind.
  const sumWhere = (when: RawBuilder<SqlBool>) => sql<number | string | null>`sum(case when ${when} then c.amount_pence else 0 end)`;
  const row = await db
    .selectFrom('claims as c')
    .where('c.organisation_id', '=', organisationId)
    .where(paidByFinance(period))
    .select((eb) => [
      sumWhere(sql<SqlBool>`c.corrects_claim_id is null and c.kind <> 'expense'`).as('payment'),
      sumWhere(sql<SqlBool>`c.corrects_claim_id is null and c.kind = 'expense'`).as('expense'),
      sumWhere(sql<SqlBool>`c.corrects_claim_id is not null`).as('adjustment'),
      eb.fn.sum<number | string | null>('c.amount_pence').as('total'),
      eb.fn.countAll<number | string>().as('count'),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return { payment: n(row.payment), expense: n(row.expense), adjustment: n(row.adjustment), total: n(row.total), count: n(row.count) };
}

/** Where one batch of the finance export ended: the next batch starts just after it. */
export type FinanceKey = { approvedOn: string; nameKey: string; reference: string; id: string };

// The export's order: by the day approved, then the name as the export shows it (preferred,
// else full; lower case, so "de Souza" sorts among the Ds), the reference, and the id.
const nameKey = sql<string>`lower(coalesce(nullif(p.preferred_name, ''), p.full_name))`;

/**
 * What finance pays in a period, in the export's order: a page (offset), or the batch after
 * a key, which the database finds by index however far into a county's year it is.
 */
export async function listFinanceItems(
  db: Executor,
  organisationId: string,
  period: DatePeriod,
  at: { limit: number; offset?: number; after?: FinanceKey | null },
): Promise<{ claims: Claim[]; last: FinanceKey | null }> {
  let query = claimsQuery(db, organisationId).select(nameKey.as('name_key')).where(paidByFinance(period));
  const after = at.after;
  if (after) {
    query = query
      .where('c.approved_on', '>=', after.approvedOn)
      .where((eb) =>
        eb.or([
          eb('c.approved_on', '>', after.approvedOn),
          sql<SqlBool>`(${nameKey}, c.reference, c.id) > (${after.nameKey}, ${after.reference}, ${after.id})`,
        ]),
      );
  }
  const rows = await query
    .orderBy('c.approved_on')
    .orderBy(nameKey)
    .orderBy('c.reference')
    .orderBy('c.id')
    .limit(at.limit)
    .offset(at.offset ?? 0)
    .execute();
  const end = rows.at(-1);
  return {
    claims: rows.map(claimOf),
    last: end ? { approvedOn: end.approved_on ?? '', nameKey: end.name_key, reference: end.reference, id: end.id } : null,
  };
}

export type MoneyTotals = {
  plannedPence: number;
  planRows: number;
  whole: { committedPence: number; paidPence: number };
  inPeriod: { committedPence: number; paidPence: number };
};

/**
 * The budget figures of one project or of every project together, added up by the
 * database: the whole plan, what was agreed (committed) and paid ever and in the period.
 * Claims count when approved (committed) or paid; spending by its own status.
 */
export async function moneyTotals(
  db: Executor,
  organisationId: string,
  projectId: string | undefined,
  period: DatePeriod,
  categories: readonly string[],
): Promise<MoneyTotals> {
  const inPeriod = (column: 'on_date' | 'spent_on', status: string, statusColumn = 'status') =>
    sql<number>`sum(case when ${sql.ref(statusColumn)} = ${status} and ${sql.ref(column)} >= ${period.from} and ${sql.ref(column)} <= ${period.to} then amount_pence else 0 end)`;
  const ever = (status: string) => sql<number>`sum(case when status = ${status} then amount_pence else 0 end)`;
  let plan = db
    .selectFrom('project_budgets')
    .select((eb) => [eb.fn.sum<number>('planned_pence').as('pence'), eb.fn.countAll<number>().as('rows')])
    .where('organisation_id', '=', organisationId)
    .where('category', 'in', categories);
  let claimSums = db
    .selectFrom('claims')
    .select([
      ever('approved').as('committed'),
      ever('paid').as('paid'),
      inPeriod('on_date', 'approved').as('periodCommitted'),
      inPeriod('on_date', 'paid').as('periodPaid'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('project_id', 'is not', null)
    .where('status', 'in', ['approved', 'paid']);
  let spendSums = db
    .selectFrom('project_spend')
    .select([
      ever('committed').as('committed'),
      ever('paid').as('paid'),
      inPeriod('spent_on', 'committed').as('periodCommitted'),
      inPeriod('spent_on', 'paid').as('periodPaid'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('category', 'in', categories);
  if (projectId) {
    plan = plan.where('project_id', '=', projectId);
    claimSums = claimSums.where('project_id', '=', projectId);
    spendSums = spendSums.where('project_id', '=', projectId);
  }
  const [p, c, s] = await Promise.all([plan.executeTakeFirst(), claimSums.executeTakeFirst(), spendSums.executeTakeFirst()]);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    plannedPence: n(p?.pence),
    planRows: n(p?.rows),
    whole: { committedPence: n(c?.committed) + n(s?.committed), paidPence: n(c?.paid) + n(s?.paid) },
    inPeriod: { committedPence: n(c?.periodCommitted) + n(s?.periodCommitted), paidPence: n(c?.periodPaid) + n(s?.periodPaid) },
  };
}
