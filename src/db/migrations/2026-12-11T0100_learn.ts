import type { Kysely } from 'kysely';

// Issue 22 (P3): learn together. An organisation's own words for the shipped modules, who
// finished which module (with their reflection), and training recorded for a person.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learn_module_texts')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('learn_module_texts_pk', ['organisation_id', 'slug'])
    .execute();
  await db.schema
    .createTable('learn_completions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('reflection', 'text')
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('learn_completions_once', ['organisation_id', 'person_id', 'slug'])
    .execute();
  // Who has done which module, counted by module; reflections listed newest first.
  await db.schema.createIndex('learn_completions_slug').on('learn_completions').columns(['organisation_id', 'slug']).execute();
  await db.schema.createIndex('learn_completions_when').on('learn_completions').columns(['organisation_id', 'completed_at']).execute();
  await db.schema
    .createTable('learn_training')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('course', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learn_training_person').on('learn_training').columns(['organisation_id', 'person_id', 'on_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['learn_training', 'learn_completions', 'learn_module_texts']) await db.schema.dropTable(table).execute();
}
