import { sql, type Kysely } from 'kysely';

// How attendance credits and a claim for the same meeting relate (docs/decisions/0015):
// 'claim-replaces' (a claim for the meeting decides what the person gets, once) or 'both'.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rewards_settings')
    .addColumn('meeting_credits', 'text', (c) => c.notNull().defaultTo(sql`'claim-replaces'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rewards_settings').dropColumn('meeting_credits').execute();
}
