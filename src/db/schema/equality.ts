// Equality monitoring (issue 19). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

/** How an answer came in: by the person (signed in or by link), or recorded by staff and how. */
export type EqualityRecordedHow = 'self' | 'link' | 'phone' | 'letter' | 'in-person' | 'supporter';

/** One person's voluntary answers; a null column is a question they left blank. */
export interface EqualityAnswersTable {
  organisation_id: string;
  person_id: string;
  age_band: string | null;
  sex: string | null;
  gender_identity: string | null;
  sexual_orientation: string | null;
  ethnic_group: string | null;
  /** The 5 high-level group of ethnic_group, kept beside it so it can be grouped by. */
  ethnic_high: string | null;
  religion: string | null;
  long_term_condition: string | null;
  activity_limitation: string | null;
  /** Disabled under the Equality Act, derived from the two questions above. */
  disability: string | null;
  unpaid_care: string | null;
  /** 1: the circumstances question was answered (rows below, "none" or "prefer not to say"). */
  circumstances_answered: Optional<number>;
  recorded_how: EqualityRecordedHow;
  recorded_by: string | null;
  /** The supporter (supporters.id) they answered with, by the supporter's own pages; null otherwise. */
  supporter_id: Optional<string | null>;
  answered_at: string;
  updated_at: string;
}

export interface EqualityCircumstancesTable {
  organisation_id: string;
  person_id: string;
  circumstance: string;
}

export interface EqualityLeadsTable {
  organisation_id: string;
  person_id: string;
  given_by: string | null;
  given_at: string;
}

export interface EqualityBenchmarksTable {
  organisation_id: string;
  grouping: string;
  category: string;
  hundredths: number;
  area: string;
  source: string;
  updated_at: string;
  updated_by: string | null;
}

export interface EqualityTables {
  equality_answers: EqualityAnswersTable;
  equality_circumstances: EqualityCircumstancesTable;
  equality_leads: EqualityLeadsTable;
  equality_benchmarks: EqualityBenchmarksTable;
}
