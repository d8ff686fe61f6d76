import type { Kysely } from 'kysely';

// Payment policies, how each person is rewarded, and welfare benefits awareness (S2, S3).
// Policies, choices and limits are append-only, so past claims keep what applied.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payment_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('rates', 'text', (c) => c.notNull())
    .addColumn('preparation_kind', 'text', (c) => c.notNull())
    .addColumn('preparation_minutes', 'integer')
    .addColumn('mileage_pence_per_mile', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    // Two versions starting on one day would leave that day's rate to chance.
    .addUniqueConstraint('payment_policies_org_from', ['organisation_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('reward_choices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('lower_amount_pence', 'integer')
    .addColumn('charity', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('reward_choices_person_seq', ['person_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('reward_choices_org_person')
    .on('reward_choices')
    .columns(['organisation_id', 'person_id', 'starts_on'])
    .execute();

  await db.schema
    .createTable('benefits_records')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('consent_given', 'integer', (c) => c.notNull())
    .addColumn('consent_recorded_at', 'text', (c) => c.notNull())
    .addColumn('consent_recorded_by', 'text')
    .addColumn('universal_credit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assessment_start_day', 'integer')
    .addColumn('esa_permitted_work', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('other', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('benefit_limits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('limit_pence', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('benefit_limits_org_kind_from', ['organisation_id', 'kind', 'effective_from'])
    .execute();

  await db.schema
    .createTable('rewards_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('vouchers_count_as_earnings', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rewards_settings', 'benefit_limits', 'benefits_records', 'reward_choices', 'payment_policies']) {
    await db.schema.dropTable(table).execute();
  }
}
