import type { Insertable, Updateable } from 'kysely';
import type { ImprovementActionsTable, LessonsTable } from '../../db/schema/learning.ts';
import type { Executor } from '../../db/connection.ts';

// Every query names the organisation: one organisation never reaches another's learning.

export type ActionFilter = {
  status?: string;
  openOnly?: boolean;
  projectId?: string;
  code?: string;
  reviewCycleId?: string;
  ownerPersonId?: string;
  /** Due before this day (YYYY-MM-DD): with openOnly, the overdue ones. */
  dueBefore?: string;
  /** Due on or after this day. */
  dueFrom?: string;
  /** Due on or before this day. */
  dueTo?: string;
};

/** The actions a filter picks, without joins: the count and the page share it. */
function filteredActions(db: Executor, organisationId: string, filter: ActionFilter) {
  let q = db.selectFrom('improvement_actions as a').where('a.organisation_id', '=', organisationId);
  if (filter.status) q = q.where('a.status', '=', filter.status as ImprovementActionsTable['status']);
  if (filter.openOnly) q = q.where('a.status', '!=', 'done');
  if (filter.projectId) q = q.where('a.project_id', '=', filter.projectId);
  if (filter.reviewCycleId) q = q.where('a.review_cycle_id', '=', filter.reviewCycleId);
  if (filter.ownerPersonId) q = q.where('a.owner_person_id', '=', filter.ownerPersonId);
  if (filter.dueBefore) q = q.where('a.due_on', '<', filter.dueBefore);
  if (filter.dueFrom) q = q.where('a.due_on', '>=', filter.dueFrom);
  if (filter.dueTo) q = q.where('a.due_on', '<=', filter.dueTo);
  if (filter.code) q = q.where('a.id', 'in', codedIds(db, organisationId, 'action', filter.code));
  return q;
}

/** One page of actions, soonest due first; the id settles ties, so no action is on two pages. */
export async function listActions(db: Executor, organisationId: string, filter: ActionFilter, page: { limit: number; offset: number }) {
  return filteredActions(db, organisationId, filter)
    .innerJoin('people as o', (j) => j.onRef('o.id', '=', 'a.owner_person_id').onRef('o.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'a.project_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select(['o.full_name as owner_full_name', 'o.preferred_name as owner_preferred_name', 'p.title as project_title'])
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countActions(db: Executor, organisationId: string, filter: ActionFilter): Promise<number> {
  const row = await filteredActions(db, organisationId, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

export async function findAction(db: Executor, organisationId: string, id: string): Promise<ActionRow | undefined> {
  const rows = await db
    .selectFrom('improvement_actions as a')
    .innerJoin('people as o', (j) => j.onRef('o.id', '=', 'a.owner_person_id').onRef('o.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'a.project_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select(['o.full_name as owner_full_name', 'o.preferred_name as owner_preferred_name', 'p.title as project_title'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .execute();
  return rows[0];
}

export const insertAction = (db: Executor, row: Insertable<ImprovementActionsTable>) =>
  db.insertInto('improvement_actions').values(row).execute();

export const updateAction = (db: Executor, organisationId: string, id: string, changes: Updateable<ImprovementActionsTable>) =>
  db.updateTable('improvement_actions').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

const codedIds = (db: Executor, organisationId: string, subjectType: 'action' | 'lesson', code: string) =>
  db
    .selectFrom('learning_codes')
    .select('subject_id')
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', subjectType)
    .where('code', '=', code);

export async function codesFor(
  db: Executor,
  organisationId: string,
  subjectType: 'action' | 'lesson',
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('learning_codes')
    .select(['subject_id', 'code'])
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', [...ids])
    .execute();
  for (const r of rows) map.set(r.subject_id, [...(map.get(r.subject_id) ?? []), r.code]);
  return map;
}

export async function setCodes(
  db: Executor,
  organisationId: string,
  subjectType: 'action' | 'lesson',
  subjectId: string,
  codes: readonly string[],
) {
  await db
    .deleteFrom('learning_codes')
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .execute();
  if (codes.length) {
    await db
      .insertInto('learning_codes')
      .values(codes.map((code) => ({ organisation_id: organisationId, subject_type: subjectType, subject_id: subjectId, code })))
      .execute();
  }
}

export type LessonFilter = { code?: string; words?: readonly string[]; projectId?: string; projectIds?: readonly string[] };

/** The lessons a filter picks, without joins: the count and the page share it. */
function filteredLessons(db: Executor, organisationId: string, filter: LessonFilter) {
  let q = db.selectFrom('lessons as l').where('l.organisation_id', '=', organisationId);
  if (filter.projectId) q = q.where('l.project_id', '=', filter.projectId);
  if (filter.projectIds) q = filter.projectIds.length ? q.where('l.project_id', 'in', [...filter.projectIds]) : q.where('l.id', '=', '');
  if (filter.code) q = q.where('l.id', 'in', codedIds(db, organisationId, 'lesson', filter.code));
  // Every word must appear somewhere in the lesson; lower() on both sides, so both
  // databases match without regard to case.
  for (const word of filter.words ?? []) {
    const like = `%${word.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or(
        (['l.title', 'l.worked', 'l.did_not_work', 'l.do_differently'] as const).map((column) =>
          eb(eb.fn('lower', [column]), 'like', like),
        ),
      ),
    );
  }
  return q;
}

/** One page of lessons, newest first. projectIds limits them to those projects (a member's own). */
export async function listLessons(db: Executor, organisationId: string, filter: LessonFilter, page: { limit: number; offset: number }) {
  return filteredLessons(db, organisationId, filter)
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'l.project_id').onRef('p.organisation_id', '=', 'l.organisation_id'))
    .selectAll('l')
    .select('p.title as project_title')
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countLessons(db: Executor, organisationId: string, filter: LessonFilter): Promise<number> {
  const row = await filteredLessons(db, organisationId, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type LessonRow = Awaited<ReturnType<typeof listLessons>>[number];

export async function findLesson(db: Executor, organisationId: string, id: string): Promise<LessonRow | undefined> {
  return db
    .selectFrom('lessons as l')
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'l.project_id').onRef('p.organisation_id', '=', 'l.organisation_id'))
    .selectAll('l')
    .select('p.title as project_title')
    .where('l.organisation_id', '=', organisationId)
    .where('l.id', '=', id)
    .executeTakeFirst();
}

export const insertLesson = (db: Executor, row: Insertable<LessonsTable>) => db.insertInto('lessons').values(row).execute();

export const updateLesson = (db: Executor, organisationId: string, id: string, changes: Updateable<LessonsTable>) =>
  db.updateTable('lessons').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
