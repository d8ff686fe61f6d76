// Tables of outcomes that matter (issue 6, V4): what a project's members value and how
// it is measured, short surveys before and after, counts over time, and stories told
// with consent. Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type IsoDate = string;
type Flag = number;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type OutcomeMeasure = 'scale' | 'count';
export type SurveyPhase = 'before' | 'after';
/** How an answer reached us: the person on a page, by their link, or staff for them. */
export type AnswerWay = 'signed-in' | 'link' | 'staff';
export type StoryKind = 'text' | 'audio' | 'video';

export interface ProjectOutcomesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  /** In the members' own words: "I feel listened to". */
  title: string;
  measure: OutcomeMeasure;
  /** For a scale: the question asked, answered 1 to 5. */
  question: string | null;
  /** For a count: what is counted. */
  unit: string | null;
  /** How and when the members chose it. */
  agreed_how: string | null;
  created_at: IsoTime;
  created_by: string | null;
}

export interface OutcomeCountsTable {
  id: string;
  organisation_id: string;
  outcome_id: string;
  on_date: IsoDate;
  value: number;
  note: string | null;
  recorded_at: IsoTime;
  recorded_by: string | null;
}

export interface SurveyRoundsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  phase: SurveyPhase;
  opens_on: IsoDate;
  closes_on: IsoDate;
  sent_at: Optional<IsoTime | null>;
  created_at: IsoTime;
  created_by: string | null;
}

export interface SurveyAnswersTable {
  organisation_id: string;
  round_id: string;
  outcome_id: string;
  person_id: string;
  /** 1 (not at all) to 5 (very much). */
  score: number;
  way: AnswerWay;
  /** Staff who took the answer by phone or in person; null when the person answered. */
  recorded_by: string | null;
  answered_at: IsoTime;
}

export interface StoriesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  teller_person_id: string;
  title: string;
  kind: StoryKind;
  /** The written story, or a short written account of a recording. */
  body_text: string | null;
  file_name: string | null;
  stored_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  told_on: IsoDate;
  /** 1: shown with the name below; 0: shown as "Anonymous". */
  show_name: Flag;
  display_name: string | null;
  consent_given_at: IsoTime;
  /** Staff who recorded consent given in person; null when the teller gave it here. */
  consent_recorded_by: string | null;
  for_reports: Flag;
  for_reports_by: Optional<string | null>;
  withdrawn_at: Optional<IsoTime | null>;
  withdrawn_by: Optional<string | null>;
  created_at: IsoTime;
  created_by: string | null;
}

export interface OutcomesTables {
  project_outcomes: ProjectOutcomesTable;
  outcome_counts: OutcomeCountsTable;
  survey_rounds: SurveyRoundsTable;
  survey_answers: SurveyAnswersTable;
  stories: StoriesTable;
}
