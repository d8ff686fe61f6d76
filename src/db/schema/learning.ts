// Tables of the learning loop (issue 6, V3): improvement actions and the lessons log.
// Joined into Database in ../schema.ts. Dates are London YYYY-MM-DD.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type IsoDate = string;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type ImprovementStatus = 'not-started' | 'in-progress' | 'done';

/** Something we will change because of what a review or a project found. */
export interface ImprovementActionsTable {
  id: string;
  organisation_id: string;
  what: string;
  owner_person_id: string;
  due_on: IsoDate;
  status: ImprovementStatus;
  /** Written when the action is done: what is different now. */
  what_changed: Optional<string | null>;
  done_on: Optional<IsoDate | null>;
  project_id: string | null;
  /** A review cycle's id. No foreign key: reviews live in their own module. */
  review_cycle_id: string | null;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
}

/** The recommendation codes (C1 ... V4) an action or a lesson serves. */
export interface LearningCodesTable {
  organisation_id: string;
  /** 'action' or 'lesson'. */
  subject_type: 'action' | 'lesson';
  subject_id: string;
  code: string;
}

export interface LessonsTable {
  id: string;
  organisation_id: string;
  title: string;
  worked: string | null;
  did_not_work: string | null;
  do_differently: string | null;
  project_id: string | null;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
}

export interface LearningTables {
  improvement_actions: ImprovementActionsTable;
  learning_codes: LearningCodesTable;
  lessons: LessonsTable;
}
