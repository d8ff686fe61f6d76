// Tables of issue 16, "Reach everyone": access needs reviews and papers sent to each person.
// Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

// As in ../schema.ts: flags are 0/1, timestamps UTC ISO text, dates YYYY-MM-DD in London.
type Flag = number;
type IsoTime = string;
type IsoDate = string;

/** When a person's access needs and contact choices are next asked about (AIS step 6). */
export interface AccessReviewsTable {
  organisation_id: string;
  person_id: string;
  due_on: IsoDate;
  /** When the ask for this due date was queued; null until then, so it goes once. */
  asked_at: ColumnType<IsoTime | null, IsoTime | null | undefined, IsoTime | null>;
  /** When the needs were last recorded, changed or confirmed as unchanged. */
  reviewed_at: IsoTime;
  reviewed_by: string | null;
}

/** One version of one paper sent to one person: never twice. */
export interface PaperSendingsTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  person_id: string;
  paper_id: string;
  file_id: string;
  format: string;
  channel: string;
  outbox_id: string | null;
  sent_at: IsoTime;
  late: Flag;
  post_by: IsoDate | null;
}

export interface ReachEveryoneTables {
  access_reviews: AccessReviewsTable;
  paper_sendings: PaperSendingsTable;
}
