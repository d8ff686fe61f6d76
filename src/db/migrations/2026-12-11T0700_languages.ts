import type { Kysely } from 'kysely';

// Issue 24: Welsh. Whether each organisation speaks Welsh (and which language comes first),
// the language each person chose, and the Welsh that staff write beside their English.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation_languages')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    // off | english-first | welsh-first
    .addColumn('welsh', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('language_preferences')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('language_preferences_pk', ['organisation_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('welsh_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    // project | meeting
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // purpose | summary
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('welsh_versions_pk', ['organisation_id', 'subject_type', 'subject_id', 'field'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['welsh_versions', 'language_preferences', 'organisation_languages']) await db.schema.dropTable(table).execute();
}
