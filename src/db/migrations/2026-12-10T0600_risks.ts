import type { Kysely } from 'kysely';

// Issue 21 (C3): risks named and managed together. Each project, and the organisation
// (project_id null), keeps a log; members add risks and comment; "positive risk-taking"
// decisions keep who agreed and when. No foreign keys to people: the log outlives a record.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('affects', 'text')
    .addColumn('likelihood', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('owner_person_id', 'text')
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('last_reviewed_on', 'text')
    .addColumn('raised_by', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  // Lists and counts: open risks by review date, for the organisation or one project.
  await db.schema.createIndex('risks_due').on('risks').columns(['organisation_id', 'closed_at', 'review_on']).execute();
  await db.schema.createIndex('risks_project').on('risks').columns(['organisation_id', 'project_id', 'closed_at', 'review_on']).execute();
  await db.schema.createIndex('risks_owner').on('risks').columns(['organisation_id', 'owner_person_id']).execute();

  await db.schema
    .createTable('risk_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_comments_thread').on('risk_comments').columns(['organisation_id', 'risk_id', 'created_at']).execute();
  await db.schema.createIndex('risk_comments_person').on('risk_comments').columns(['organisation_id', 'person_id']).execute();

  await db.schema
    .createTable('risk_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_decisions_risk').on('risk_decisions').columns(['organisation_id', 'risk_id', 'decided_on']).execute();
  await db.schema.createIndex('risk_decisions_year').on('risk_decisions').columns(['organisation_id', 'decided_on']).execute();

  await db.schema
    .createTable('risk_decision_agreements')
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('agreed_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('risk_decision_agreements_pk', ['decision_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('risk_decision_agreements_person')
    .on('risk_decision_agreements')
    .columns(['organisation_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('risk_decision_agreements').execute();
  await db.schema.dropTable('risk_decisions').execute();
  await db.schema.dropTable('risk_comments').execute();
  await db.schema.dropTable('risks').execute();
}
