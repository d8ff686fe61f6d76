import type { Kysely } from 'kysely';

// The decision log: decisions, notes added to them, and follow-up actions ("you said, we
// did"). proposal_id has no foreign key: proposals come from their own migration (0500)
// and a decision can also be made without a vote (at a meeting).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('proposal_id', 'text')
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('decided', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('taking_part', 'text')
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('sent_at', 'text')
    .execute();
  // One record per proposal, even for two clicks at once. Both databases let many rows
  // have no proposal (NULLs are distinct in a unique index).
  await db.schema
    .createIndex('decision_records_proposal')
    .unique()
    .on('decision_records')
    .columns(['organisation_id', 'proposal_id'])
    .execute();
  await db.schema
    .createIndex('decision_records_project')
    .on('decision_records')
    .columns(['organisation_id', 'project_id', 'decided_on'])
    .execute();

  await db.schema
    .createTable('decision_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decision_records.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
  await db.schema.createIndex('decision_notes_decision').on('decision_notes').columns(['organisation_id', 'decision_id']).execute();

  await db.schema
    .createTable('decision_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decision_records.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('what_we_did', 'text')
    .addColumn('done_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('decision_actions_decision').on('decision_actions').columns(['organisation_id', 'decision_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['decision_actions', 'decision_notes', 'decision_records']) await db.schema.dropTable(table).execute();
}
