import type { LedgerLine } from '../timebank/statements.ts';
import type { Claim } from './claim.ts';
import type { Statement } from './statement.ts';
import { londonToday } from '../../platform/time.ts';

/**
 * One line of a person's statement: a claim it lists (a payment, money spent, time credits,
 * training, or one still being checked) or a time bank entry. The same lines a member sees
 * on their own statement, in one list, newest first, for a personal link that shows them a
 * page at a time.
 */
export type StatementLine = { date: string; claim: Claim; entry?: never } | { date: string; entry: LedgerLine; claim?: never };

export function statementLines(statement: Statement, ledgerLines: readonly LedgerLine[]): StatementLine[] {
  const claims = new Map<string, Claim>();
  for (const list of [statement.payments, statement.expenses, statement.credits, statement.training, statement.waiting])
    for (const c of list) claims.set(c.id, c);
  const lines: Array<StatementLine & { at: string }> = [
    ...[...claims.values()].map((claim) => ({ date: claim.onDate, at: claim.onDate, claim })),
    ...ledgerLines.map((entry) => ({ date: londonToday(new Date(entry.at)), at: entry.at, entry })),
  ];
  // Newest first; on one day, time bank entries by their time, then claims, each in a fixed order.
  lines.sort((a, b) => b.date.localeCompare(a.date) || b.at.localeCompare(a.at) || idOf(b).localeCompare(idOf(a)));
  return lines.map(({ at: _at, ...line }) => line);
}

const idOf = (l: StatementLine) => (l.claim ? l.claim.id : l.entry!.transactionId);
