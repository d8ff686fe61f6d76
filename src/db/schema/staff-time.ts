// Staff time for co-production (P4, issue 22). Joined into Database in ../schema.ts.
export interface StaffTeamsTable {
  id: string;
  organisation_id: string;
  name: string;
  created_at: string;
}

/** A staff member's team: one each. */
export interface StaffTeamMembersTable {
  organisation_id: string;
  person_id: string;
  team_id: string;
}

/** Minutes a week the organisation gives each staff role for co-production. */
export interface StaffTimeAllowancesTable {
  organisation_id: string;
  role: 'admin' | 'facilitator';
  minutes_a_week: number;
  updated_at: string;
}

/** Minutes one person used on one project in the week starting on week_start (a Monday). */
export interface StaffTimeEntriesTable {
  organisation_id: string;
  person_id: string;
  project_id: string;
  week_start: string;
  minutes: number;
  recorded_at: string;
}

export interface StaffTimeTables {
  staff_teams: StaffTeamsTable;
  staff_team_members: StaffTeamMembersTable;
  staff_time_allowances: StaffTimeAllowancesTable;
  staff_time_entries: StaffTimeEntriesTable;
}
