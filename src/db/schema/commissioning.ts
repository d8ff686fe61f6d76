// Co-produced commissioning (P6, P7, issue 23). Joined into Database in ../schema.ts.

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
}
