import type { Claim, ItemType } from './claim.ts';
import { isSettled } from './claim.ts';

export type MoneyTotals = Record<ItemType, number> & { total: number; count: number };

/**
 * What finance pays: approved or paid items that move money. Time credits and hours
 * volunteered are recorded but pay nobody, so they never reach a finance file.
 */
export const forFinance = <T extends Pick<Claim, 'status' | 'amountPence'>>(items: readonly T[]): T[] =>
  items.filter((c) => isSettled(c) && c.amountPence !== 0);

/**
 * One sum per kind of line, and the whole. The screen and the files have the database add
 * up by this rule (repository financeTotals); the tests hold the two to each other.
 */
export function moneyTotals(items: ReadonlyArray<Pick<Claim, 'type' | 'amountPence'>>): MoneyTotals {
  const totals: MoneyTotals = { payment: 0, expense: 0, adjustment: 0, total: 0, count: 0 };
  for (const item of items) {
    totals[item.type] += item.amountPence;
    totals.total += item.amountPence;
    totals.count += 1;
  }
  return totals;
}

/** Hours with two decimals, as finance systems want them: 105 minutes is 1.75. */
export const decimalHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** "12.50", "-3.05": pence as a plain decimal for files, never a float sum. */
export function decimalPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
