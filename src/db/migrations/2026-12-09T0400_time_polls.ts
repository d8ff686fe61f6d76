import type { Kysely } from 'kysely';

// "When can everyone come?" (issue 17): staff offer two to eight times, each person invited
// answers yes, if need be or no for each, and picking a time makes the meeting. Every list
// and count filters by organisation first: the indexes start there.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('time_polls')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(20)', (c) => c.notNull())
    .addColumn('venue_id', 'varchar(36)')
    .addColumn('joining_details', 'text')
    .addColumn('closes_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('chosen_option_id', 'varchar(36)')
    .addColumn('meeting_id', 'varchar(36)')
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(40)')
    .addColumn('sent_at', 'varchar(40)')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // A project's polls, newest first; open polls by closing date for the To do counts.
  await db.schema
    .createIndex('time_polls_project')
    .on('time_polls')
    .columns(['organisation_id', 'project_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('time_polls_status').on('time_polls').columns(['organisation_id', 'status', 'closes_at']).execute();

  await db.schema
    .createTable('time_poll_options')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('poll_id', 'varchar(36)', (c) => c.notNull().references('time_polls.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('time_poll_options_position', ['poll_id', 'position'])
    .execute();

  await db.schema
    .createTable('time_poll_invitees')
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('poll_id', 'varchar(36)', (c) => c.notNull().references('time_polls.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('people.id'))
    .addColumn('answered_at', 'varchar(40)')
    .addColumn('answered_how', 'varchar(10)')
    .addColumn('answered_by', 'varchar(36)')
    .addPrimaryKeyConstraint('time_poll_invitees_pk', ['poll_id', 'person_id'])
    .execute();
  // A person's open polls (their home page), and the unanswered count per poll.
  await db.schema.createIndex('time_poll_invitees_person').on('time_poll_invitees').columns(['organisation_id', 'person_id']).execute();
  await db.schema
    .createIndex('time_poll_invitees_answered')
    .on('time_poll_invitees')
    .columns(['organisation_id', 'poll_id', 'answered_at'])
    .execute();

  await db.schema
    .createTable('time_poll_answers')
    .addColumn('organisation_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('poll_id', 'varchar(36)', (c) => c.notNull().references('time_polls.id'))
    .addColumn('option_id', 'varchar(36)', (c) => c.notNull().references('time_poll_options.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('answer', 'varchar(5)', (c) => c.notNull())
    .addPrimaryKeyConstraint('time_poll_answers_pk', ['option_id', 'person_id'])
    .execute();
  await db.schema.createIndex('time_poll_answers_poll').on('time_poll_answers').columns(['organisation_id', 'poll_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('time_poll_answers').execute();
  await db.schema.dropTable('time_poll_invitees').execute();
  await db.schema.dropTable('time_poll_options').execute();
  await db.schema.dropTable('time_polls').execute();
}
