import type { Kysely } from 'kysely';

// Issue 23, after the contract and P6 "written with members". What a winning bid promised
// about co-production becomes commitments that the organisation's reviews check (done,
// partly, not, with evidence); a round can follow an earlier round of the same service, so
// it starts from what the last check found. The commissioning policy gets drafts that
// members comment on before staff publish them as the next version.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_rounds').addColumn('follows_round_id', 'text').execute();
  await db.schema
    .createTable('commissioning_commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'text')
    .addColumn('promise', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commissioning_commitments_round')
    .on('commissioning_commitments')
    .columns(['organisation_id', 'round_id', 'position'])
    .execute();
  await db.schema
    .createTable('commissioning_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('commitment_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('commissioning_checks_one', ['organisation_id', 'commitment_id', 'cycle_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('commissioning_checks_round')
    .on('commissioning_checks')
    .columns(['organisation_id', 'round_id', 'cycle_id'])
    .execute();
  await db.schema.createIndex('commissioning_checks_person').on('commissioning_checks').columns(['person_id']).execute();
  await db.schema
    .createTable('commissioning_policy_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('bid_checks', 'text', (c) => c.notNull())
    .addColumn('contract_checks', 'text', (c) => c.notNull())
    .addColumn('written_with', 'text', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commissioning_policy_drafts_org')
    .on('commissioning_policy_drafts')
    .columns(['organisation_id', 'published_version'])
    .execute();
  await db.schema
    .createTable('commissioning_policy_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('words', 'text')
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('commented_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('commissioning_policy_comments_one', ['organisation_id', 'draft_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('commissioning_policy_comments_draft')
    .on('commissioning_policy_comments')
    .columns(['organisation_id', 'draft_id', 'commented_at'])
    .execute();
  await db.schema.createIndex('commissioning_policy_comments_person').on('commissioning_policy_comments').columns(['person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['commissioning_policy_comments', 'commissioning_policy_drafts', 'commissioning_checks', 'commissioning_commitments'])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('commissioning_rounds').dropColumn('follows_round_id').execute();
}
