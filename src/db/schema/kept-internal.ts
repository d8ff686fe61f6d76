// Reports staff keep from members (issue 21, C1, V4). Joined into Database in ../schema.ts.

/** Which kind of report: a project's impact report (subject: the project) or a review's results (subject: the cycle). */
export type SharedReport = 'project-impact' | 'review-results';

/** One row per report kept inside the team; no row means members may read it (the default). */
export interface KeptInternalTable {
  organisation_id: string;
  report: SharedReport;
  subject_id: string;
  kept_at: string;
}

export interface KeptInternalTables {
  kept_internal: KeptInternalTable;
}
