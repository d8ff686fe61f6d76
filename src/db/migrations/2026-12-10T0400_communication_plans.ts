import { sql, type Kysely } from 'kysely';

// Issue 20 (S4): each project's communication plan, and the outbox learning to hold a notice
// for a digest. A plan row per topic; no row means "as it happens", so nothing changes for
// projects that never made a plan. No foreign keys, as elsewhere: scoping is by organisation.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('communication_plans')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('agreed_how', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('communication_plans_pk', ['organisation_id', 'project_id'])
    .execute();
  await db.schema
    .createTable('communication_plan_choices')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('by_meetings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_phone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_text', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_letter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_word_of_mouth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('groups', 'text')
    .addPrimaryKeyConstraint('communication_plan_choices_pk', ['organisation_id', 'project_id', 'topic'])
    .execute();
  // held_until: a notice the plan holds for a digest, and when that digest goes;
  // digest_id: the digest message it went out in.
  await db.schema.alterTable('outbox').addColumn('held_until', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('digest_id', 'text').execute();
  // The digest task reads only notices still waiting for their digest.
  await db.schema
    .createIndex('outbox_digest_waiting')
    .on('outbox')
    .columns(['held_until', 'person_id'])
    .where(sql.ref('status'), '=', 'digest')
    .where(sql.ref('digest_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_digest_waiting').execute();
  await db.schema.alterTable('outbox').dropColumn('digest_id').execute();
  await db.schema.alterTable('outbox').dropColumn('held_until').execute();
  await db.schema.dropTable('communication_plan_choices').execute();
  await db.schema.dropTable('communication_plans').execute();
}
