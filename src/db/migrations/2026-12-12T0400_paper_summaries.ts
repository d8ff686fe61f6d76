import type { Kysely } from 'kysely';

// Issue 24 (P1, P2): a paper can have a short summary in plain words, written by staff when
// they add it (or later). Members see it with the paper, and it goes in the papers message.
// Empty for every paper added before: the summary is advised, never required.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_papers').addColumn('summary', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_papers').dropColumn('summary').execute();
}
