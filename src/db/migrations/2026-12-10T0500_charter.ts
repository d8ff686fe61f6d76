import type { Kysely } from 'kysely';

// Issue 21 (C1, C2): the organisation's co-production charter. Each version is a row: at
// most one draft (published_at null) after the published ones. People's answers are one per
// person and version. No foreign keys to people: a charter's history outlives a record.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('charter_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('equality', 'text', (c) => c.notNull())
    .addColumn('diversity', 'text', (c) => c.notNull())
    .addColumn('accessibility', 'text', (c) => c.notNull())
    .addColumn('reciprocity', 'text', (c) => c.notNull())
    .addColumn('benefits', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('commitments', 'text', (c) => c.notNull())
    .addColumn('sponsor_person_id', 'text')
    .addColumn('sponsor_role', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addUniqueConstraint('charter_versions_number', ['organisation_id', 'version'])
    .execute();
  await db.schema
    .createTable('charter_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('would_change', 'text')
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('charter_answers_one_each', ['organisation_id', 'version', 'person_id'])
    .execute();
  // Counting and listing one version's answers, agreed or would change, newest first.
  await db.schema
    .createIndex('charter_answers_by_answer')
    .on('charter_answers')
    .columns(['organisation_id', 'version', 'answer', 'answered_at'])
    .execute();
  // A person's answers, for their copy of their data and erasure.
  await db.schema.createIndex('charter_answers_person').on('charter_answers').columns(['organisation_id', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('charter_answers').execute();
  await db.schema.dropTable('charter_versions').execute();
}
