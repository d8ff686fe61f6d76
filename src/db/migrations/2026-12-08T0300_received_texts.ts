import { sql, type Kysely } from 'kysely';

// Texts people send back (issue 16): each kept once by the provider's id, matched to a
// person and what they were last asked, or left in the staff inbox to deal with by hand.
// People are found by their mobile with spaces, dashes, dots and brackets taken out: the
// index is on that expression, and the lookup repeats it exactly (people/mobile-lookup.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('received_texts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('provider', 'varchar(20)', (c) => c.notNull())
    .addColumn('provider_id', 'varchar(100)', (c) => c.notNull())
    // Null when the number is nobody's on an instance of several organisations.
    .addColumn('organisation_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('from_number', 'varchar(40)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('stored_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)')
    // unread: not yet worked out; meeting-reply, stopped: done by the app; unmatched: for staff.
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('meeting_id', 'varchar(36)')
    .addColumn('reply', 'varchar(10)')
    // to-do: in the staff inbox; done: nothing left to do.
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('dealt_with_by', 'varchar(36)')
    .addColumn('dealt_with_at', 'varchar(40)')
    .addColumn('dealt_with_note', 'text')
    .addUniqueConstraint('received_texts_provider_id', ['provider', 'provider_id'])
    .execute();
  await db.schema
    .createIndex('received_texts_inbox')
    .on('received_texts')
    .columns(['organisation_id', 'status', 'received_at', 'id'])
    .execute();
  await db.schema.createIndex('received_texts_all').on('received_texts').columns(['organisation_id', 'received_at', 'id']).execute();
  await sql`create index people_mobile_stripped on people (replace(replace(replace(replace(replace(mobile, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_mobile_stripped').execute();
  await db.schema.dropTable('received_texts').execute();
}
