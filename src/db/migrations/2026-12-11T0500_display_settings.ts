import type { Kysely } from 'kysely';

// Issue 24: how pages look for each person who signs in (text size, higher contrast, less
// movement, a button to read pages aloud). People who do not sign in keep theirs in a cookie.
// One row a person; the primary key is the only lookup (the person's own row).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('display_settings')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('text_size', 'text', (c) => c.notNull())
    .addColumn('contrast', 'text', (c) => c.notNull())
    .addColumn('motion', 'text', (c) => c.notNull())
    .addColumn('read_aloud', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('display_settings_pk', ['organisation_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('display_settings').execute();
}
