import type { Kysely } from 'kysely';

// Taking part without signing in (issue 16): every message that asks a person to do one
// thing carries a personal link and, on paper or by text, a short reply code. Each row is
// one person and one action. A code is unique while live; an expired action gives its code
// back (set to null), so the six characters never run out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reply_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('about_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('once', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_actions_code').unique().on('reply_actions').column('code').execute();
  // One live action per person and thing: a second message about it reuses the same code.
  await db.schema
    .createIndex('reply_actions_person_about')
    .unique()
    .on('reply_actions')
    .columns(['organisation_id', 'kind', 'about_id', 'person_id'])
    .execute();
  // "What was this person last asked?" for a text message that comes back.
  await db.schema
    .createIndex('reply_actions_person_latest')
    .on('reply_actions')
    .columns(['organisation_id', 'person_id', 'created_at'])
    .execute();
  await db.schema.createIndex('reply_actions_expiry').on('reply_actions').columns(['expires_at']).execute();
  await db.schema.alterTable('organisations').addColumn('reply_phone', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('reply_address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('reply_address').execute();
  await db.schema.alterTable('organisations').dropColumn('reply_phone').execute();
  await db.schema.dropTable('reply_actions').execute();
}
