// Co-produced commissioning (P6, P7, issue 23). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

/** One version of the organisation's commissioning policy; a change adds a version. */
export interface CommissioningPoliciesTable {
  id: string;
  organisation_id: string;
  version: number;
  /** JSON list of recommendation codes providers must show. */
  codes: string;
  /** JSON list of { name, weight }: the co-production criteria every round starts with. */
  criteria: string;
  bid_checks: string;
  contract_checks: string;
  written_with: string;
  created_by: string | null;
  created_at: string;
}

export type RoundKind = 'service' | 'grant';
/** How a panel member's declaration or scores came when they did not sign in. */
export type PanelHow = 'link' | 'phone' | 'letter' | 'in-person';
export type RoundStage = 'preparing' | 'alone' | 'together' | 'published';

export interface CommissioningRoundsTable {
  id: string;
  organisation_id: string;
  /** The round's project: panel meetings are its meetings, so claims work as for any meeting. */
  project_id: string;
  title: string;
  kind: RoundKind;
  purpose: string;
  bids_close_on: string;
  panel_meets_on: string;
  decision_due_on: string;
  policy_version: number | null;
  stage: RoundStage;
  summary: string | null;
  decision_id: string | null;
  published_at: string | null;
  provider_group_id: string | null;
  created_by: string | null;
  created_at: string;
  /** The earlier round of the same service: this round starts from what its last check found. */
  follows_round_id: string | null;
}

export interface CommissioningCriteriaTable {
  id: string;
  organisation_id: string;
  round_id: string;
  name: string;
  weight: number;
  from_policy: number;
  position: number;
}

export interface CommissioningBidsTable {
  id: string;
  organisation_id: string;
  round_id: string;
  bidder: string;
  summary: string;
  /** The summary in easy read (short sentences, "**" marks a key word), for panel members who read it; null until staff write it. */
  easy_read_summary: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  stored_name: string;
  added_by: string | null;
  added_at: string;
}

export interface CommissioningPanelTable {
  organisation_id: string;
  round_id: string;
  person_id: string;
  added_at: string;
  declared_at: string | null;
  agreed_at: string | null;
  /** How the interests were declared when not by signing in, and who recorded them. */
  declared_how: ColumnType<PanelHow | null, PanelHow | null | undefined, PanelHow | null>;
  declared_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CommissioningConflictsTable {
  organisation_id: string;
  round_id: string;
  bid_id: string;
  person_id: string;
  reason: string;
  declared_at: string;
}

export interface CommissioningScoresTable {
  organisation_id: string;
  round_id: string;
  bid_id: string;
  criterion_id: string;
  person_id: string;
  score: number;
  scored_at: string;
  /** How a score given alone came when not by signing in: by a personal link, or told to staff. */
  how: ColumnType<PanelHow | null, PanelHow | null | undefined, PanelHow | null>;
  /** The staff member who recorded it (phone, letter, in person). */
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CommissioningAgreedTable {
  organisation_id: string;
  round_id: string;
  bid_id: string;
  criterion_id: string;
  score: number;
  agreed_at: string;
}

export interface CommissioningModerationTable {
  id: string;
  organisation_id: string;
  round_id: string;
  bid_id: string;
  criterion_id: string;
  /** What it was before: the mean of the scores given alone ("3.5"), or the earlier agreed score. */
  before: string | null;
  score: number;
  reason: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** A co-production promise of the winning bid, in words a review can check. */
export interface CommissioningCommitmentsTable {
  id: string;
  organisation_id: string;
  round_id: string;
  /** The criterion the promise answers, when it came from one. */
  criterion_id: string | null;
  promise: string;
  position: number;
  created_by: string | null;
  created_at: string;
}

export type CheckOutcome = 'done' | 'partly' | 'not';
/** How a check came: the person signed in, or staff heard it. */
export type CheckHow = 'sign-in' | 'phone' | 'letter' | 'in-person';

/** One person's check of one commitment, in one of the organisation's reviews. */
export interface CommissioningChecksTable {
  id: string;
  organisation_id: string;
  round_id: string;
  commitment_id: string;
  /** The organisation's review (review_cycles) the check was made in. */
  cycle_id: string;
  person_id: string;
  outcome: CheckOutcome;
  evidence: string;
  how: CheckHow;
  recorded_by: string | null;
  checked_at: string;
}

/** A draft of the next policy version, for members to comment on; published_version once published. */
export interface CommissioningPolicyDraftsTable {
  id: string;
  organisation_id: string;
  codes: string;
  criteria: string;
  bid_checks: string;
  contract_checks: string;
  written_with: string;
  published_version: number | null;
  updated_by: string | null;
  updated_at: string;
}

export type PolicyCommentHow = 'sign-in' | 'link' | 'phone' | 'letter' | 'in-person';

/** One person's comment on a draft: they agree, or say what to change. */
export interface CommissioningPolicyCommentsTable {
  id: string;
  organisation_id: string;
  draft_id: string;
  person_id: string;
  answer: 'agree' | 'change';
  words: string | null;
  how: PolicyCommentHow;
  recorded_by: string | null;
  commented_at: string;
}

export interface CommissioningTables {
  commissioning_policies: CommissioningPoliciesTable;
  commissioning_rounds: CommissioningRoundsTable;
  commissioning_criteria: CommissioningCriteriaTable;
  commissioning_bids: CommissioningBidsTable;
  commissioning_panel: CommissioningPanelTable;
  commissioning_conflicts: CommissioningConflictsTable;
  commissioning_scores: CommissioningScoresTable;
  commissioning_agreed: CommissioningAgreedTable;
  commissioning_moderation: CommissioningModerationTable;
  commissioning_commitments: CommissioningCommitmentsTable;
  commissioning_checks: CommissioningChecksTable;
  commissioning_policy_drafts: CommissioningPolicyDraftsTable;
  commissioning_policy_comments: CommissioningPolicyCommentsTable;
}
