import { sql, type Kysely } from 'kysely';

// Issue 16, "Reach everyone". The Accessible Information Standard (DAPB1605, 2025) adds a
// sixth step, review: each person's recorded needs have a date by which we ask them again
// (a year from when they were recorded or last confirmed). And papers go out to each
// person in their own format, each sending kept, so staff see who is still waiting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_reviews')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    /** London date (YYYY-MM-DD) by which the person is asked again. */
    .addColumn('due_on', 'text', (c) => c.notNull())
    /** When the ask for this due date was queued: null until it is, so it goes once. */
    .addColumn('asked_at', 'text')
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addPrimaryKeyConstraint('access_reviews_pk', ['organisation_id', 'person_id'])
    .execute();
  // The To do page's count and list: one organisation's reviews by date.
  await db.schema.createIndex('access_reviews_org_due').on('access_reviews').columns(['organisation_id', 'due_on']).execute();
  // The background job: every organisation's due asks not yet sent.
  await db.schema.createIndex('access_reviews_due_asked').on('access_reviews').columns(['due_on', 'asked_at']).execute();
  // Needs recorded before today are due a year after they were last saved; 29 February
  // moves to 1 March. Text concatenation and substr work on both SQLite and PostgreSQL.
  await sql`
    insert into access_reviews (organisation_id, person_id, due_on, asked_at, reviewed_at, reviewed_by)
    select organisation_id, person_id,
      case when substr(updated_at, 6, 5) = '02-29'
        then cast(cast(substr(updated_at, 1, 4) as integer) + 1 as text) || '-03-01'
        else cast(cast(substr(updated_at, 1, 4) as integer) + 1 as text) || substr(updated_at, 5, 6) end,
      null, updated_at, null
    from access_needs where consent_given = 1`.execute(db);

  await db.schema
    .createTable('paper_sendings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    /** 1 when the version was added after the meeting's notice date: flagged to the person. */
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    /** Letters only: the last day to post second class so it arrives in time. */
    .addColumn('post_by', 'text')
    .addUniqueConstraint('paper_sendings_once', ['organisation_id', 'person_id', 'file_id'])
    .execute();
  await db.schema.createIndex('paper_sendings_org_meeting').on('paper_sendings').columns(['organisation_id', 'meeting_id']).execute();
  // "Still waiting": has this person had any version of this paper?
  await db.schema
    .createIndex('paper_sendings_org_person_paper')
    .on('paper_sendings')
    .columns(['organisation_id', 'person_id', 'paper_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_sendings').execute();
  await db.schema.dropTable('access_reviews').execute();
}
