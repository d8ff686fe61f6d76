import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { moreThan } from '../../platform/counts.ts';
import type { Database } from '../../db/schema.ts';

// The projects module's queries: projects, their members and their stage history. Every
// query is scoped by organisation.

export async function findProject(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('projects').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Projects with their member counts, newest start first; only a person's own when personId is given. */
// A member sees only their own projects.
const projectIdsOfMember = (db: Executor, organisationId: string, personId: string) =>
  db.selectFrom('project_members').select('project_id').where('person_id', '=', personId).where('organisation_id', '=', organisationId);

export async function listProjects(
  db: Executor,
  organisationId: string,
  opts: { memberPersonId?: string; limit?: number; offset?: number } = {},
) {
  let q = db
    .selectFrom('projects as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('project_members as m')
        .whereRef('m.project_id', '=', 'p.id')
        .select(eb.fn.countAll<string | number>().as('n'))
        .as('memberCount'),
    )
    .where('p.organisation_id', '=', organisationId);
  if (opts.memberPersonId) {
    q = q.where('p.id', 'in', projectIdsOfMember(db, organisationId, opts.memberPersonId));
  }
  q = q.orderBy('p.start_date', 'desc').orderBy('p.title').orderBy('p.id');
  if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  return q.execute();
}

/** Whether the organisation has more than `n` projects, read no further than one past it. */
export function hasMoreProjectsThan(db: Executor, organisationId: string, n: number): Promise<boolean> {
  return moreThan(db.selectFrom('projects').select('id').where('organisation_id', '=', organisationId), n);
}

export async function countProjects(db: Executor, organisationId: string, opts: { memberPersonId?: string } = {}): Promise<number> {
  let q = db.selectFrom('projects as p').where('p.organisation_id', '=', organisationId);
  if (opts.memberPersonId) {
    q = q.where('p.id', 'in', projectIdsOfMember(db, organisationId, opts.memberPersonId));
  }
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function projectTitles(db: Executor, organisationId: string) {
  return db.selectFrom('projects').select(['id', 'title']).where('organisation_id', '=', organisationId).orderBy('title').execute();
}

// The project finder's queries. They read the (organisation_id, title) index: the
// organisation's titles in order, so the first page of matches stops after a page.
const projectsNamed = (db: Executor, organisationId: string, name: string) =>
  db
    .selectFrom('projects')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['title']), 'like', `%${name.toLowerCase()}%`));

/** The first `limit` projects whose title holds `name` (any case), by title. */
export async function projectsByName(db: Executor, organisationId: string, name: string, limit: number) {
  return projectsNamed(db, organisationId, name).select(['id', 'title']).orderBy('title').orderBy('id').limit(limit).execute();
}

/** How many projects' titles hold `name` (any case). */
export async function countProjectsByName(db: Executor, organisationId: string, name: string): Promise<number> {
  const row = await projectsNamed(db, organisationId, name)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The titles of these projects, of this organisation only. */
export async function projectTitlesOf(db: Executor, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('projects').select(['id', 'title']).where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
}

export async function insertProject(db: Executor, row: Insertable<Database['projects']>) {
  await db.insertInto('projects').values(row).execute();
}

export async function updateProject(db: Executor, organisationId: string, id: string, changes: Updateable<Database['projects']>) {
  await db.updateTable('projects').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function insertStageChange(db: Executor, row: Insertable<Database['project_stage_changes']>) {
  await db.insertInto('project_stage_changes').values(row).execute();
}

export async function stageChanges(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_stage_changes')
    .select(['stage', 'changed_on', 'changed_at'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .orderBy('changed_at')
    .execute();
}

export async function memberRows(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_members')
    .select(['person_id', 'role', 'joined_on'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .execute();
}

export async function findMember(db: Executor, organisationId: string, projectId: string, personId: string) {
  return db
    .selectFrom('project_members')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function projectIdsOf(db: Executor, organisationId: string, personId: string) {
  const rows = await db
    .selectFrom('project_members')
    .select('project_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.project_id);
}

/** The projects a person is in, with their role, by title. */
export async function membershipsOf(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['p.id', 'p.title', 'm.role', 'm.joined_on as joinedOn'])
    .where('m.organisation_id', '=', organisationId)
    .where('p.organisation_id', '=', organisationId)
    .where('m.person_id', '=', personId)
    .orderBy('p.title')
    .execute();
}

export async function insertMember(db: Executor, row: Insertable<Database['project_members']>) {
  await db.insertInto('project_members').values(row).execute();
}

export async function updateMember(
  db: Executor,
  organisationId: string,
  projectId: string,
  personId: string,
  changes: Updateable<Database['project_members']>,
) {
  await db
    .updateTable('project_members')
    .set(changes)
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .execute();
}

/** Whether a row went: false when the person was not a member. */
export async function deleteMember(db: Executor, organisationId: string, projectId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('project_members')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
