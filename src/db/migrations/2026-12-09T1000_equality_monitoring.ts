import type { Kysely } from 'kysely';

// Equality monitoring (issue 19): a person's voluntary answers, kept apart from their
// profile in tables of their own, one row per person; withdrawing deletes the rows. The
// circumstances are one row each, as a person may tick several and they are counted by
// GROUP BY. Who may see one person's answers (the equality leads) and the organisation's
// benchmark figures for its area sit beside them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('equality_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('age_band', 'text')
    .addColumn('sex', 'text')
    .addColumn('gender_identity', 'text')
    .addColumn('sexual_orientation', 'text')
    .addColumn('ethnic_group', 'text')
    .addColumn('ethnic_high', 'text')
    .addColumn('religion', 'text')
    .addColumn('long_term_condition', 'text')
    .addColumn('activity_limitation', 'text')
    .addColumn('disability', 'text')
    .addColumn('unpaid_care', 'text')
    .addColumn('circumstances_answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('equality_answers_pk', ['organisation_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('equality_circumstances')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('circumstance', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('equality_circumstances_pk', ['organisation_id', 'person_id', 'circumstance'])
    .execute();

  await db.schema
    .createTable('equality_leads')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('given_by', 'text', (c) => c.references('people.id'))
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('equality_leads_pk', ['organisation_id', 'person_id'])
    .execute();

  // Percentages in hundredths (51.0% is 5100), per grouping and category.
  await db.schema
    .createTable('equality_benchmarks')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('grouping', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addPrimaryKeyConstraint('equality_benchmarks_pk', ['organisation_id', 'grouping', 'category'])
    .execute();

  // "Who is missing" for the whole organisation counts everyone who joined a project by a
  // date: project_members had no index that starts with the organisation.
  await db.schema.createIndex('project_members_org_joined').on('project_members').columns(['organisation_id', 'joined_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_members_org_joined').execute();
  await db.schema.dropTable('equality_benchmarks').execute();
  await db.schema.dropTable('equality_leads').execute();
  await db.schema.dropTable('equality_circumstances').execute();
  await db.schema.dropTable('equality_answers').execute();
}
