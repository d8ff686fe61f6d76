// Tables of review cycles (self-assessment against the jigsaw, issue 6). Joined into Database in ../schema.ts.

// As in ../schema.ts: timestamps UTC ISO text, dates YYYY-MM-DD in London.
type IsoTime = string;
type IsoDate = string;

/** One review: of the whole organisation (project_id null) or of one project. */
export interface ReviewCyclesTable {
  id: string;
  organisation_id: string;
  project_id: string | null;
  title: string;
  opens_on: IsoDate;
  closes_on: IsoDate;
  schedule: 'none' | 'quarterly' | 'six-monthly' | 'yearly';
  /** Flag a statement when the groups differ by this many tenths of a point (10 = 1 point). */
  gap_threshold_tenths: number;
  /** The cycle this one follows on from; unique, so a series never gets two next cycles. */
  follows_cycle_id: string | null;
  invitations_sent_at: IsoTime | null;
  closed_at: IsoTime | null;
  closed_by: string | null;
  created_at: IsoTime;
  created_by: string | null;
}

/** One person's answer to one statement. rating null with dont_know 1 is "Don't know". */
export interface ReviewAnswersTable {
  organisation_id: string;
  cycle_id: string;
  person_id: string;
  statement: string;
  rating: number | null;
  dont_know: number;
  comment: string | null;
  /** self: typed by the person; in-person or phone: told to staff, who recorded it. */
  way: 'self' | 'in-person' | 'phone' | 'letter';
  recorded_by: string | null;
  updated_at: IsoTime;
}

/** Who was invited to a cycle, and how. */
export interface ReviewInvitationsTable {
  organisation_id: string;
  cycle_id: string;
  person_id: string;
  invited_at: IsoTime;
}

export interface ReviewsTables {
  review_cycles: ReviewCyclesTable;
  review_answers: ReviewAnswersTable;
  review_invitations: ReviewInvitationsTable;
}
