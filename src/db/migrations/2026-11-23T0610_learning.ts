import type { Kysely } from 'kysely';

// The learning loop (V3): improvement actions with owners and due dates, the lessons log,
// and the recommendation codes each serves. review_cycle_id has no foreign key: reviews
// are their own module and may be set up after this.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('improvement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('what_changed', 'text')
    .addColumn('done_on', 'text')
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('review_cycle_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_actions_due')
    .on('improvement_actions')
    .columns(['organisation_id', 'status', 'due_on'])
    .execute();
  await db.schema.createIndex('improvement_actions_project').on('improvement_actions').columns(['organisation_id', 'project_id']).execute();

  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('worked', 'text')
    .addColumn('did_not_work', 'text')
    .addColumn('do_differently', 'text')
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_project').on('lessons').columns(['organisation_id', 'project_id']).execute();

  await db.schema
    .createTable('learning_codes')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_codes_pk', ['subject_type', 'subject_id', 'code'])
    .execute();
  await db.schema.createIndex('learning_codes_code').on('learning_codes').columns(['organisation_id', 'code', 'subject_type']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['learning_codes', 'lessons', 'improvement_actions']) await db.schema.dropTable(table).execute();
}
