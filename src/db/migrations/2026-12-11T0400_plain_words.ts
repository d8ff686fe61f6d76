import type { Kysely } from 'kysely';

// Issue 24 (P1, P2): plain words. Each organisation's list of jargon with a plain word for
// each. Until an admin first changes it, an organisation uses the starter list shipped with
// the app (no row in plain_word_lists); the first change copies the starter list in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plain_word_lists')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plain_word_jargon')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    // The word in lower case: one entry per word, whatever its capitals.
    .addColumn('word_key', 'text', (c) => c.notNull())
    .addColumn('plain', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plain_word_jargon_word', ['organisation_id', 'word_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['plain_word_jargon', 'plain_word_lists']) await db.schema.dropTable(table).execute();
}
