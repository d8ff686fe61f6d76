import type { ClaimStatus, ClaimWay } from '../../db/schema/claims.ts';

// Labels for each value are in claims.json under the same name as the list.

export const claimStatuses = ['draft', 'submitted', 'approved', 'paid', 'rejected'] as const satisfies readonly ClaimStatus[];
export const claimWays: readonly ClaimWay[] = ['bank-transfer', 'voucher', 'lower-amount', 'donation', 'time-credits', 'volunteer'];

/**
 * Ways that pay money, and so go to finance and count for the benefits check. A donation
 * counts too: it is the person's payment, given away at their wish, which benefits rules
 * may still treat as theirs. Erring this way keeps people safe.
 */
export const moneyWays: readonly ClaimWay[] = ['bank-transfer', 'voucher', 'lower-amount', 'donation'];
export const paysMoney = (way: ClaimWay) => moneyWays.includes(way);

export const expenseTypes = ['public-transport', 'taxi', 'mileage', 'care-cover', 'childcare', 'internet-phone'] as const;
export type ExpenseType = (typeof expenseTypes)[number];

/** What staff can turn a payment into after talking with the person about their benefits. */
export const unpaidWays = ['volunteer', 'time-credits'] as const;
export type UnpaidWay = (typeof unpaidWays)[number];

// Support to take part (P5) has its own line, so a project plans money for buddies,
// pre-meetings and mentoring from the start rather than finding it later.
export const budgetCategories = ['payments', 'expenses', 'venues', 'interpreters', 'training', 'support-to-take-part', 'other'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
/** Payments and expenses come from claims; the rest from spend entries staff record. */
export const spendCategories = ['venues', 'interpreters', 'training', 'support-to-take-part', 'other'] as const;
export type SpendCategory = (typeof spendCategories)[number];
export const spendStatuses = ['committed', 'paid'] as const;
