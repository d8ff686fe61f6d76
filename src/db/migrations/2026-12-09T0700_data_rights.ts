import type { Kysely } from 'kysely';

// Issue 18, people's rights over their data (UK GDPR): requests with their one-month
// deadline, the fact of each erasure (nothing of what was erased), and how long each
// organisation keeps sensitive records after a person's last activity.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('received_how', 'text', (c) => c.notNull())
    .addColumn('identity_check', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  // The list by status and deadline, and the To do page's count of overdue requests.
  await db.schema
    .createIndex('data_requests_org_status_due')
    .on('data_requests')
    .columns(['organisation_id', 'status', 'due_on'])
    .execute();
  await db.schema.createIndex('data_requests_org_person').on('data_requests').columns(['organisation_id', 'person_id']).execute();

  await db.schema
    .createTable('data_erasures')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addColumn('erased_by', 'text')
    .addColumn('request_id', 'text')
    .addPrimaryKeyConstraint('data_erasures_pk', ['organisation_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('retention_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('access_needs_months', 'integer', (c) => c.notNull())
    .addColumn('benefits_months', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // The retention job asks, per organisation, whose sensitive records were last changed
  // before a date, and whether they have done anything since.
  await db.schema.createIndex('access_needs_org_updated').on('access_needs').columns(['organisation_id', 'updated_at']).execute();
  await db.schema.createIndex('benefits_records_org_updated').on('benefits_records').columns(['organisation_id', 'updated_at']).execute();
  await db.schema
    .createIndex('meeting_attendance_org_person_recorded')
    .on('meeting_attendance')
    .columns(['organisation_id', 'person_id', 'recorded_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meeting_attendance_org_person_recorded').execute();
  await db.schema.dropIndex('benefits_records_org_updated').execute();
  await db.schema.dropIndex('access_needs_org_updated').execute();
  await db.schema.dropTable('retention_settings').execute();
  await db.schema.dropTable('data_erasures').execute();
  await db.schema.dropTable('data_requests').execute();
}
