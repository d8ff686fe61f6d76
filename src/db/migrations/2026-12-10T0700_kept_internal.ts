import type { Kysely } from 'kysely';

// Issue 21 (C1, V4): reports are open to members by default. A row here means staff chose to
// keep one report inside the team: a project's impact report, or one review's results. Who
// chose and when is in the audit log, so no person's id is kept here. Also an index for the
// review's safeguarding evidence (reviews use the evidence, same issue).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kept_internal')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kept_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kept_internal_pkey', ['organisation_id', 'report', 'subject_id'])
    .execute();
  // The self-assessment counts an organisation's concerns of the last 12 months (C3 evidence).
  await db.schema
    .createIndex('safeguarding_concerns_raised')
    .on('safeguarding_concerns')
    .columns(['organisation_id', 'raised_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('safeguarding_concerns_raised').execute();
  await db.schema.dropTable('kept_internal').execute();
}
