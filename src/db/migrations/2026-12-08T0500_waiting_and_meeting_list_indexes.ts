import type { Kysely } from 'kysely';

// The meetings list pages every meeting of an organisation newest first (20,000 at county
// size): the first index gives a page in order without sorting them all. The to-do page and
// a member's home count swaps waiting for a yes, from their status.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('meetings_org_start_id').on('meetings').columns(['organisation_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('timebank_exchanges_org_status').on('timebank_exchanges').columns(['organisation_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('timebank_exchanges_org_status').execute();
  await db.schema.dropIndex('meetings_org_start_id').execute();
}
