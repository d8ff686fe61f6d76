import type { Insertable, Selectable, Updateable } from 'kysely';

// Booleans are stored as 0/1 and timestamps as UTC ISO text on both databases, so rows
// look the same whichever dialect produced them. Lists are JSON text.
type Flag = number;
type IsoTime = string;
type IsoDate = string;
type JsonText = string;

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  area: string;
  created_at: IsoTime;
}

export interface PeopleTable {
  id: string;
  organisation_id: string;
  full_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  email: string | null;
  mobile: string | null;
  landline: string | null;
  address: string | null;
  contact_order: JsonText;
  contact_times: string | null;
  skills: string | null;
  knowledge: string | null;
  lived_experience: string | null;
  interests: string | null;
  time_to_give: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface PersonPerspectivesTable {
  organisation_id: string;
  person_id: string;
  perspective: string;
}

export interface AccessNeedsTable {
  organisation_id: string;
  person_id: string;
  consent_given: Flag;
  consent_recorded_at: IsoTime;
  consent_recorded_by: string | null;
  formats: JsonText;
  interpreter_language: string | null;
  physical: JsonText;
  support: JsonText;
  dietary: string | null;
  other: string | null;
  updated_at: IsoTime;
}

export interface AccountsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  email: string;
  role: 'admin' | 'facilitator' | 'member';
  password_hash: string | null;
  active: Flag;
  created_at: IsoTime;
}

export interface SignInTokensTable {
  token_hash: string;
  account_id: string;
  expires_at: IsoTime;
  used_at: IsoTime | null;
}

export interface SessionsTable {
  id: string;
  data: JsonText;
  expires_at: IsoTime;
}

export interface AuditLogTable {
  id: string;
  organisation_id: string;
  at: IsoTime;
  actor_person_id: string | null;
  on_behalf_of_person_id: string | null;
  subject_type: string;
  subject_id: string;
  action: string;
  changes: JsonText;
}

export interface ProjectsTable {
  id: string;
  organisation_id: string;
  title: string;
  purpose: string;
  activities: JsonText;
  level_aim: string;
  stage: string;
  start_date: IsoDate;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface ProjectMembersTable {
  organisation_id: string;
  project_id: string;
  person_id: string;
  role: 'member' | 'co-chair' | 'lead';
  joined_on: IsoDate;
}

export interface ProjectStageChangesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  stage: string;
  changed_on: IsoDate;
  changed_at: IsoTime;
}

export interface ProjectAgreementsTable {
  organisation_id: string;
  project_id: string;
  version: number;
  meaning: string;
  principles: string;
  benefits: string;
  outcomes: string;
  updated_at: IsoTime;
  updated_by: string | null;
}

export interface AgreementSignaturesTable {
  organisation_id: string;
  project_id: string;
  person_id: string;
  version: number;
  agreed_at: IsoTime;
  recorded_by: string | null;
}

export interface OutboxTable {
  id: string;
  organisation_id: string | null;
  channel: 'email';
  recipient: string;
  subject: string;
  body_text: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'unknown';
  attempts: number;
  next_attempt_at: IsoTime;
  last_error: string | null;
  created_at: IsoTime;
  sent_at: IsoTime | null;
}

export interface VenuesTable {
  id: string;
  organisation_id: string;
  name: string;
  address: string;
  /** Set when the place is run by someone else: a community centre, a library. */
  run_by: string | null;
  features: JsonText;
  notes: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface Database {
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  person_perspectives: PersonPerspectivesTable;
  access_needs: AccessNeedsTable;
  accounts: AccountsTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_stage_changes: ProjectStageChangesTable;
  project_agreements: ProjectAgreementsTable;
  agreement_signatures: AgreementSignaturesTable;
  outbox: OutboxTable;
  venues: VenuesTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type OutboxRow = Selectable<OutboxTable>;
