import type { Kysely } from 'kysely';

// Issue 23 (P6, P7): co-produced commissioning. The organisation's commissioning policy (each
// version kept), rounds with their criteria and bids, the evaluation panel with its
// declarations of interest, scores given alone, scores agreed together, and the record of
// every change the panel made while agreeing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commissioning_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('bid_checks', 'text', (c) => c.notNull())
    .addColumn('contract_checks', 'text', (c) => c.notNull())
    .addColumn('written_with', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('commissioning_policies_version', ['organisation_id', 'version'])
    .execute();
  await db.schema
    .createTable('commissioning_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('bids_close_on', 'text', (c) => c.notNull())
    .addColumn('panel_meets_on', 'text', (c) => c.notNull())
    .addColumn('decision_due_on', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('decision_id', 'text')
    .addColumn('published_at', 'text')
    .addColumn('provider_group_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commissioning_rounds_created')
    .on('commissioning_rounds')
    .columns(['organisation_id', 'created_at'])
    .execute();
  await db.schema.createIndex('commissioning_rounds_stage').on('commissioning_rounds').columns(['organisation_id', 'stage']).execute();
  await db.schema
    .createTable('commissioning_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('from_policy', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commissioning_criteria_round')
    .on('commissioning_criteria')
    .columns(['organisation_id', 'round_id'])
    .execute();
  await db.schema
    .createTable('commissioning_bids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('bidder', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commissioning_bids_round').on('commissioning_bids').columns(['organisation_id', 'round_id']).execute();
  // declared_at: interests declared (before any bid is shown); agreed_at: agreed the panel's scores.
  await db.schema
    .createTable('commissioning_panel')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text')
    .addColumn('agreed_at', 'text')
    .addPrimaryKeyConstraint('commissioning_panel_pk', ['organisation_id', 'round_id', 'person_id'])
    .execute();
  await db.schema.createIndex('commissioning_panel_person').on('commissioning_panel').columns(['organisation_id', 'person_id']).execute();
  await db.schema
    .createTable('commissioning_conflicts')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('bid_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commissioning_conflicts_pk', ['organisation_id', 'bid_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('commissioning_conflicts_round')
    .on('commissioning_conflicts')
    .columns(['organisation_id', 'round_id'])
    .execute();
  await db.schema
    .createTable('commissioning_scores')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('bid_id', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commissioning_scores_pk', ['organisation_id', 'bid_id', 'criterion_id', 'person_id'])
    .execute();
  await db.schema.createIndex('commissioning_scores_round').on('commissioning_scores').columns(['organisation_id', 'round_id']).execute();
  await db.schema
    .createTable('commissioning_agreed')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('bid_id', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('agreed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commissioning_agreed_pk', ['organisation_id', 'bid_id', 'criterion_id'])
    .execute();
  await db.schema.createIndex('commissioning_agreed_round').on('commissioning_agreed').columns(['organisation_id', 'round_id']).execute();
  // Append-only: every agreed score the panel set or changed, from what, and why.
  await db.schema
    .createTable('commissioning_moderation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('bid_id', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commissioning_moderation_round')
    .on('commissioning_moderation')
    .columns(['organisation_id', 'round_id', 'recorded_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'commissioning_moderation',
    'commissioning_agreed',
    'commissioning_scores',
    'commissioning_conflicts',
    'commissioning_panel',
    'commissioning_bids',
    'commissioning_criteria',
    'commissioning_rounds',
    'commissioning_policies',
  ])
    await db.schema.dropTable(table).execute();
}
