// Tables of texts people send back (issue 16). Joined into Database in ../schema.ts.

export type ReceivedTextOutcome = 'unread' | 'meeting-reply' | 'vote-reply' | 'time-poll-reply' | 'stopped' | 'unmatched';

export interface ReceivedTextsTable {
  id: string;
  provider: string;
  provider_id: string;
  organisation_id: string | null;
  from_number: string;
  /** The number the text was sent to, in international form when it is one; null when the provider did not say. */
  to_number: string | null;
  body: string;
  received_at: string;
  stored_at: string;
  person_id: string | null;
  outcome: ReceivedTextOutcome;
  meeting_id: string | null;
  reply: string | null;
  status: 'to-do' | 'done';
  dealt_with_by: string | null;
  dealt_with_at: string | null;
  dealt_with_note: string | null;
}

export interface TextsTables {
  received_texts: ReceivedTextsTable;
}
