import type { ClaimKind, ClaimStatus, ClaimWay } from '../../db/schema/claims.ts';
import { claimWays } from './vocabulary.ts';

/** The three kinds of line finance sees. An adjustment corrects an approved claim. */
export type ItemType = 'payment' | 'expense' | 'adjustment';

export type Claim = {
  id: string;
  reference: string;
  kind: ClaimKind;
  type: ItemType;
  personId: string;
  personName: string;
  projectId: string | null;
  meetingId: string | null;
  correctsClaimId: string | null;
  splitFromClaimId: string | null;
  category: string;
  onDate: string;
  minutes: number;
  preparationMinutes: number;
  ratePence: number;
  preparationRatePence: number;
  mileTenths: number | null;
  amountPence: number;
  way: ClaimWay;
  charity: string | null;
  creditMinutes: number;
  note: string | null;
  status: ClaimStatus;
  createdAt: string;
  createdBy: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedOn: string | null;
  paidAt: string | null;
  paymentReference: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
};

export const itemType = (c: { kind: ClaimKind; correctsClaimId: string | null }): ItemType => (c.correctsClaimId ? 'adjustment' : c.kind);

/** Approved or paid: what counts as given, earned or owed. */
export const isSettled = (c: { status: ClaimStatus }) => c.status === 'approved' || c.status === 'paid';

/** Nothing changes once approved; before that, drafts and submitted claims can be put right. */
export const isOpen = (c: { status: ClaimStatus }) => c.status === 'draft' || c.status === 'submitted';

const known = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback;

type Row = {
  id: string;
  reference: string;
  kind: ClaimKind;
  person_id: string;
  person_name: string;
  project_id: string | null;
  meeting_id: string | null;
  corrects_claim_id: string | null;
  split_from_claim_id: string | null;
  category: string;
  on_date: string;
  minutes: number | string;
  preparation_minutes: number | string;
  rate_pence: number | string;
  preparation_rate_pence: number | string;
  mile_tenths: number | string | null;
  amount_pence: number | string;
  way: string;
  charity: string | null;
  credit_minutes: number | string;
  note: string | null;
  status: ClaimStatus;
  created_at: string;
  created_by: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
  approver_name: string | null;
  approved_on: string | null;
  paid_at: string | null;
  payment_reference: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
};

/** Whole numbers can come back as text from PostgreSQL bigint sums; columns here are integers. */
export function toClaim(r: Row): Claim {
  const kind: ClaimKind = r.kind === 'expense' ? 'expense' : 'payment';
  return {
    id: r.id,
    reference: r.reference,
    kind,
    type: itemType({ kind, correctsClaimId: r.corrects_claim_id }),
    personId: r.person_id,
    personName: r.person_name,
    projectId: r.project_id,
    meetingId: r.meeting_id,
    correctsClaimId: r.corrects_claim_id,
    splitFromClaimId: r.split_from_claim_id,
    category: r.category,
    onDate: r.on_date,
    minutes: Number(r.minutes),
    preparationMinutes: Number(r.preparation_minutes),
    ratePence: Number(r.rate_pence),
    preparationRatePence: Number(r.preparation_rate_pence),
    mileTenths: r.mile_tenths === null ? null : Number(r.mile_tenths),
    amountPence: Number(r.amount_pence),
    way: known(claimWays, r.way, 'bank-transfer'),
    charity: r.charity,
    creditMinutes: Number(r.credit_minutes),
    note: r.note,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    submittedAt: r.submitted_at,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    approvedByName: r.approver_name,
    approvedOn: r.approved_on,
    paidAt: r.paid_at,
    paymentReference: r.payment_reference,
    rejectedAt: r.rejected_at,
    rejectionReason: r.rejection_reason,
  };
}
