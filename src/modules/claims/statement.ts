import type { Claim } from './claim.ts';
import { isSettled } from './claim.ts';
import { paysMoney } from './vocabulary.ts';

/** What the time bank's ledger holds for the person in the period (decision 0015). */
export type LedgerFigures = {
  /** Credits the organisation gave and did not take back: for meetings and for claims. */
  creditedMinutes: number;
  /** Meetings credited from attendance and still standing. */
  attendance: ReadonlyArray<{ meetingId: string; minutes: number }>;
};

export type Statement = {
  /** Every hour given that was approved, paid or not: meetings, training, volunteering ... */
  minutesGiven: number;
  paidPence: number;
  owedPence: number;
  expensesPaidPence: number;
  expensesOwedPence: number;
  donatedPence: number;
  creditMinutes: number;
  volunteeredMinutes: number;
  trainingMinutes: number;
  payments: Claim[];
  expenses: Claim[];
  credits: Claim[];
  training: Claim[];
  waiting: Claim[];
};

/**
 * A person's statement for a period (S2): what they gave and what they got back. Only
 * approved and paid claims count; ones still waiting are listed apart, never added in.
 * Time credits are the ledger's figure, and time at a meeting that was credited from
 * attendance counts as time given unless a claim already counts it.
 */
export function statementOf(claims: readonly Claim[], ledger: LedgerFigures): Statement {
  const s: Statement = {
    minutesGiven: 0,
    paidPence: 0,
    owedPence: 0,
    expensesPaidPence: 0,
    expensesOwedPence: 0,
    donatedPence: 0,
    creditMinutes: 0,
    volunteeredMinutes: 0,
    trainingMinutes: 0,
    payments: [],
    expenses: [],
    credits: [],
    training: [],
    waiting: [],
  };
  for (const c of claims) {
    if (c.status === 'submitted') s.waiting.push(c);
    if (!isSettled(c)) continue;
    const paid = c.status === 'paid';
    if (c.kind === 'expense') {
      s.expenses.push(c);
      if (paid) s.expensesPaidPence += c.amountPence;
      else s.expensesOwedPence += c.amountPence;
      continue;
    }
    const minutes = c.minutes + c.preparationMinutes;
    // An adjustment corrects money, not time: the hours were counted with the claim it corrects.
    if (c.type !== 'adjustment') s.minutesGiven += minutes;
    if (c.category === 'training' && c.type !== 'adjustment') {
      s.training.push(c);
      s.trainingMinutes += minutes;
    }
    if (c.way === 'time-credits') {
      s.credits.push(c);
    } else if (c.way === 'volunteer') {
      s.volunteeredMinutes += minutes;
    } else if (paysMoney(c.way)) {
      s.payments.push(c);
      if (c.way === 'donation') s.donatedPence += c.amountPence;
      else if (paid) s.paidPence += c.amountPence;
      else s.owedPence += c.amountPence;
    }
  }
  const claimed = new Set(claims.filter((c) => isSettled(c) && c.kind === 'payment' && c.meetingId).map((c) => c.meetingId));
  for (const a of ledger.attendance) if (!claimed.has(a.meetingId)) s.minutesGiven += a.minutes;
  s.creditMinutes = ledger.creditedMinutes;
  return s;
}
