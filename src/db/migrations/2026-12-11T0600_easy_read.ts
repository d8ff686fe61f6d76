import type { Kysely } from 'kysely';

// Issue 24 (P1, P2): easy read. Who reads in easy read by default (they chose it, or staff
// set it when they asked), and the easy read versions staff write of a meeting's summary and
// of each decision made at it, which easy read readers are sent instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A row means easy read is on for that person; no row, off.
  await db.schema
    .createTable('easy_read_readers')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('easy_read_readers_pk', ['organisation_id', 'person_id'])
    .execute();
  // kind 'summary': subject_id is the meeting; kind 'decision': a meeting decision.
  await db.schema
    .createTable('easy_read_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text')
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('easy_read_versions_pk', ['organisation_id', 'kind', 'subject_id'])
    .execute();
  // A meeting's summary and its decisions are read together.
  await db.schema.createIndex('easy_read_versions_meeting').on('easy_read_versions').columns(['organisation_id', 'meeting_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('easy_read_versions').execute();
  await db.schema.dropTable('easy_read_readers').execute();
}
