// The small-number rule for equality figures: the organisation's rule of
// src/platform/small-numbers.ts (primary and secondary suppression, totals that cannot give
// a hidden figure away), read as plain numbers: null means "not shown".
import { nhsDigitalRule, protectTable as protectShown, type Shown, type SmallNumberRule } from '../../platform/small-numbers.ts';

export type SuppressionRule = {
  /** Counts from 1 up to and including this are hidden. */
  hideUpTo: number;
  /** Other counts are rounded to the nearest multiple of this. */
  roundTo: number;
};

/** NHS Digital's rule: 1 to 7 hidden, others rounded to the nearest 5. */
export const nhsDefault: SuppressionRule = { hideUpTo: nhsDigitalRule.hideBelow - 1, roundTo: nhsDigitalRule.roundTo };

export const asSmallNumberRule = (rule: SuppressionRule): SmallNumberRule => ({ hideBelow: rule.hideUpTo + 1, roundTo: rule.roundTo });
export const fromSmallNumberRule = (rule: SmallNumberRule): SuppressionRule => ({ hideUpTo: rule.hideBelow - 1, roundTo: rule.roundTo });

const value = (s: Shown): number | null => (s.kind === 'count' ? s.value : null);

/** counts[row][col], without totals. Shown figures with their totals; null is hidden. */
export function protectTable(counts: number[][], rule: SuppressionRule = nhsDefault) {
  const t = protectShown({ cells: counts }, asSmallNumberRule(rule));
  return {
    cells: t.cells.map((row) => row.map(value)),
    rowTotals: t.rowTotals.map(value),
    colTotals: t.columnTotals.map(value),
    total: value(t.grandTotal),
  };
}

/** A one-way table: counts by group and their total. */
export function protectCounts(counts: number[], rule: SuppressionRule = nhsDefault) {
  const t = protectTable([counts], rule);
  return { cells: t.cells[0] ?? [], total: t.rowTotals[0] ?? null };
}
