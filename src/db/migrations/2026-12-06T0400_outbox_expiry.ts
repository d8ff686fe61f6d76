import type { Kysely } from 'kysely';

// A sign-in link that has run out is worth nothing: the outbox learns when a message stops
// being worth sending (expires_at), and why a message failed for good (failure), so staff
// read "refused" or "expired" rather than guess from the last error.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('failure', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('failure').execute();
  await db.schema.alterTable('outbox').dropColumn('expires_at').execute();
}
