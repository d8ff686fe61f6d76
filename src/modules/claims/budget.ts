import { budgetCategories, type BudgetCategory } from './vocabulary.ts';

export type Spend = { category: BudgetCategory; status: 'committed' | 'paid'; amountPence: number };
export type BudgetFigures = { plannedPence: number; committedPence: number; paidPence: number; leftPence: number; over: boolean };
export type BudgetLine = BudgetFigures & { category: BudgetCategory };

/**
 * A project's co-production budget against what is committed (approved, not yet paid) and
 * paid (S3). What is left can go below zero: an overspend is shown, never hidden.
 */
export function budgetLines(
  planned: Partial<Record<BudgetCategory, number>>,
  spend: readonly Spend[],
): { lines: BudgetLine[]; total: BudgetFigures } {
  const lines = budgetCategories.map((category): BudgetLine => {
    let committedPence = 0;
    let paidPence = 0;
    for (const s of spend) {
      if (s.category !== category) continue;
      if (s.status === 'paid') paidPence += s.amountPence;
      else committedPence += s.amountPence;
    }
    const plannedPence = planned[category] ?? 0;
    const leftPence = plannedPence - committedPence - paidPence;
    return { category, plannedPence, committedPence, paidPence, leftPence, over: leftPence < 0 };
  });
  const sum = (k: 'plannedPence' | 'committedPence' | 'paidPence' | 'leftPence') => lines.reduce((n, l) => n + l[k], 0);
  const leftPence = sum('leftPence');
  return {
    lines,
    total: {
      plannedPence: sum('plannedPence'),
      committedPence: sum('committedPence'),
      paidPence: sum('paidPence'),
      leftPence,
      over: leftPence < 0,
    },
  };
}
