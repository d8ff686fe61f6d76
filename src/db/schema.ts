import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { ClaimsTables } from './schema/claims.ts';
import type { DecisionLogTables } from './schema/decision-log.ts';
import type { DecisionsTables } from './schema/decisions.ts';
import type { ImpactTables } from './schema/impact.ts';
import type { ReachEveryoneTables } from './schema/reach-everyone.ts';
import type { LearningTables } from './schema/learning.ts';
import type { OutcomesTables } from './schema/outcomes.ts';
import type { RewardsTables } from './schema/rewards.ts';
import type { ReviewsTables } from './schema/reviews.ts';
import type { RepliesTables } from './schema/replies.ts';
import type { DataRightsTables } from './schema/data-rights.ts';
import type { TimebankTables } from './schema/timebank.ts';
import type { TextsTables } from './schema/texts.ts';
import type { SupportersTables } from './schema/supporters.ts';
import type { TimePollsTables } from './schema/time-polls.ts';
import type { SignInSecurityTables } from './schema/sign-in-security.ts';
import type { SignInLimitsTables } from './schema/sign-in-limits.ts';
import type { EqualityTables } from './schema/equality.ts';
import type { SafeguardingTables } from './schema/safeguarding.ts';
import type { BuddiesTables } from './schema/buddies.ts';
import type { StaffTimeTables } from './schema/staff-time.ts';
import type { LanguageTables } from './schema/languages.ts';
import type { IndependentFacilitatorsTables } from './schema/independent-facilitators.ts';
import type { PlainWordsTables } from './schema/plain-words.ts';
import type { EasyReadTables } from './schema/easy-read.ts';
import type { LearnTables } from './schema/learn.ts';
import type { CommissioningTables } from './schema/commissioning.ts';
import type { CommunityGroupsTables } from './schema/community-groups.ts';
import type { KeptInternalTables } from './schema/kept-internal.ts';
import type { CharterTables } from './schema/charter.ts';
import type { DisplaySettingsTables } from './schema/display-settings.ts';
import type { RisksTables } from './schema/risks.ts';
import type { CommunicationPlansTables } from './schema/communication-plans.ts';

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
  /** Printed on letters for replies by phone or post (issue 16); null until an admin sets them. */
  reply_phone: ColumnType<string | null, string | null | undefined, string | null>;
  reply_address: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** JSON {days, parts}: when meetings do not suit them. */
  unsuitable_times: JsonText | null;
  /** JSON list of channels they asked not to be sent anything on. */
  opted_out: ColumnType<JsonText, JsonText | undefined, JsonText>;
  calendar_feed_version: number | null;
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
  /** Normalised (lower case); null when they sign in by text only. One account per address in an organisation. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** E.164 (+447...), for sign-in by a code sent by text; null when they do not. */
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
  role: 'admin' | 'facilitator' | 'member' | 'independent-facilitator';
  password_hash: string | null;
  active: Flag;
  created_at: IsoTime;
}

/** A sign-in link proves an email address; it then opens the accounts that address opens. */
export interface SignInTokensTable {
  token_hash: string;
  email: string;
  expires_at: IsoTime;
  used_at: IsoTime | null;
}

/** A six-digit code sent by text, kept only as a keyed hash. */
export interface SignInCodesTable {
  id: string;
  mobile: string;
  code_hash: string;
  tries: ColumnType<number, number | undefined, number>;
  expires_at: IsoTime;
  used_at: IsoTime | null;
  created_at: IsoTime;
}

