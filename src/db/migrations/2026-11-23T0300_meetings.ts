import type { Kysely } from 'kysely';

// Meetings for projects, who is invited, what was arranged, papers, attendance and notes;
// and what the outbox needs to send by more than email.
export async function up(db: Kysely<any>): Promise<void> {
  // When meetings do not suit a person, channels they said no to, and their calendar feed.
  await db.schema.alterTable('people').addColumn('unsuitable_times', 'text').execute();
  await db.schema
    .alterTable('people')
    .addColumn('opted_out', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // The feed's address is signed from this number; raising it retires the old address.
  await db.schema.alterTable('people').addColumn('calendar_feed_version', 'integer').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('venues.id'))
    .addColumn('joining_details', 'text')
    .addColumn('members_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arrangements', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('interpreter_languages', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('invitations_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_org_project_start')
    .on('meetings')
    .columns(['organisation_id', 'project_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('meetings_start').on('meetings').columns(['starts_at']).execute();

  await db.schema
    .createTable('meeting_invitees')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('channel', 'text')
    .addColumn('invited_at', 'text')
    .addColumn('reply', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('replied_at', 'text')
    .addColumn('reply_recorded_by', 'text')
    .addColumn('reply_note', 'text')
    .addColumn('reminded_at', 'text')
    .addPrimaryKeyConstraint('meeting_invitees_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('meeting_invitees_person').on('meeting_invitees').columns(['organisation_id', 'person_id']).execute();

  await db.schema
    .createTable('meeting_gap_acceptances')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_gap_acceptances_pk', ['meeting_id', 'person_id', 'need'])
    .execute();

  await db.schema
    .createTable('meeting_papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_papers_meeting').on('meeting_papers').columns(['organisation_id', 'meeting_id']).execute();

  // One file is one version of a paper, in one format (standard, easy read, audio ...).
  await db.schema
    .createTable('meeting_paper_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('meeting_papers.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .execute();
  await db.schema.createIndex('meeting_paper_files_paper').on('meeting_paper_files').columns(['organisation_id', 'paper_id']).execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    .addColumn('left_at', 'text')
    .addColumn('minutes_present', 'integer')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('meeting_notes')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('discussed', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('summary_published_at', 'text')
    .execute();

  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('to-do'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_actions_meeting').on('meeting_actions').columns(['organisation_id', 'meeting_id']).execute();

  // The outbox learns text messages and letters, attachments (a calendar file), who a
  // message is for, and a key that makes the same message impossible to queue twice.
  await db.schema.alterTable('outbox').addColumn('person_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('about_id', 'text').execute();
  await db.schema
    .alterTable('outbox')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('sign-in'))
    .execute();
  await db.schema
    .alterTable('outbox')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('outbox').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('outbox_dedupe_key').on('outbox').column('dedupe_key').unique().execute();
  await db.schema.createIndex('outbox_about').on('outbox').columns(['organisation_id', 'about_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_about').execute();
  await db.schema.dropIndex('outbox_dedupe_key').execute();
  for (const column of ['dedupe_key', 'attachments', 'kind', 'about_id', 'person_id'])
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  for (const table of [
    'meeting_actions',
    'meeting_decisions',
    'meeting_notes',
    'meeting_attendance',
    'meeting_paper_files',
    'meeting_papers',
    'meeting_gap_acceptances',
    'meeting_invitees',
    'meetings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['calendar_feed_version', 'opted_out', 'unsuitable_times'])
    await db.schema.alterTable('people').dropColumn(column).execute();
}
