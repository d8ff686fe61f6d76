// The co-production charter (C1, C2, issue 21). Joined into Database in ../schema.ts.
// Times are UTC ISO text.

export type CharterAnswer = 'agree' | 'change';
/** How the answer came: the person signed in, used their personal link, or staff heard it. */
export type CharterAnswerHow = 'sign-in' | 'link' | 'phone' | 'letter' | 'in-person';

/** One version of the charter; the draft is the one not yet published (at most one). */
export interface CharterVersionsTable {
  id: string;
  organisation_id: string;
  version: number;
  meaning: string;
  equality: string;
  diversity: string;
  accessibility: string;
  reciprocity: string;
  benefits: string;
  outcomes: string;
  commitments: string;
  /** The senior leader who answers for it: a person in the organisation. */
  sponsor_person_id: string | null;
  sponsor_role: string | null;
  updated_at: string;
  updated_by: string | null;
  published_at: string | null;
  published_by: string | null;
}

/** One person's answer to one version: they agree, or say what they would change. */
export interface CharterAnswersTable {
  id: string;
  organisation_id: string;
  version: number;
  person_id: string;
  answer: CharterAnswer;
  would_change: string | null;
  how: CharterAnswerHow;
  /** Staff who typed it in from a call or a letter; null when the person answered. */
  recorded_by: string | null;
  answered_at: string;
}

export interface CharterTables {
  charter_versions: CharterVersionsTable;
  charter_answers: CharterAnswersTable;
}
