import type { Kysely } from 'kysely';

// Claims for time given and expenses, their receipts, and each project's co-production
// budget. Runs after the rewards (0400) and time bank (0410) tables exist.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('corrects_claim_id', 'text', (c) => c.references('claims.id'))
    .addColumn('split_from_claim_id', 'text', (c) => c.references('claims.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preparation_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preparation_rate_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mile_tenths', 'integer')
    .addColumn('amount_pence', 'integer', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('charity', 'text')
    .addColumn('credit_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('payment_reference', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('rejected_by', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // A meeting's claim for a person can be made only once, even by two clicks at once.
    .addUniqueConstraint('claims_org_reference', ['organisation_id', 'reference'])
    .execute();
  await db.schema.createIndex('claims_person_date').on('claims').columns(['organisation_id', 'person_id', 'on_date']).execute();
  await db.schema.createIndex('claims_status').on('claims').columns(['organisation_id', 'status', 'approved_on']).execute();
  await db.schema.createIndex('claims_project').on('claims').columns(['organisation_id', 'project_id']).execute();
  await db.schema.createIndex('claims_meeting').on('claims').columns(['organisation_id', 'meeting_id']).execute();

  await db.schema
    .createTable('claim_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .execute();
  await db.schema.createIndex('claim_receipts_claim').on('claim_receipts').columns(['organisation_id', 'claim_id']).execute();

  await db.schema
    .createTable('project_budgets')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('planned_pence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('project_budgets_pk', ['project_id', 'category'])
    .execute();

  await db.schema
    .createTable('project_spend')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'integer', (c) => c.notNull())
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('project_spend_project').on('project_spend').columns(['organisation_id', 'project_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['project_spend', 'project_budgets', 'claim_receipts', 'claims']) await db.schema.dropTable(table).execute();
}
