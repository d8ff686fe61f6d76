// Easy read (issue 24). Joined into Database in ../schema.ts.

/** Easy read is on by default for this person: they chose it, or staff set it when asked. */
export interface EasyReadReadersTable {
  organisation_id: string;
  person_id: string;
  /** Who set it: the person, or the staff member who set it for them. */
  set_by: string | null;
  set_at: string;
}

/** The easy read version of a meeting's summary (subject: the meeting) or of one of its decisions. */
export interface EasyReadVersionsTable {
  organisation_id: string;
  kind: 'summary' | 'decision';
  subject_id: string;
  meeting_id: string;
  body: string;
  written_by: string | null;
  written_at: string;
}

export interface EasyReadTables {
  easy_read_readers: EasyReadReadersTable;
  easy_read_versions: EasyReadVersionsTable;
}
