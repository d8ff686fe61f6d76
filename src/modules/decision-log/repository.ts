import type { Insertable } from 'kysely';
import type { DecisionActionsTable, DecisionRecordsTable } from '../../db/schema/decision-log.ts';
import type { Executor } from '../../db/connection.ts';

// Every query names the organisation: one organisation never reaches another's decisions.

function recordsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('decision_records as d')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'd.project_id').onRef('p.organisation_id', '=', 'd.organisation_id'))
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'd.recorded_by').onRef('r.organisation_id', '=', 'd.organisation_id'))
    .leftJoin('meetings as m', (j) => j.onRef('m.id', '=', 'd.meeting_id').onRef('m.organisation_id', '=', 'd.organisation_id'))
    .selectAll('d')
    .select(['p.title as project_title', 'r.full_name as recorder_name', 'm.title as meeting_title', 'm.starts_at as meeting_starts_at'])
    .where('d.organisation_id', '=', organisationId);
}

export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['execute']>>[number];

export async function findRecord(db: Executor, organisationId: string, projectId: string, id: string): Promise<RecordRow | undefined> {
  return recordsQuery(db, organisationId).where('d.project_id', '=', projectId).where('d.id', '=', id).executeTakeFirst();
}

/**
 * Whose projects: a list, every project a person is a member of, or all the organisation's
 * (staff). A county has thousands of projects: those are never read out to be sent back in.
 */
export type RecordFilter = { projectIds: readonly string[] | { memberOf: string } | 'all'; decidedFrom?: string };

const ids = (filter: RecordFilter) => (Array.isArray(filter.projectIds) ? filter.projectIds : null);
const memberOf = (filter: RecordFilter) =>
  typeof filter.projectIds === 'object' && 'memberOf' in filter.projectIds ? filter.projectIds.memberOf : null;
const projectsOfMember = (db: Executor, organisationId: string, personId: string) =>
  db.selectFrom('project_members').select('project_id').where('organisation_id', '=', organisationId).where('person_id', '=', personId);

/**
 * Newest decision first; the same day, the one recorded last first; the id settles ties,
 * so no decision is on two pages.
 */
export async function listRecords(
  db: Executor,
  organisationId: string,
  filter: RecordFilter,
  page: { limit: number; offset: number },
): Promise<RecordRow[]> {
  const list = ids(filter);
  const member = memberOf(filter);
  if (list?.length === 0) return [];
  return recordsQuery(db, organisationId)
    .$if(list !== null, (q) => q.where('d.project_id', 'in', list!))
    .$if(member !== null, (q) => q.where('d.project_id', 'in', projectsOfMember(db, organisationId, member!)))
    .$if(Boolean(filter.decidedFrom), (q) => q.where('d.decided_on', '>=', filter.decidedFrom!))
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.recorded_at', 'desc')
    .orderBy('d.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countRecords(db: Executor, organisationId: string, filter: RecordFilter): Promise<number> {
  const list = ids(filter);
  const member = memberOf(filter);
  if (list?.length === 0) return 0;
  const row = await db
    .selectFrom('decision_records as d')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('d.organisation_id', '=', organisationId)
    .$if(list !== null, (q) => q.where('d.project_id', 'in', list!))
    .$if(member !== null, (q) => q.where('d.project_id', 'in', projectsOfMember(db, organisationId, member!)))
    .$if(Boolean(filter.decidedFrom), (q) => q.where('d.decided_on', '>=', filter.decidedFrom!))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The record made from a proposal's vote, if there is one (one at most: a unique index). */
export async function recordIdOfProposal(db: Executor, organisationId: string, projectId: string, proposalId: string) {
  const row = await db
    .selectFrom('decision_records')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function proposalRecorded(db: Executor, organisationId: string, proposalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('decision_records')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Inserts the record, or nothing when its proposal already has one. True when it was added. */
export async function insertRecord(db: Executor, row: Insertable<DecisionRecordsTable>): Promise<boolean> {
  const result = await db
    .insertInto('decision_records')
    .values(row)
    // A failed insert would abort the caller's transaction on PostgreSQL: let the database skip it.
    .onConflict((oc) => oc.columns(['organisation_id', 'proposal_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function markSent(db: Executor, organisationId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('decision_records')
    .set({ sent_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

export async function notesFor(db: Executor, organisationId: string, decisionIds: readonly string[]) {
  if (decisionIds.length === 0) return [];
  return db
    .selectFrom('decision_notes as n')
    .leftJoin('people as a', (j) => j.onRef('a.id', '=', 'n.added_by').onRef('a.organisation_id', '=', 'n.organisation_id'))
    .select(['n.id', 'n.decision_id', 'n.text', 'n.added_at', 'a.full_name as added_by_name'])
    .where('n.organisation_id', '=', organisationId)
    .where('n.decision_id', 'in', decisionIds)
    .orderBy('n.added_at')
    .orderBy('n.id')
    .execute();
}

export async function insertNote(
  db: Executor,
  row: { id: string; organisation_id: string; decision_id: string; text: string; added_at: string; added_by: string | null },
): Promise<void> {
  await db.insertInto('decision_notes').values(row).execute();
}

function actionsQuery(db: Executor, organisationId: string) {
  return db
    .selectFrom('decision_actions as a')
    .innerJoin('people as o', (j) => j.onRef('o.id', '=', 'a.owner_person_id').onRef('o.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select(['o.full_name as owner_full_name', 'o.preferred_name as owner_preferred_name'])
    .where('a.organisation_id', '=', organisationId);
}

export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['execute']>>[number];

export async function actionsFor(db: Executor, organisationId: string, decisionIds: readonly string[]): Promise<ActionRow[]> {
  if (decisionIds.length === 0) return [];
  return actionsQuery(db, organisationId)
    .where('a.decision_id', 'in', decisionIds)
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAction(db: Executor, row: Insertable<DecisionActionsTable>): Promise<void> {
  await db.insertInto('decision_actions').values(row).execute();
}

/**
 * Moves an action on, only if it is not done yet: two clicks at once cannot both finish it.
 * True when it changed.
 */
export async function updateActionProgress(
  db: Executor,
  organisationId: string,
  id: string,
  change: Pick<DecisionActionsTable, 'status' | 'updated_at' | 'updated_by'> & { what_we_did: string | null; done_on: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('decision_actions')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '!=', 'done')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function memberIds(db: Executor, organisationId: string, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_members')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .execute();
  return rows.map((r) => r.person_id);
}

export async function projectTitle(db: Executor, organisationId: string, projectId: string): Promise<string | null> {
  const row = await db
    .selectFrom('projects')
    .select('title')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .executeTakeFirst();
  return row?.title ?? null;
}

export async function meetingOfProject(db: Executor, organisationId: string, projectId: string, meetingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('meetings')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('id', '=', meetingId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function meetingsOfProject(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at', 'desc')
    .execute();
}
