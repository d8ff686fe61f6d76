import type { Kysely } from 'kysely';

// Review cycles, the answers people give to each statement, and who was invited (V1, V2).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('gap_threshold_tenths', 'integer', (c) => c.notNull())
    // Unique: closing a cycle twice, or two staff pressing "start the next one", makes one.
    .addColumn('follows_cycle_id', 'text', (c) => c.unique().references('review_cycles.id'))
    .addColumn('invitations_sent_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('review_cycles_org').on('review_cycles').columns(['organisation_id', 'project_id', 'opens_on']).execute();

  await db.schema
    .createTable('review_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('dont_know', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text')
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_answers_pk', ['cycle_id', 'person_id', 'statement'])
    .execute();

  await db.schema
    .createTable('review_invitations')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_invitations_pk', ['cycle_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_invitations').execute();
  await db.schema.dropTable('review_answers').execute();
  await db.schema.dropTable('review_cycles').execute();
}
