// The time bank's ledger rules, with no I/O. One hour of anyone's time is worth one hour of
// anyone else's, so there are no rates: a transfer moves whole minutes from one account to
// another, and every transaction's entries add up to zero (double entry).

export type AccountKind = 'person' | 'organisation' | 'partner';
export type Entry = { accountId: string; minutes: number };
export type AccountState = { id: string; kind: AccountKind; balance: number };
/** How far below zero a person's account may go, in minutes (0 or less); null: no limit. */
export type Floor = number | null;

export type Refusal =
  'not-whole-minutes' | 'too-many-minutes' | 'same-account' | 'below-floor' | 'already-reversed' | 'is-reversal' | 'unbalanced';
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Over a thousand hours in one go is a typing mistake, not a favour. */
export const maxTransferMinutes = 60_000;

/**
 * The lowest balance an account may reach by paying. The organisation issues credits, so it
 * has no limit; partners only ever take credits in, so they never owe any.
 */
export function lowestAllowed(kind: AccountKind, floor: Floor): number {
  if (kind === 'organisation') return -Infinity;
  if (kind === 'partner') return 0;
  return floor ?? -Infinity;
}

export function canPay(account: AccountState, minutes: number, floor: Floor): boolean {
  return account.balance - minutes >= lowestAllowed(account.kind, floor);
}

/** The entries that move `minutes` from one account to another, or why not. */
export function buildTransfer(input: { from: AccountState; to: AccountState; minutes: number; floor: Floor }): Outcome<Entry[]> {
  const { from, to, minutes, floor } = input;
  if (!Number.isSafeInteger(minutes) || minutes <= 0) return { ok: false, refusal: 'not-whole-minutes' };
  if (minutes > maxTransferMinutes) return { ok: false, refusal: 'too-many-minutes' };
  if (from.id === to.id) return { ok: false, refusal: 'same-account' };
  if (!canPay(from, minutes, floor)) return { ok: false, refusal: 'below-floor' };
  return {
    ok: true,
    value: [
      { accountId: from.id, minutes: -minutes },
      { accountId: to.id, minutes },
    ],
  };
}

export function isBalanced(entries: readonly Entry[]): boolean {
  return (
    entries.length >= 2 &&
    entries.every((e) => Number.isSafeInteger(e.minutes) && e.minutes !== 0) &&
    entries.reduce((sum, e) => sum + e.minutes, 0) === 0
  );
}

/**
 * The entries that undo a transaction. A reversal is a correction of a mistake, so it is
 * not held back by the floor: the organisation must always be able to put a mistake right.
 * Undoing a reversal is refused; to do the thing again, make a new transfer.
 */
export function buildReversal(original: { kind: string; entries: readonly Entry[]; alreadyReversed: boolean }): Outcome<Entry[]> {
  if (original.kind === 'reversal') return { ok: false, refusal: 'is-reversal' };
  if (original.alreadyReversed) return { ok: false, refusal: 'already-reversed' };
  if (!isBalanced(original.entries)) return { ok: false, refusal: 'unbalanced' };
  return { ok: true, value: original.entries.map((e) => ({ accountId: e.accountId, minutes: -e.minutes })) };
}

/** Each account's balance is the sum of its entries; nothing else. */
export function balancesFrom(entries: Iterable<Entry>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const e of entries) balances.set(e.accountId, (balances.get(e.accountId) ?? 0) + e.minutes);
  return balances;
}

export function sumOf(entries: Iterable<{ minutes: number }>): number {
  let total = 0;
  for (const e of entries) total += e.minutes;
  return total;
}
