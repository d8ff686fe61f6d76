// Test support: the equality properties ask that the same ballots, in another order and
// under other voter ids, give the same result. Not a test file itself.
import fc from 'fast-check';
import { byCodeUnits, type Invalid } from '../../src/modules/decisions/counting/one-ballot-each.ts';

/** A small pool, so that two ballots from one voter turn up often enough to be tested. */
export const voterIdArb = fc.constantFrom('ann', 'bo', 'cy', 'dee', 'ed', 'flo', 'gus', 'hal', 'ivy', 'jo');

/** Voter ids v0, v1, ...: the pool ballotsArb draws from, for tests that give voters perspectives. */
export const voterPool = (size: number) => Array.from({ length: size }, (_, i) => `v${i}`);

/**
 * Mostly one ballot per voter (so counts have something to count) plus now and then a
 * second ballot from someone who already voted, which must be set aside.
 */
export function ballotsArb<T extends object>(body: fc.Arbitrary<T>, voters = 16): fc.Arbitrary<Array<T & { voterId: string }>> {
  const ballot = fc.record({ voterId: fc.constantFrom(...voterPool(voters)), body }).map(({ voterId, body }) => ({ ...body, voterId }));
  return fc
    .tuple(fc.uniqueArray(ballot, { selector: (b) => b.voterId, maxLength: voters }), fc.array(body, { maxLength: 2 }))
    .map(([once, again]) => [...once, ...again.flatMap((b, i) => (once[i] ? [{ ...b, voterId: once[i].voterId }] : []))]);
}

export type Reworked<B> = { ballots: B[]; rename: ReadonlyMap<string, string> };

/** The same ballots shuffled, with every voter id swapped one-for-one for a new one. */
export function reorderAndRelabel<B extends { voterId: string }>(ballots: readonly B[]): fc.Arbitrary<Reworked<B>> {
  const ids = [...new Set(ballots.map((b) => b.voterId))];
  const n = ballots.length;
  return fc
    .tuple(
      fc.shuffledSubarray([...ballots.keys()], { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: ids.length, maxLength: ids.length }),
    )
    .map(([order, names]) => {
      const rename = new Map(ids.map((id, i) => [id, names[i]!]));
      return { ballots: order.map((i) => ({ ...ballots[i]!, voterId: rename.get(ballots[i]!.voterId)! })), rename };
    });
}

/** Ballots paired with a reworked copy, for the order-and-id properties. */
export const withReworked = <B extends { voterId: string }>(arb: fc.Arbitrary<B[]>) =>
  arb.chain((ballots) => reorderAndRelabel(ballots).map((r) => ({ ballots, rename: r.rename, reworked: r.ballots })));

/** The invalid list after renaming, in the order the function itself would give. */
export const renamedInvalid = <R extends string>(invalid: readonly Invalid<R>[], rename: ReadonlyMap<string, string>): Invalid<R>[] =>
  invalid
    .map((i) => ({ voterId: rename.get(i.voterId)!, reason: i.reason }))
    .sort((a, b) => byCodeUnits(a.voterId, b.voterId) || byCodeUnits(a.reason, b.reason));
