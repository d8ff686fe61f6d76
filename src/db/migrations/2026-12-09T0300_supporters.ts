import type { Kysely } from 'kysely';

// Supporters (issue 17): the family member, friend, carer, advocate or support worker a
// person chooses to take part with, on what basis, and what each may do for them. Ended
// supporters stay (ended_at set) so the history shows who could act when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supporters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // A person with their own record (and perhaps an account); null for a contact staff reach.
    .addColumn('supporter_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_channel', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_mobile', 'text')
    .addColumn('contact_address', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text')
    .addColumn('may_copies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('may_reply', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('may_vote', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('may_reviews', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('may_claim', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('consent_how', 'text')
    .addColumn('basis_made_by', 'text')
    .addColumn('basis_made_on', 'text', (c) => c.notNull())
    .addColumn('basis_reference', 'text')
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema.createIndex('supporters_person').on('supporters').columns(['organisation_id', 'person_id', 'ended_at']).execute();
  await db.schema
    .createIndex('supporters_supporter_person')
    .on('supporters')
    .columns(['organisation_id', 'supporter_person_id', 'ended_at'])
    .execute();
  // "Reviews overdue" on the To do page.
  await db.schema.createIndex('supporters_review').on('supporters').columns(['organisation_id', 'ended_at', 'review_on']).execute();

  // Each thing a supporter did for the person: the answer itself stays in its own module,
  // counted as the person's; this row says who gave it for them and how they were told.
  await db.schema
    .createTable('supporter_acts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('supporters.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('how_told', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supporter_acts_subject')
    .on('supporter_acts')
    .columns(['organisation_id', 'subject_id', 'person_id'])
    .execute();
  await db.schema.createIndex('supporter_acts_supporter').on('supporter_acts').columns(['organisation_id', 'supporter_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supporter_acts').execute();
  await db.schema.dropTable('supporters').execute();
}
