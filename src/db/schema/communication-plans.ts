// A project's communication plan (issue 20, S4). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type PlanTopic = 'meetings' | 'papers' | 'decisions' | 'news' | 'reviews';
export type PlanFrequency = 'as-it-happens' | 'weekly' | 'monthly';

/** One row per project that has a plan: how it was agreed with the members. */
export interface CommunicationPlansTable {
  organisation_id: string;
  project_id: string;
  /** In the project's words: "agreed at the March meeting", say. */
  agreed_how: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** How one kind of thing is shared, and how often. No row: as it happens, each person's own way. */
export interface CommunicationPlanChoicesTable {
  organisation_id: string;
  project_id: string;
  topic: PlanTopic;
  frequency: PlanFrequency;
  by_meetings: Optional<number>;
  by_phone: Optional<number>;
  by_online: Optional<number>;
  by_email: Optional<number>;
  by_text: Optional<number>;
  by_letter: Optional<number>;
  by_word_of_mouth: Optional<number>;
  /** Named groups that pass it on by word of mouth (free text). */
  groups: string | null;
}

export interface CommunicationPlansTables {
  communication_plans: CommunicationPlansTable;
  communication_plan_choices: CommunicationPlanChoicesTable;
}
