import type { Kysely } from 'kysely';

// Time polls (issue 17), finished: a supporter may answer for the person (kept as the
// person's answer, with which supporter gave it), and staff may change or cancel a poll.
// A cancelled poll keeps who cancelled it and why, for the record and the message people get.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('time_poll_invitees').addColumn('answered_supporter_id', 'varchar(36)').execute();
  await db.schema.alterTable('time_polls').addColumn('cancelled_at', 'varchar(40)').execute();
  await db.schema.alterTable('time_polls').addColumn('cancelled_by', 'varchar(36)').execute();
  await db.schema.alterTable('time_polls').addColumn('cancel_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('time_polls').dropColumn('cancel_reason').execute();
  await db.schema.alterTable('time_polls').dropColumn('cancelled_by').execute();
  await db.schema.alterTable('time_polls').dropColumn('cancelled_at').execute();
  await db.schema.alterTable('time_poll_invitees').dropColumn('answered_supporter_id').execute();
}