export interface SessionsTable {
  id: string;
  data: JsonText;
  expires_at: IsoTime;
  /** The account signed in, so its other sessions can be ended (password or role changed). */
  account_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When it signed in: a session ends SESSION_MAX_HOURS after, however busy. */
  signed_in_at: ColumnType<IsoTime | null, IsoTime | null | undefined, IsoTime | null>;
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

/** phone: a call (or a word in person) that staff make from the call list. */
export type OutboxChannel = 'email' | 'text' | 'letter' | 'phone';
export type OutboxKind =
  | 'sign-in'
  | 'invitation'
  | 'reminder'
  | 'summary'
  | 'reply-confirmation'
  | 'change'
  | 'cancellation'
  | 'vote-invitation'
  | 'vote-reminder'
  | 'decision'
  | 'decision-update'
  | 'survey'
  | 'timebank'
  | 'access-review'
  | 'papers'
  | 'statement'
  | 'time-poll'
  | 'equality'
  | 'safeguarding'
  | 'charter'
  /** A link to a learning module (issue 22, P3). */
  | 'learn'
  /** A commissioning panel member's personal link to declare interests and score bids (issue 23, P7). */
  | 'commissioning'
  /** The draft of the commissioning policy, for a member to comment on (issue 23, P6). */
  | 'commissioning-policy'
  /** Notices a communication plan held, gathered into one message (issue 20, S4). */
  | 'digest';

export interface OutboxTable {
  id: string;
  organisation_id: string | null;
  person_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the message is about, such as a meeting's id, so its page can list them. */
  about_id: ColumnType<string | null, string | null | undefined, string | null>;
  kind: ColumnType<OutboxKind, OutboxKind | undefined, OutboxKind>;
  channel: OutboxChannel;
  /** An email address, a mobile number, or a postal address. */
  recipient: string;
  subject: string;
  body_text: string;
  /**
   * held: no way to send it here, kept for staff to read; to-print: a letter for staff to
   * print and post; to-call: on the staff call list.
   */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'unknown' | 'to-print' | 'to-call' | 'digest';
  attempts: number;
  next_attempt_at: IsoTime;
  last_error: string | null;
  created_at: IsoTime;
  sent_at: IsoTime | null;
  /** JSON list of {filename, contentType, content} with content as UTF-8 text. */
  attachments: ColumnType<JsonText, JsonText | undefined, JsonText>;
  /** The same key can be queued only once: a retry or a second worker cannot send twice. */
  dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** After this the message is worth nothing (a sign-in link that has run out): never sent. */
  expires_at: ColumnType<IsoTime | null, IsoTime | null | undefined, IsoTime | null>;
  /** Why a failed message failed for good; null when it failed after every try. */
  failure: ColumnType<OutboxFailure | null, OutboxFailure | null | undefined, OutboxFailure | null>;
  /** The project it is about, so that project's facilitators can read it and send it by hand. */
  project_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whom a letter is addressed to: the first line of its address. Null for other channels. */
  recipient_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** digest: the project's plan holds this notice for a digest that goes at this time (S4). */
  held_until: ColumnType<IsoTime | null, IsoTime | null | undefined, IsoTime | null>;
  /** The digest message a held notice went out in; null while it waits. */
  digest_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** refused: the service said it will never accept it; expired: it ran out before it went. */
export type OutboxFailure = 'refused' | 'expired';

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

export type MeetingFormat = 'in-person' | 'online' | 'phone' | 'hybrid';

export interface MeetingsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  title: string;
  purpose: string;
  starts_at: IsoTime;
  ends_at: IsoTime;
  format: MeetingFormat;
  venue_id: string | null;
  joining_details: string | null;
  /** People who draw on care and support and carers meeting on their own. */
  members_only: Flag;
  /** JSON list of what has been arranged: interpreter, easy read papers, transport ... */
  arrangements: JsonText;
  interpreter_languages: string | null;
  /** A pre-meeting (issue 22, P5): the meeting of the same project it prepares for. */
  pre_meeting_of: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_at: IsoTime | null;
  invitations_sent_at: IsoTime | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export type InvitationReply = 'none' | 'yes' | 'no' | 'maybe';

export interface MeetingInviteesTable {
  organisation_id: string;
  meeting_id: string;
  person_id: string;
  /** How the invitation went: email, text, letter, phone, or none when they cannot be reached. */
  channel: string | null;
  invited_at: IsoTime | null;
  reply: InvitationReply;
  replied_at: IsoTime | null;
  /** Staff who took the reply by phone or in person; null when the person replied. */
  reply_recorded_by: string | null;
  reply_note: string | null;
  reminded_at: IsoTime | null;
}

export interface MeetingGapAcceptancesTable {
  organisation_id: string;
  meeting_id: string;
  person_id: string;
  need: string;
  reason: string;
  accepted_by: string;
  accepted_at: IsoTime;
}

export interface MeetingPapersTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  title: string;
  /** What the paper is about in plain words (issue 24); null when staff did not write one. */
  summary: string | null;
  created_at: IsoTime;
}

export interface MeetingPaperFilesTable {
  id: string;
  organisation_id: string;
  paper_id: string;
  format: string;
  file_name: string;
  stored_name: string;
  media_type: string;
  size_bytes: number;
  uploaded_at: IsoTime;
  uploaded_by: string | null;
}

export type AttendanceStatus = 'present' | 'apologies' | 'absent';

export interface MeetingAttendanceTable {
  organisation_id: string;
  meeting_id: string;
  person_id: string;
  status: AttendanceStatus;
  arrived_at: IsoTime | null;
  left_at: IsoTime | null;
  /** Real time present, in whole minutes: payments and time credits are worked out from it. */
  minutes_present: number | null;
  recorded_by: string | null;
  recorded_at: IsoTime;
}

export interface MeetingNotesTable {
  meeting_id: string;
  organisation_id: string;
  discussed: string;
  summary: string | null;
  updated_at: IsoTime;
  updated_by: string | null;
  summary_published_at: IsoTime | null;
}

export interface MeetingDecisionsTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  text: string;
  /** The decision in Welsh, when staff wrote it (issue 24). */
  text_welsh: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: IsoTime;
}

