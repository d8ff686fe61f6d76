import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type {
  CommunityGroupContactsTable,
  CommunityGroupKind,
  CommunityGroupsTable,
  OutreachActionsTable,
} from '../../db/schema/community-groups.ts';
import type { Page } from '../../platform/pagination.ts';

// The directory and outreach actions. Every query is scoped by organisation, joins too.

export type GroupFilter = { reach?: string; kind?: CommunityGroupKind };

export async function insertGroup(db: Executor, row: Insertable<CommunityGroupsTable>, reach: readonly string[]) {
  await db.insertInto('community_groups').values(row).execute();
  await replaceReach(db, row.organisation_id, row.id, reach);
}

export async function updateGroup(db: Executor, organisationId: string, id: string, change: Updateable<CommunityGroupsTable>) {
  const result = await db
    .updateTable('community_groups')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceReach(db: Executor, organisationId: string, groupId: string, reach: readonly string[]) {
  await db
    .deleteFrom('community_group_reach')
    .where('organisation_id', '=', organisationId)
    .where('community_group_id', '=', groupId)
    .execute();
  if (reach.length)
    await db
      .insertInto('community_group_reach')
      .values([...new Set(reach)].map((r) => ({ organisation_id: organisationId, community_group_id: groupId, reach: r })))
      .execute();
}

export async function group(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('community_groups')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function groupByNameKey(db: Executor, organisationId: string, key: string) {
  return db
    .selectFrom('community_groups')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('name_key', '=', key)
    .executeTakeFirst();
}

/** Who each of these groups reaches, in one query. */
export async function reachOf(db: Executor, organisationId: string, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (groupIds.length === 0) return found;
  const rows = await db
    .selectFrom('community_group_reach')
    .select(['community_group_id', 'reach'])
    .where('organisation_id', '=', organisationId)
    .where('community_group_id', 'in', [...groupIds])
    .execute();
  for (const r of rows) found.set(r.community_group_id, [...(found.get(r.community_group_id) ?? []), r.reach]);
  return found;
}

const filtered = (db: Executor, organisationId: string, filter: GroupFilter) => {
  let q = db.selectFrom('community_groups as g').where('g.organisation_id', '=', organisationId);
  if (filter.kind) q = q.where('g.kind', '=', filter.kind);
  if (filter.reach) {
    const reach = filter.reach;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('community_group_reach as r')
          .select('r.reach')
          .where('r.organisation_id', '=', organisationId)
          .where('r.reach', '=', reach)
          .whereRef('r.community_group_id', '=', 'g.id'),
      ),
    );
  }
  return q;
};

