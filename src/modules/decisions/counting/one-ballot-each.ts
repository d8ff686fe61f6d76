// Equality: every member's vote weighs the same, whatever their role. The counting
// functions take ballots as plain data keyed by voterId only, never a role, so nothing
// about who someone is can change what their ballot is worth. One person, one ballot:
// a voter with two ballots has both set aside (and reported), because keeping "the first"
// would make the result depend on the order ballots happened to arrive in.

export type Invalid<Reason extends string> = { voterId: string; reason: Reason };

export function oneBallotEach<B extends { voterId: string }>(
  ballots: readonly B[],
): { single: B[]; duplicates: Invalid<'more-than-one-ballot'>[] } {
  const seen = new Map<string, number>();
  for (const b of ballots) seen.set(b.voterId, (seen.get(b.voterId) ?? 0) + 1);
  return {
    single: ballots.filter((b) => seen.get(b.voterId) === 1),
    duplicates: ballots
      .filter((b) => seen.get(b.voterId)! > 1)
      .map((b) => ({ voterId: b.voterId, reason: 'more-than-one-ballot' as const })),
  };
}

/** Code-unit order, not localeCompare: the same on every server whatever its locale. */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Invalid ballots listed by voter, so the list does not depend on arrival order. */
export const sortInvalid = <R extends string>(invalid: Invalid<R>[]): Invalid<R>[] =>
  [...invalid].sort((a, b) => byCodeUnits(a.voterId, b.voterId) || byCodeUnits(a.reason, b.reason));

/** Settings are the caller's, not people's input: a wrong one is a bug, so it throws. */
export function requireSetting(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

export const isWholeNumber = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/** Option ids must be distinct, or a ballot could not say which one it meant. */
export function requireDistinct(ids: readonly string[], what: string): void {
  requireSetting(new Set(ids).size === ids.length, `${what} must be distinct`);
}
