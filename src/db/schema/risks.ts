// Risk logs (C3, issue 21): each project's and the organisation's, made with members.
// Joined into Database in ../schema.ts. Times are UTC ISO text; *_on are London dates.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

export type Likelihood = 'unlikely' | 'possible' | 'likely';
export type Severity = 'minor' | 'serious' | 'very-serious';

export interface RisksTable {
  id: string;
  organisation_id: string;
  /** Null: the organisation's own log. */
  project_id: string | null;
  /** The risk, in the words of whoever named it. */
  title: string;
  affects: string | null;
  likelihood: Likelihood;
  severity: Severity;
  /** What we will do about it. */
  plan: string | null;
  owner_person_id: string | null;
  /** When we look at it again (YYYY-MM-DD). */
  review_on: string;
  last_reviewed_on: Optional<string | null>;
  raised_by: string | null;
  raised_at: string;
  updated_at: string;
  closed_at: Optional<string | null>;
  closed_by: Optional<string | null>;
}

/** A comment, or a note that someone looked at the risk again. */
export interface RiskCommentsTable {
  id: string;
  organisation_id: string;
  risk_id: string;
  person_id: string | null;
  kind: 'comment' | 'looked-again';
  body: string;
  created_at: string;
}

/** A "positive risk-taking" decision: doing something despite the risk, and why. */
export interface RiskDecisionsTable {
  id: string;
  organisation_id: string;
  risk_id: string;
  decided_on: string;
  what: string;
  why: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** Who agreed to a decision and on which day; recorded_by differs when staff wrote it down for them. */
export interface RiskDecisionAgreementsTable {
  decision_id: string;
  organisation_id: string;
  person_id: string;
  agreed_on: string;
  recorded_by: string | null;
}

export interface RisksTables {
  risks: RisksTable;
  risk_comments: RiskCommentsTable;
  risk_decisions: RiskDecisionsTable;
  risk_decision_agreements: RiskDecisionAgreementsTable;
}
