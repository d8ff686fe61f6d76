import type { Kysely } from 'kysely';

// The same counts as 2026-12-14T0200, for the person's own rows in three tables whose keys
// start with the review or proposal: SQLite skips through such a key, PostgreSQL cannot and
// read every review answer of a county (39 ms) and every participation record (25 ms).
const indexes: Array<[name: string, table: string, column: string]> = [
  ['review_answers_person', 'review_answers', 'person_id'],
  ['review_invitations_person', 'review_invitations', 'person_id'],
  ['proposal_participation_person', 'proposal_participation', 'person_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of indexes) await db.schema.createIndex(name).on(table).columns(['organisation_id', column]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
