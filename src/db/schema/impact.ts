// Tables of the impact report and dashboard (issue 6). Joined into Database in ../schema.ts.

/**
 * Each organisation's small-number rule for figures shared beyond a project. No row: NHS
 * Digital's rule (fewer than 8 hidden, the rest rounded to the nearest 5).
 */
export interface ImpactSettingsTable {
  organisation_id: string;
  hide_below: number;
  round_to: number;
  updated_at: string;
  updated_by: string | null;
}

export interface ImpactTables {
  impact_settings: ImpactSettingsTable;
}
