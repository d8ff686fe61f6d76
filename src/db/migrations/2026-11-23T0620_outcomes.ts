import type { Kysely } from 'kysely';

// Outcomes that matter (V4): each project's chosen outcomes, counts over time, survey
// rounds before and after with their answers, and stories told with consent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('question', 'text')
    .addColumn('unit', 'text')
    .addColumn('agreed_how', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('project_outcomes_project').on('project_outcomes').columns(['organisation_id', 'project_id']).execute();

  await db.schema
    .createTable('outcome_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('outcome_id', 'text', (c) => c.notNull().references('project_outcomes.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('outcome_counts_outcome')
    .on('outcome_counts')
    .columns(['organisation_id', 'outcome_id', 'on_date'])
    .execute();

  await db.schema
    .createTable('survey_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('survey_rounds_project').on('survey_rounds').columns(['organisation_id', 'project_id']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('survey_rounds.id'))
    .addColumn('outcome_id', 'text', (c) => c.notNull().references('project_outcomes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    // One answer per person, question and round: answering again replaces it.
    .addPrimaryKeyConstraint('survey_answers_pk', ['round_id', 'outcome_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('teller_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text')
    .addColumn('file_name', 'text')
    .addColumn('stored_name', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('told_on', 'text', (c) => c.notNull())
    .addColumn('show_name', 'integer', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('consent_given_at', 'text', (c) => c.notNull())
    .addColumn('consent_recorded_by', 'text')
    .addColumn('for_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('for_reports_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('stories_project').on('stories').columns(['organisation_id', 'project_id', 'told_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['stories', 'survey_answers', 'survey_rounds', 'outcome_counts', 'project_outcomes'])
    await db.schema.dropTable(table).execute();
}
