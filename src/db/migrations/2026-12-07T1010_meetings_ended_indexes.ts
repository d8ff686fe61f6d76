import type { Kysely } from 'kysely';

// "Time credits for meetings" lists the meetings that have ended, newest first, with their
// count: at county size (20,000 meetings) both read every meeting (40 ms alone). The first
// index gives the count from a range, the second the newest page without reading the rest.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('meetings_org_live_end').on('meetings').columns(['organisation_id', 'cancelled_at', 'ends_at']).execute();
  await db.schema
    .createIndex('meetings_org_live_start')
    .on('meetings')
    .columns(['organisation_id', 'cancelled_at', 'starts_at', 'ends_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_org_live_start').execute();
  await db.schema.dropIndex('meetings_org_live_end').execute();
}
