// Display settings (issue 24): how pages look for a person who signs in. Joined into
// Database in ../schema.ts. The values are those of src/modules/display-settings/choices.ts.
export interface DisplaySettingsTable {
  organisation_id: string;
  person_id: string;
  text_size: string;
  contrast: string;
  motion: string;
  /** 1: show the "Read this page aloud" button. */
  read_aloud: number;
  updated_at: string;
}

export interface DisplaySettingsTables {
  display_settings: DisplaySettingsTable;
}
