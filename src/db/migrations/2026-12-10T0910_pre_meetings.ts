import type { Kysely } from 'kysely';

// Issue 22 (P5): members prepare together before a meeting with staff. A pre-meeting is a
// members-only meeting of the same project that names the meeting it prepares for.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('pre_meeting_of', 'text').execute();
  // The main meeting's page lists its pre-meetings.
  await db.schema.createIndex('meetings_pre_meeting_of').on('meetings').columns(['organisation_id', 'pre_meeting_of']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_pre_meeting_of').execute();
  await db.schema.alterTable('meetings').dropColumn('pre_meeting_of').execute();
}
