import type { Kysely } from 'kysely';

// Issue 23 (P7): a bid's summary reaches each panel member in their format. Staff may write an
// easy read version beside the plain-words summary; until they do, the round's page says who
// is waiting for it. Empty for every bid added before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_bids').addColumn('easy_read_summary', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_bids').dropColumn('easy_read_summary').execute();
}
