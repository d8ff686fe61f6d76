// "When can everyone come?" (issue 17): a poll of possible times for a meeting. Joined into
// Database in ../schema.ts.

/** yes: can come; maybe: can come if need be; no: cannot come. */
export type TimePollAnswer = 'yes' | 'maybe' | 'no';

/**
 * How an answer reached us: the person themself (signed in, by link or by text), their
 * supporter signed in, or staff who heard it (from the person or their supporter).
 */
export type TimePollAnsweredHow = 'self' | 'link' | 'text' | 'supporter' | 'phone' | 'letter' | 'in-person';

export interface TimePollsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  title: string;
  purpose: string;
  format: string;
  venue_id: string | null;
  joining_details: string | null;
  /** Answers are taken until then; it is also when the personal links stop working. */
  closes_at: string;
  /** open: taking answers; decided: a time was picked and the meeting made; cancelled: no meeting. */
  status: 'open' | 'decided' | 'cancelled';
  chosen_option_id: string | null;
  meeting_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  sent_at: string | null;
  created_by: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  /** What staff said when they cancelled it; people asked are told it. */
  cancel_reason: string | null;
}

export interface TimePollOptionsTable {
  id: string;
  organisation_id: string;
  poll_id: string;
  /** 1 to 8: the number people give in a text ("1Y 2N"). */
  position: number;
  starts_at: string;
  ends_at: string;
}

export interface TimePollInviteesTable {
  organisation_id: string;
  poll_id: string;
  person_id: string;
  answered_at: string | null;
  answered_how: TimePollAnsweredHow | null;
  /** Staff who recorded the answer for the person; null when they gave it themself. */
  answered_by: string | null;
  /** The supporter (supporters.id) who gave the answer for the person; null when the person gave it. */
  answered_supporter_id: string | null;
}

export interface TimePollAnswersTable {
  organisation_id: string;
  poll_id: string;
  option_id: string;
  person_id: string;
  answer: TimePollAnswer;
}

export interface TimePollsTables {
  time_polls: TimePollsTable;
  time_poll_options: TimePollOptionsTable;
  time_poll_invitees: TimePollInviteesTable;
  time_poll_answers: TimePollAnswersTable;
}
