import type { Kysely } from 'kysely';

// A person's history reads the audit log by subject alone (their record and their account,
// whatever the kind of subject). The older index starts with the kind, so PostgreSQL read
// the whole organisation's log to find them: 150-180 ms with a million rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_subject_id').on('audit_log').columns(['organisation_id', 'subject_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_subject_id').execute();
}
