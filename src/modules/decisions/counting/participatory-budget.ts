// Participatory budgeting: people decide together how a fixed sum is spent (co-decision:
// allocating resources). People either approve the options they back, or each share out
// the same personal share of the money. The rule, in full:
//   1. Put options in order of support (approvals, or money allocated), most first; ties go
//      to the cheaper option (the money then reaches more), then to the caller's seeded order.
//   2. Go down the list, funding each option that still fits in what is left. One that does
//      not fit is skipped and the count carries on, so cheaper options further down can
//      still be funded rather than leaving money unspent.
//   3. An option nobody supported is never funded, even if money is left.
import { isWholeNumber, oneBallotEach, requireDistinct, requireSetting, sortInvalid, type Invalid } from './one-ballot-each.ts';
import { seededOrder } from './ordering.ts';

/** cost: whole pence, so sums are exact. */
export type BudgetOption = { id: string; cost: number };
export type ApprovalBallot = { voterId: string; approve: readonly string[] };
/** allocate: option id -> pence from the person's own share. */
export type AllocationBallot = { voterId: string; allocate: Readonly<Record<string, number>> };
export type BudgetSettings = { budget: number; seed: string };
export type BudgetInvalidReason =
  'unknown-option' | 'duplicate-option' | 'not-whole-pence' | 'negative-amount' | 'over-share' | 'more-than-one-ballot';
export type BudgetLine = {
  option: string;
  cost: number;
  support: number;
  /** 1 for the option considered first. */
  place: number;
  outcome: 'funded' | 'did-not-fit' | 'no-support';
  /** Money left when the count reached this option, so "did not fit" can be shown with figures. */
  leftWhenReached: number;
};
export type BudgetResult = {
  method: 'approval' | 'allocation';
  budget: number;
  valid: number;
  invalid: Invalid<BudgetInvalidReason>[];
  /** In the order the options were considered. */
  lines: BudgetLine[];
  funded: string[];
  spent: number;
  left: number;
};

function checkSettings(options: readonly BudgetOption[], budget: number): void {
  requireDistinct(
    options.map((o) => o.id),
    'options',
  );
  requireSetting(isWholeNumber(budget) && budget >= 0, 'the budget must be whole pence, 0 or more');
  requireSetting(
    options.every((o) => isWholeNumber(o.cost) && o.cost >= 0),
    'costs must be whole pence, 0 or more',
  );
}

function fund(
  method: BudgetResult['method'],
  options: readonly BudgetOption[],
  support: ReadonlyMap<string, number>,
  valid: number,
  invalid: Invalid<BudgetInvalidReason>[],
  { budget, seed }: BudgetSettings,
): BudgetResult {
  const seeded = new Map(
    seededOrder(
      seed,
      options.map((o) => o.id),
    ).map((id, i) => [id, i]),
  );
  const ordered = [...options].sort(
    (a, b) => support.get(b.id)! - support.get(a.id)! || a.cost - b.cost || seeded.get(a.id)! - seeded.get(b.id)!,
  );
  let left = budget;
  const lines = ordered.map((o, i): BudgetLine => {
    const s = support.get(o.id)!;
    const leftWhenReached = left;
    const outcome = s === 0 ? 'no-support' : o.cost <= left ? 'funded' : 'did-not-fit';
    if (outcome === 'funded') left -= o.cost;
    return { option: o.id, cost: o.cost, support: s, place: i + 1, outcome, leftWhenReached };
  });
  return {
    method,
    budget,
    valid,
    invalid: sortInvalid(invalid),
    lines,
    funded: lines.filter((l) => l.outcome === 'funded').map((l) => l.option),
    spent: budget - left,
    left,
  };
}

export function fundByApproval(
  options: readonly BudgetOption[],
  ballots: readonly ApprovalBallot[],
  settings: BudgetSettings,
): BudgetResult {
  checkSettings(options, settings.budget);
  const support = new Map(options.map((o) => [o.id, 0]));
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<BudgetInvalidReason>[] = [...duplicates];
  let valid = 0;
  for (const b of single) {
    // Approving nothing is a valid ballot: the person took part and backed none of them.
    const reason = b.approve.some((o) => !support.has(o))
      ? 'unknown-option'
      : new Set(b.approve).size !== b.approve.length
        ? 'duplicate-option'
        : null;
    if (reason) invalid.push({ voterId: b.voterId, reason });
    else {
      valid += 1;
      for (const o of b.approve) support.set(o, support.get(o)! + 1);
    }
  }
  return fund('approval', options, support, valid, invalid, settings);
}

/** share: the pence each person has to allocate, the same for everyone. */
export function fundByAllocation(
  options: readonly BudgetOption[],
  ballots: readonly AllocationBallot[],
  settings: BudgetSettings & { share: number },
): BudgetResult {
  checkSettings(options, settings.budget);
  requireSetting(isWholeNumber(settings.share) && settings.share >= 0, 'the share must be whole pence, 0 or more');
  const support = new Map(options.map((o) => [o.id, 0]));
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<BudgetInvalidReason>[] = [...duplicates];
  let valid = 0;
  for (const b of single) {
    const entries = Object.entries(b.allocate);
    const reason: BudgetInvalidReason | null = entries.some(([o]) => !support.has(o))
      ? 'unknown-option'
      : entries.some(([, p]) => !isWholeNumber(p))
        ? 'not-whole-pence'
        : entries.some(([, p]) => p < 0)
          ? 'negative-amount'
          : entries.reduce((sum, [, p]) => sum + p, 0) > settings.share
            ? 'over-share'
            : null;
    if (reason) invalid.push({ voterId: b.voterId, reason });
    else {
      valid += 1;
      for (const [o, p] of entries) support.set(o, support.get(o)! + p);
    }
  }
  return fund('allocation', options, support, valid, invalid, settings);
}
