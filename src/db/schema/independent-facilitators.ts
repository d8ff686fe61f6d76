// Independent facilitators (issue 22). Joined into Database in ../schema.ts.

/** Where an independent facilitator may work: one project (all its meetings) or one meeting. */
export interface IndependentFacilitatorNamingsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  project_id: string | null;
  meeting_id: string | null;
  named_by_person_id: string | null;
  named_at: string;
  /** Set when the naming ends; the row stays for the review. */
  removed_at: string | null;
}

export interface IndependentFacilitatorsTables {
  independent_facilitator_namings: IndependentFacilitatorNamingsTable;
}
