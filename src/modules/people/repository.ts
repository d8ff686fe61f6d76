import type { NewPersonRow, PersonUpdate } from '../../db/schema.ts';
import type { Executor } from '../../db/connection.ts';
import { moreThan } from '../../platform/counts.ts';

export async function insertPerson(db: Executor, row: NewPersonRow, perspectives: readonly string[]): Promise<void> {
  await db.insertInto('people').values(row).execute();
  await setPerspectives(db, row.organisation_id, row.id, perspectives);
}

export async function updatePerson(db: Executor, organisationId: string, id: string, changes: PersonUpdate): Promise<void> {
  await db.updateTable('people').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function setPerspectives(db: Executor, organisationId: string, personId: string, perspectives: readonly string[]) {
  await db.deleteFrom('person_perspectives').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  if (perspectives.length === 0) return;
  await db
    .insertInto('person_perspectives')
    .values(perspectives.map((perspective) => ({ organisation_id: organisationId, person_id: personId, perspective })))
    .execute();
}

export async function findPerson(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function findPeople(db: Executor, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
}

export async function perspectivesFor(db: Executor, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('person_perspectives')
    .select(['person_id', 'perspective'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.perspective]);
  return map;
}

export type PeopleFilter = {
  name?: string;
  perspective?: string;
  projectId?: string;
  /** Only people who are not (yet) members of this project. */
  notInProjectId?: string;
  limit?: number;
  offset?: number;
};

function filteredPeople(db: Executor, organisationId: string, filter: PeopleFilter) {
  let q = db.selectFrom('people').where('people.organisation_id', '=', organisationId);
  if (filter.name) {
    const like = `%${filter.name.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['people.full_name']), 'like', like), eb(eb.fn('lower', ['people.preferred_name']), 'like', like)]),
    );
  }
  if (filter.perspective) {
    const perspective = filter.perspective;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_perspectives as pp')
          .select('pp.person_id')
          .whereRef('pp.person_id', '=', 'people.id')
          .where('pp.perspective', '=', perspective),
      ),
    );
  }
  if (filter.projectId) {
    const projectId = filter.projectId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_members as pm')
          .select('pm.person_id')
          .whereRef('pm.person_id', '=', 'people.id')
          .where('pm.project_id', '=', projectId)
          .where('pm.organisation_id', '=', organisationId),
      ),
    );
  }
  if (filter.notInProjectId) {
    const projectId = filter.notInProjectId;
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('project_members as pm')
            .select('pm.person_id')
            .whereRef('pm.person_id', '=', 'people.id')
            .where('pm.project_id', '=', projectId)
            .where('pm.organisation_id', '=', organisationId),
        ),
      ),
    );
  }
  return q;
}

/**
 * People by name. Every list shown passes its page (limit and offset) and counts with
 * countPeople; the 500 without a limit is only a guard against reading a county whole.
 */
export async function listPeople(db: Executor, organisationId: string, filter: PeopleFilter = {}) {
  return filteredPeople(db, organisationId, filter)
    .select([
      'people.id',
      'people.full_name',
      'people.preferred_name',
      'people.email',
      'people.mobile',
      'people.landline',
      'people.contact_order',
    ])
    .orderBy('people.full_name')
    .orderBy('people.id')
    .limit(filter.limit ?? 500)
    .offset(filter.offset ?? 0)
    .execute();
}

/** Whether the organisation has more than `n` people: n + 1 entries of an index read at most, not a county's 20,000 counted. */
export function hasMorePeopleThan(db: Executor, organisationId: string, n: number): Promise<boolean> {
  return moreThan(db.selectFrom('people').select('id').where('organisation_id', '=', organisationId), n);
}

export async function countPeople(db: Executor, organisationId: string, filter: PeopleFilter = {}): Promise<number> {
  const row = await filteredPeople(db, organisationId, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
