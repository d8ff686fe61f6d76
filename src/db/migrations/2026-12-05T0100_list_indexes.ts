import type { Kysely } from 'kysely';

// Lists are shown a page at a time, newest first; at county size (100,000 claims) the
// database must find a page by index, not by sorting every row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claims_org_date').on('claims').columns(['organisation_id', 'on_date']).execute();
  await db.schema.createIndex('claims_org_status_date').on('claims').columns(['organisation_id', 'status', 'on_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claims_org_status_date').execute();
  await db.schema.dropIndex('claims_org_date').execute();
}
