// Welsh (issue 24). Joined into Database in ../schema.ts.

/** Whether the organisation speaks Welsh, and which language comes first when it does. */
export interface OrganisationLanguagesTable {
  organisation_id: string;
  welsh: 'off' | 'english-first' | 'welsh-first';
  updated_at: string;
}

/** The language a person chose for pages and for messages to them. */
export interface LanguagePreferencesTable {
  organisation_id: string;
  person_id: string;
  language: 'en' | 'cy';
  updated_at: string;
}

/** The Welsh that staff wrote beside their English: a project's purpose, a meeting's summary. */
export interface WelshVersionsTable {
  organisation_id: string;
  subject_type: 'project' | 'meeting';
  subject_id: string;
  field: 'purpose' | 'summary';
  text: string;
  updated_at: string;
}

export interface LanguageTables {
  organisation_languages: OrganisationLanguagesTable;
  language_preferences: LanguagePreferencesTable;
  welsh_versions: WelshVersionsTable;
}
