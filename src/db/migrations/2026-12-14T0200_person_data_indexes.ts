import type { Kysely } from 'kysely';

// A person's copy of their data (`/people/:id/data`) and the erasure page count, column by
// column of the person data map, the rows that name them, including the records a member of
// staff made about others. At county size these columns had no index: for a member of staff,
// the page read a million audit entries twice and every claim five times (about 450 ms on
// SQLite). Each index is (organisation_id, column), as the map's counts and reads ask.
const indexes: Array<[name: string, table: string, column: string]> = [
  ['audit_log_actor', 'audit_log', 'actor_person_id'],
  ['audit_log_on_behalf_of', 'audit_log', 'on_behalf_of_person_id'],
  ['claims_created_by', 'claims', 'created_by'],
  ['claims_submitted_by', 'claims', 'submitted_by'],
  ['claims_approved_by', 'claims', 'approved_by'],
  ['claims_rejected_by', 'claims', 'rejected_by'],
  ['claims_paid_by', 'claims', 'paid_by'],
  ['meeting_invitees_reply_recorded_by', 'meeting_invitees', 'reply_recorded_by'],
  ['meeting_attendance_recorded_by', 'meeting_attendance', 'recorded_by'],
  ['timebank_transactions_recorded_by', 'timebank_transactions', 'recorded_by'],
  ['timebank_transactions_on_behalf_of', 'timebank_transactions', 'on_behalf_of'],
  ['review_answers_recorded_by', 'review_answers', 'recorded_by'],
  ['outbox_person', 'outbox', 'person_id'],
  ['outbox_recipient', 'outbox', 'recipient'],
  ['proposal_ballots_voter_person', 'proposal_ballots', 'voter_person_id'],
  ['proposal_participation_recorded_by', 'proposal_participation', 'recorded_by'],
  ['learn_completions_recorded_by', 'learn_completions', 'recorded_by'],
  ['time_poll_answers_person', 'time_poll_answers', 'person_id'],
  ['equality_answers_recorded_by', 'equality_answers', 'recorded_by'],
  ['meeting_actions_owner', 'meeting_actions', 'owner_person_id'],
  ['meeting_notes_updated_by', 'meeting_notes', 'updated_by'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of indexes) await db.schema.createIndex(name).on(table).columns(['organisation_id', column]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
