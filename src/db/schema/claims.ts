// Tables of claims, expenses and budgets (issue 4). Joined into Database in ../schema.ts.
// Money is integer pence, time is integer minutes, dates are London YYYY-MM-DD.
import type { ColumnType } from 'kysely';

type IsoTime = string;
type IsoDate = string;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type ClaimKind = 'payment' | 'expense';
export type ClaimStatus = 'draft' | 'submitted' | 'approved' | 'paid' | 'rejected';
/** How the person is rewarded for this claim: their reward choice on the day. */
export type ClaimWay = 'bank-transfer' | 'voucher' | 'lower-amount' | 'donation' | 'time-credits' | 'volunteer';

/**
 * One claim for time given (a payment, time credits, or hours volunteered) or one expense.
 * Payments and expenses share the workflow but never their totals: expenses are not
 * earnings for benefits. A correction after approval is a new row pointing at the first.
 */
export interface ClaimsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: ClaimKind;
  /** Unique in the organisation: a meeting's claim is "meeting:<meeting>:<person>", so it is made once. */
  reference: string;
  project_id: string | null;
  meeting_id: string | null;
  /** Set on an adjustment: the claim it corrects. */
  corrects_claim_id: Optional<string | null>;
  /** Set on the unpaid rest of a claim that was split to stay within a benefits limit. */
  split_from_claim_id: Optional<string | null>;
  /** An activity type (payments) or an expense type (expenses). */
  category: string;
  on_date: IsoDate;
  minutes: Optional<number>;
  preparation_minutes: Optional<number>;
  /** Pence per hour (payments) or per mile (mileage); 0 when there is no rate. */
  rate_pence: Optional<number>;
  preparation_rate_pence: Optional<number>;
  /** Tenths of a mile, for mileage. */
  mile_tenths: Optional<number | null>;
  amount_pence: number;
  way: ClaimWay;
  charity: Optional<string | null>;
  /** Minutes of time credits given when the claim is approved. */
  credit_minutes: Optional<number>;
  note: Optional<string | null>;
  status: ClaimStatus;
  created_at: IsoTime;
  created_by: string | null;
  submitted_at: Optional<IsoTime | null>;
  submitted_by: Optional<string | null>;
  approved_at: Optional<IsoTime | null>;
  approved_by: Optional<string | null>;
  /** The London date of approval: the finance export is by the day things were approved. */
  approved_on: Optional<IsoDate | null>;
  paid_at: Optional<IsoTime | null>;
  paid_by: Optional<string | null>;
  payment_reference: Optional<string | null>;
  rejected_at: Optional<IsoTime | null>;
  rejected_by: Optional<string | null>;
  rejection_reason: Optional<string | null>;
  updated_at: IsoTime;
}

export interface ClaimReceiptsTable {
  id: string;
  organisation_id: string;
  claim_id: string;
  file_name: string;
  stored_name: string;
  media_type: string;
  size_bytes: number;
  uploaded_at: IsoTime;
  uploaded_by: string | null;
}

export interface ProjectBudgetsTable {
  organisation_id: string;
  project_id: string;
  category: string;
  planned_pence: number;
  updated_at: IsoTime;
  updated_by: string | null;
}

/** Money spent on a project outside claims: venues, interpreters, training ... */
export interface ProjectSpendTable {
  id: string;
  organisation_id: string;
  project_id: string;
  category: string;
  description: string;
  amount_pence: number;
  spent_on: IsoDate;
  status: 'committed' | 'paid';
  created_at: IsoTime;
  created_by: string | null;
}

export interface ClaimsTables {
  claims: ClaimsTable;
  claim_receipts: ClaimReceiptsTable;
  project_budgets: ProjectBudgetsTable;
  project_spend: ProjectSpendTable;
}
