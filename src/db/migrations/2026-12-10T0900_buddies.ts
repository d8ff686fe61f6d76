import { type Kysely } from 'kysely';

// Issue 22 (P5): support to take part. A buddy (often a member with experience) is linked
// to a newcomer for a while; what support was offered and given is written down. No foreign
// keys to people, as elsewhere: erasure removes the rows itself.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('buddy_pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('newcomer_person_id', 'text', (c) => c.notNull())
    .addColumn('buddy_person_id', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_person_id', 'text')
    .execute();
  // The staff list: active or ended, newest first, a page at a time.
  await db.schema.createIndex('buddy_pairings_list').on('buddy_pairings').columns(['organisation_id', 'ends_on', 'starts_on']).execute();
  // A person's page and the "newcomers without a buddy" count look pairings up by person.
  await db.schema
    .createIndex('buddy_pairings_newcomer')
    .on('buddy_pairings')
    .columns(['organisation_id', 'newcomer_person_id', 'ends_on'])
    .execute();
  await db.schema
    .createIndex('buddy_pairings_buddy')
    .on('buddy_pairings')
    .columns(['organisation_id', 'buddy_person_id', 'ends_on'])
    .execute();
  await db.schema
    .createTable('buddy_support')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    // Copied from the pairing so that a copy or an erasure of either person finds these rows too.
    .addColumn('newcomer_person_id', 'text', (c) => c.notNull())
    .addColumn('buddy_person_id', 'text', (c) => c.notNull())
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by_person_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('buddy_support_pairing').on('buddy_support').columns(['organisation_id', 'pairing_id', 'given_on']).execute();
  // "Newcomers" are people whose first project began lately: found by person and date.
  await db.schema
    .createIndex('project_members_joined')
    .on('project_members')
    .columns(['organisation_id', 'person_id', 'joined_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_members_joined').execute();
  await db.schema.dropTable('buddy_support').execute();
  await db.schema.dropTable('buddy_pairings').execute();
}
