// Learn together (P3, issue 22). Joined into Database in ../schema.ts.

/** How a module came to be marked done: by the person, by staff for them, or by a personal link. */
export type LearnHow = 'self' | 'staff' | 'group' | 'link';

/** An organisation's own words for a shipped module; without a row, the shipped text is used. */
export interface LearnModuleTextsTable {
  organisation_id: string;
  slug: string;
  title: string;
  body: string;
  question: string;
  updated_at: string;
  updated_by: string | null;
}

/** One person finished one module (once each); what they wrote to the reflection question. */
export interface LearnCompletionsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  slug: string;
  /** Their answer to the reflection question, if they gave one (never marked or tested). */
  reflection: string | null;
  how: LearnHow;
  recorded_by: string | null;
  completed_at: string;
}

/** Training the organisation records for a person: a course, the day, the time it took. */
export interface LearnTrainingTable {
  id: string;
  organisation_id: string;
  person_id: string;
  course: string;
  on_date: string;
  minutes: number;
  recorded_by: string | null;
  recorded_at: string;
}

export interface LearnTables {
  learn_module_texts: LearnModuleTextsTable;
  learn_completions: LearnCompletionsTable;
  learn_training: LearnTrainingTable;
}
