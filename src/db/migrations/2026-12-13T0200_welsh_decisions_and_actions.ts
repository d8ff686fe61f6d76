import type { Kysely } from 'kysely';

// Issue 24: staff can write each decision and action of a meeting in Welsh beside the English,
// so the summary a Welsh reader is sent is Welsh throughout. Empty for everything written
// before: a Welsh reader is then told, in Welsh, that the item is in English only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_decisions').addColumn('text_welsh', 'text').execute();
  await db.schema.alterTable('meeting_actions').addColumn('what_welsh', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_actions').dropColumn('what_welsh').execute();
  await db.schema.alterTable('meeting_decisions').dropColumn('text_welsh').execute();
}
