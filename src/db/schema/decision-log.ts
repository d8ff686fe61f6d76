// Tables of the decision log and "you said, we did" (issue 5). Joined into Database in ../schema.ts.
// A decision record never changes once sent out: corrections are notes added after it.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type IsoDate = string;
type JsonText = string;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type DecisionActionStatus = 'not-started' | 'in-progress' | 'done';

export interface DecisionRecordsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  /** The proposal voted on, if any. Text, not a foreign key: proposals are another module's. One record per proposal. */
  proposal_id: string | null;
  meeting_id: string | null;
  decided: string;
  why: string;
  /**
   * JSON {invited, tookPart, byPerspective: [{group, invited, tookPart}]}: numbers only,
   * never names, so a secret vote stays secret. Null when nobody counted.
   */
  taking_part: JsonText | null;
  /** The London date the decision was made. */
  decided_on: IsoDate;
  recorded_at: IsoTime;
  recorded_by: string | null;
  /** When it went out to the project's members. */
  sent_at: Optional<IsoTime | null>;
}

/** A correction or later word on a decision: added, never changed. */
export interface DecisionNotesTable {
  id: string;
  organisation_id: string;
  decision_id: string;
  text: string;
  added_at: IsoTime;
  added_by: string | null;
}

export interface DecisionActionsTable {
  id: string;
  organisation_id: string;
  decision_id: string;
  what: string;
  owner_person_id: string;
  due_on: IsoDate;
  status: DecisionActionStatus;
  /** "What we did": the report back, required when the action is done. */
  what_we_did: Optional<string | null>;
  done_on: Optional<IsoDate | null>;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
  updated_by: string | null;
}

export interface DecisionLogTables {
  decision_records: DecisionRecordsTable;
  decision_notes: DecisionNotesTable;
  decision_actions: DecisionActionsTable;
}
