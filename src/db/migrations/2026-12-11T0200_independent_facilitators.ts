import type { Kysely } from 'kysely';

// Issue 22: an independent facilitator, from outside the organisation, is named on a project
// (all its meetings) or on one meeting. Their account's role says what they are; a naming
// says where they may work. Exactly one of project_id and meeting_id is set.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('independent_facilitator_namings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('named_by_person_id', 'text')
    .addColumn('named_at', 'text', (c) => c.notNull())
    // Kept when ended: a review still asks whether the facilitator the project had was useful.
    .addColumn('removed_at', 'text')
    .execute();
  // "Where may this person work?" on every page they open; "who facilitates this?" on a
  // project or meeting page; a review asks whether a project had one.
  await db.schema
    .createIndex('independent_facilitator_namings_person')
    .on('independent_facilitator_namings')
    .columns(['organisation_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('independent_facilitator_namings_project')
    .on('independent_facilitator_namings')
    .columns(['organisation_id', 'project_id'])
    .execute();
  await db.schema
    .createIndex('independent_facilitator_namings_meeting')
    .on('independent_facilitator_namings')
    .columns(['organisation_id', 'meeting_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('independent_facilitator_namings').execute();
}