export async function groupsPage(db: Executor, organisationId: string, filter: GroupFilter, page: Page) {
  return filtered(db, organisationId, filter)
    .select(['g.id', 'g.name', 'g.kind', 'g.what_they_do', 'g.best_way', 'g.timebank_partner'])
    .orderBy('g.name_key')
    .orderBy('g.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countGroups(db: Executor, organisationId: string, filter: GroupFilter) {
  const row = await filtered(db, organisationId, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every name already in the directory, for an import to leave out. */
export async function nameKeys(db: Executor, organisationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('community_groups').select('name_key').where('organisation_id', '=', organisationId).execute();
  return new Set(rows.map((r) => r.name_key));
}

/** A batch of the directory for the CSV file, in name order after `afterKey`. */
export async function exportBatch(db: Executor, organisationId: string, afterKey: string, limit: number) {
  return db
    .selectFrom('community_groups')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('name_key', '>', afterKey)
    .orderBy('name_key')
    .limit(limit)
    .execute();
}

/** Names for a form's choice of group: those reaching `reach` first. */
export async function groupChoices(db: Executor, organisationId: string, reach: string | null, limit: number) {
  const rows = await db
    .selectFrom('community_groups as g')
    .leftJoin('community_group_reach as r', (j) =>
      j
        .onRef('r.community_group_id', '=', 'g.id')
        .onRef('r.organisation_id', '=', 'g.organisation_id')
        .on('r.reach', '=', reach ?? ''),
    )
    .select(['g.id', 'g.name', 'r.reach'])
    .where('g.organisation_id', '=', organisationId)
    .orderBy('r.reach')
    .orderBy('g.name_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, reaches: r.reach !== null }));
}

export async function timebankPartners(db: Executor, organisationId: string) {
  return db
    .selectFrom('community_groups')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('timebank_partner', '=', 1)
    .orderBy('name_key')
    .limit(500)
    .execute();
}

// The people at a group who are the link ---------------------------------------------------

export async function contacts(db: Executor, organisationId: string, groupId: string) {
  return db
    .selectFrom('community_group_contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('community_group_id', '=', groupId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(100)
    .execute();
}

export async function insertContact(db: Executor, row: Insertable<CommunityGroupContactsTable>) {
  await db.insertInto('community_group_contacts').values(row).execute();
}

export async function deleteContact(db: Executor, organisationId: string, groupId: string, id: string) {
  const result = await db
    .deleteFrom('community_group_contacts')
    .where('organisation_id', '=', organisationId)
    .where('community_group_id', '=', groupId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// Outreach actions -----------------------------------------------------------------------

/** mine: those this person owns or that belong to their projects (a facilitator's To do line). */
export type OutreachFilter = {
  show: 'open' | 'overdue' | 'closed';
  projectId?: string;
  groupId?: string;
  mine?: { projectIds: readonly string[]; personId: string };
};

export async function insertOutreach(db: Executor, row: Insertable<OutreachActionsTable>) {
  await db.insertInto('outreach_actions').values(row).execute();
}

const outreachRows = (db: Executor, organisationId: string) =>
  db
    .selectFrom('outreach_actions as o')
    .innerJoin('community_groups as g', (j) =>
      j.onRef('g.id', '=', 'o.community_group_id').onRef('g.organisation_id', '=', 'o.organisation_id'),
    )
    .selectAll('o')
    .select('g.name as group_name')
    .where('o.organisation_id', '=', organisationId);

export async function outreach(db: Executor, organisationId: string, id: string) {
  return outreachRows(db, organisationId).where('o.id', '=', id).executeTakeFirst();
}

const outreachFiltered = (db: Executor, organisationId: string, filter: OutreachFilter, today: string) => {
  let q = outreachRows(db, organisationId);
  if (filter.show === 'closed') q = q.where('o.closed_at', 'is not', null);
  else q = q.where('o.closed_at', 'is', null);
  if (filter.show === 'overdue') q = q.where('o.due_on', '<', today);
  if (filter.projectId) q = q.where('o.project_id', '=', filter.projectId);
  if (filter.groupId) q = q.where('o.community_group_id', '=', filter.groupId);
  if (filter.mine) {
    const { projectIds, personId } = filter.mine;
    q = q.where((eb) =>
      projectIds.length
        ? eb.or([eb('o.owner_person_id', '=', personId), eb('o.project_id', 'in', [...projectIds])])
        : eb('o.owner_person_id', '=', personId),
    );
  }
  return q;
};

export async function outreachPage(db: Executor, organisationId: string, filter: OutreachFilter, today: string, page: Page) {
  return outreachFiltered(db, organisationId, filter, today)
    .orderBy('o.due_on', filter.show === 'closed' ? 'desc' : 'asc')
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOutreach(db: Executor, organisationId: string, filter: OutreachFilter, today: string) {
  const row = await outreachFiltered(db, organisationId, filter, today)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How many open actions are past their due date: all of the organisation's, or those of these
 * projects or owned by this person. A query, to be asked with other counts (platform/counts.ts).
 */
export function overdueCount(
  db: Executor,
  organisationId: string,
  today: string,
  mine: { projectIds: readonly string[]; personId: string } | null,
) {
  let q = db
    .selectFrom('outreach_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('closed_at', 'is', null)
    .where('due_on', '<', today);
  if (mine) {
    const { projectIds, personId } = mine;
    q = q.where((eb) =>
      projectIds.length
        ? eb.or([eb('owner_person_id', '=', personId), eb('project_id', 'in', [...projectIds])])
        : eb('owner_person_id', '=', personId),
    );
  }
  return q;
}

/** A project's actions, open first by due date, then the latest closed; at most `limit`. */
export async function forProject(db: Executor, organisationId: string, projectId: string, limit: number) {
  return (
    outreachRows(db, organisationId)
      .where('o.project_id', '=', projectId)
      // Open ones first; the two databases sort NULL differently, so say it outright.
      .orderBy((eb) => eb.case().when('o.closed_at', 'is', null).then(0).else(1).end())
      .orderBy('o.due_on')
      .orderBy('o.id')
      .limit(limit)
      .execute()
  );
}

export async function countForProject(db: Executor, organisationId: string, projectId: string) {
  const row = await db
    .selectFrom('outreach_actions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records what came of an open action; false when it was already closed or is not there. */
export async function closeOutreach(
  db: Executor,
  organisationId: string,
  id: string,
  change: Pick<Updateable<OutreachActionsTable>, 'result' | 'outcome' | 'closed_at' | 'closed_by'>,
) {
  const result = await db
    .updateTable('outreach_actions')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Many entries at once, a hundred rows a statement: an import of 2,000 is 20 statements, not 2,000. */
export async function insertGroups(db: Executor, rows: ReadonlyArray<{ row: Insertable<CommunityGroupsTable>; reach: readonly string[] }>) {
  for (let i = 0; i < rows.length; i += 100) {
    const batch = rows.slice(i, i + 100);
    await db
      .insertInto('community_groups')
      .values(batch.map((b) => b.row))
      .execute();
    const reach = batch.flatMap((b) =>
      [...new Set(b.reach)].map((r) => ({ organisation_id: b.row.organisation_id, community_group_id: b.row.id, reach: r })),
    );
    for (let j = 0; j < reach.length; j += 300)
      await db
        .insertInto('community_group_reach')
        .values(reach.slice(j, j + 300))
        .execute();
  }
}
