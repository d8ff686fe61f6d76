import type { Kysely } from 'kysely';

// Issue 22 (P4): staff time for co-production. Teams of staff, the minutes a week each role is
// given, and the minutes each person says they used on a project in a week.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_teams_name', ['organisation_id', 'name'])
    .execute();
  // One team each: the summary adds people up by team without counting anyone twice.
  await db.schema
    .createTable('staff_team_members')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_team_members_pk', ['organisation_id', 'person_id'])
    .execute();
  await db.schema.createIndex('staff_team_members_team').on('staff_team_members').columns(['organisation_id', 'team_id']).execute();
  await db.schema
    .createTable('staff_time_allowances')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('minutes_a_week', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_time_allowances_pk', ['organisation_id', 'role'])
    .execute();
  await db.schema
    .createTable('staff_time_entries')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_time_entries_pk', ['organisation_id', 'person_id', 'week_start', 'project_id'])
    .execute();
  // The summary sums a period for the whole organisation.
  await db.schema.createIndex('staff_time_entries_week').on('staff_time_entries').columns(['organisation_id', 'week_start']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['staff_time_entries', 'staff_time_allowances', 'staff_team_members', 'staff_teams'])
    await db.schema.dropTable(table).execute();
}