export type ActionStatus = 'to-do' | 'doing' | 'done';

export interface MeetingActionsTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  what: string;
  /** The action in Welsh, when staff wrote it (issue 24). */
  what_welsh: ColumnType<string | null, string | null | undefined, string | null>;
  owner_person_id: string | null;
  due_on: IsoDate | null;
  status: ActionStatus;
  created_at: IsoTime;
  updated_at: IsoTime;
}

/** Requests counted per key (an address and a route) in the current window: see platform/rate-limit-store.ts. */
/** Written only by the database's triggers; see src/platform/kept-figures.ts. PostgreSQL's bigint comes back as text. */
export interface FigureVersionsTable {
  organisation_id: string;
  version: ColumnType<number | string, number, number>;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  /** Milliseconds since 1970; PostgreSQL's bigint comes back as text. */
  window_started_ms: ColumnType<number | string, number, number>;
}

/** Every table. Later areas keep their tables in schema/ and join them here. */
export interface Database
  extends
    TimebankTables,
    TextsTables,
    RewardsTables,
    ClaimsTables,
    DecisionsTables,
    DecisionLogTables,
    LearningTables,
    OutcomesTables,
    ReviewsTables,
    ImpactTables,
    ReachEveryoneTables,
    RepliesTables,
    DataRightsTables,
    SupportersTables,
    TimePollsTables,
    SignInSecurityTables,
    SignInLimitsTables,
    EqualityTables,
    SafeguardingTables,
    BuddiesTables,
    StaffTimeTables,
    LanguageTables,
    IndependentFacilitatorsTables,
    PlainWordsTables,
    EasyReadTables,
    LearnTables,
    CommissioningTables,
    CommunityGroupsTables,
    CommunicationPlansTables,
    KeptInternalTables,
    RisksTables,
    CharterTables,
    DisplaySettingsTables {
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  person_perspectives: PersonPerspectivesTable;
  access_needs: AccessNeedsTable;
  accounts: AccountsTable;
  sign_in_tokens: SignInTokensTable;
  sign_in_codes: SignInCodesTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  figure_versions: FigureVersionsTable;
  audit_log: AuditLogTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_stage_changes: ProjectStageChangesTable;
  project_agreements: ProjectAgreementsTable;
  agreement_signatures: AgreementSignaturesTable;
  outbox: OutboxTable;
  venues: VenuesTable;
  meetings: MeetingsTable;
  meeting_invitees: MeetingInviteesTable;
  meeting_gap_acceptances: MeetingGapAcceptancesTable;
  meeting_papers: MeetingPapersTable;
  meeting_paper_files: MeetingPaperFilesTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_notes: MeetingNotesTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_actions: MeetingActionsTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type MeetingRow = Selectable<MeetingsTable>;
