import type { Kysely } from 'kysely';

// Issue 23 (P7): panel members who never sign in declare interests and score bids by a
// personal link, or staff record what they said on the phone or in a letter. Each score and
// each declaration keeps how it came (null: signed in) and which staff member recorded it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_scores').addColumn('how', 'text').execute();
  await db.schema.alterTable('commissioning_scores').addColumn('recorded_by', 'text').execute();
  await db.schema.alterTable('commissioning_panel').addColumn('declared_how', 'text').execute();
  await db.schema.alterTable('commissioning_panel').addColumn('declared_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_panel').dropColumn('declared_by').execute();
  await db.schema.alterTable('commissioning_panel').dropColumn('declared_how').execute();
  await db.schema.alterTable('commissioning_scores').dropColumn('recorded_by').execute();
  await db.schema.alterTable('commissioning_scores').dropColumn('how').execute();
}
