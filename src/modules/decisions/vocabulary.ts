// The words of shared decisions, as values forms send and the catalogue names.
import type { ProposalMethod } from '../../db/schema/decisions.ts';

export type { ProposalMethod };
export const methods = [
  'consent',
  'majority',
  'ranked-choice',
  'dot-voting',
  'scoring',
  'budget',
] as const satisfies readonly ProposalMethod[];
export const quorumKinds = ['none', 'people', 'percent'] as const;
export const budgetWays = ['approve', 'allocate'] as const;
export const recordedHows = ['phone', 'in-person'] as const;

/** Option and criterion rows on the form: enough for real decisions, and no JavaScript needed to add rows. */
export const optionRows = 8;
export const criterionRows = 5;
/** Every panel scores on the same scale: 0 (no evidence) to 5 (excellent). */
export const scoringScale = { min: 0, max: 5 } as const;

export type Quorum = { kind: 'none' } | { kind: 'people'; minimum: number } | { kind: 'percent'; percent: number };
export type Criterion = { id: string; name: string; weight: number };
export type BudgetWay = (typeof budgetWays)[number];

/** Each method uses only its own settings; the rest are left out. */
export type ProposalSettings = {
  quorum?: Quorum;
  dotsEach?: number;
  criteria?: Criterion[];
  budgetPence?: number;
  budgetWay?: BudgetWay;
};

export type ProposalStatus = 'coming' | 'open' | 'closed';

export function statusAt(p: { opensAt: string; closesAt: string }, now: Date): ProposalStatus {
  const t = now.toISOString();
  return t < p.opensAt ? 'coming' : t < p.closesAt ? 'open' : 'closed';
}
