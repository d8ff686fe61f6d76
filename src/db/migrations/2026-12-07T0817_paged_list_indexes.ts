import type { Kysely } from 'kysely';

// Learning actions, lessons, stories and the decision log are shown a page at a time (issue
// 14). At county size the database must find a page, and count a filter, by index, not by
// reading every row: the actions in due order, by owner and by review; the lessons newest
// first; an organisation's stories over a period (the impact report).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('improvement_actions_org_due').on('improvement_actions').columns(['organisation_id', 'due_on']).execute();
  await db.schema
    .createIndex('improvement_actions_owner')
    .on('improvement_actions')
    .columns(['organisation_id', 'owner_person_id', 'due_on'])
    .execute();
  await db.schema
    .createIndex('improvement_actions_cycle')
    .on('improvement_actions')
    .columns(['organisation_id', 'review_cycle_id'])
    .execute();
  await db.schema.createIndex('lessons_org_created').on('lessons').columns(['organisation_id', 'created_at']).execute();
  await db.schema.createIndex('stories_org_told').on('stories').columns(['organisation_id', 'told_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'stories_org_told',
    'lessons_org_created',
    'improvement_actions_cycle',
    'improvement_actions_owner',
    'improvement_actions_org_due',
  ])
    await db.schema.dropIndex(name).execute();
}
