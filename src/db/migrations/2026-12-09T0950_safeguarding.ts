import { sql, type Kysely } from 'kysely';

// Issue 21 (C3): safeguarding is everyone's role. Settings name the lead and deputy; concerns
// keep their handling dates. No foreign keys to people: a concern outlives a person's record.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('safeguarding_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    .addColumn('lead_person_id', 'text')
    .addColumn('deputy_person_id', 'text')
    .addColumn('acknowledge_within_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('out_of_hours', 'text')
    .addColumn('local_team', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('safeguarding_concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by_person_id', 'text')
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_contact', 'text')
    .addColumn('about_name', 'text')
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('danger_now', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acknowledge_by', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('referred_at', 'text')
    .addColumn('referred_to', 'text')
    .addColumn('referral_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('escalated_at', 'text')
    .addUniqueConstraint('safeguarding_concerns_reference', ['organisation_id', 'reference'])
    .execute();
  // The leads' list: open ones first, newest first, a page at a time.
  await db.schema
    .createIndex('safeguarding_concerns_list')
    .on('safeguarding_concerns')
    .columns(['organisation_id', 'closed_at', 'raised_at'])
    .execute();
  // The escalation task looks only at concerns nobody has acknowledged or escalated.
  await db.schema
    .createIndex('safeguarding_concerns_waiting')
    .on('safeguarding_concerns')
    .column('acknowledge_by')
    .where(sql.ref('acknowledged_at'), 'is', null)
    .where(sql.ref('escalated_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('safeguarding_concerns').execute();
  await db.schema.dropTable('safeguarding_settings').execute();
}
