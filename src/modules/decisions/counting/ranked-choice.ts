// Instant run-off: each round every ballot counts for its highest-ranked option still in
// the count; an option with more than half of those continuing ballots wins, otherwise the
// option with fewest votes is eliminated and its ballots move on. A ballot whose ranked
// options have all gone is exhausted and drops out, so a winner needs a majority of the
// people still expressing a preference, not of everyone who voted.
import { oneBallotEach, requireDistinct, sortInvalid, type Invalid } from './one-ballot-each.ts';
import { seededOrder } from './ordering.ts';

export type RankedBallot = { voterId: string; ranking: readonly string[] };
export type RankedInvalidReason = 'empty' | 'unknown-option' | 'duplicate-option' | 'more-than-one-ballot';
/**
 * Why an option went out. When options tie for fewest votes:
 * 1. 'earlier-round': look back from round 1 for the earliest round in which the tied
 *    options had different votes; the one with fewest then goes (if several still share
 *    fewest, carry on through later rounds among those).
 * 2. 'fewest-ranked': if still tied, the one ranked at all on fewest ballots.
 * 3. 'seeded-order': if still tied, the first of them in the caller's seeded order, fixed
 *    before voting (e.g. the proposal id), so anyone can re-run the count.
 */
/** tied: every option that shared the fewest votes, the eliminated one included. */
export type Elimination =
  | { option: string; votes: number; by: 'fewest-votes' }
  | { option: string; votes: number; by: 'earlier-round'; round: number; tied: string[] }
  | { option: string; votes: number; by: 'fewest-ranked' | 'seeded-order'; tied: string[] };
export type RankedRound = {
  round: number;
  /** Options still in the count, in the caller's order. */
  counts: { option: string; votes: number }[];
  continuing: number;
  exhausted: number;
  eliminated: Elimination | null;
};
export type RankedChoiceResult = {
  valid: number;
  invalid: Invalid<RankedInvalidReason>[];
  rounds: RankedRound[];
  winner: string | null;
  /** 'no-valid-ballots' also covers every ballot being exhausted: there is nobody left to count. */
  why: 'majority' | 'no-valid-ballots' | 'no-options';
};

function check(b: RankedBallot, known: ReadonlySet<string>): RankedInvalidReason | null {
  if (b.ranking.length === 0) return 'empty';
  if (b.ranking.some((o) => !known.has(o))) return 'unknown-option';
  // Ranking one option twice has no clear meaning, so we do not guess which rank was meant.
  if (new Set(b.ranking).size !== b.ranking.length) return 'duplicate-option';
  return null;
}

function chooseElimination(
  tied: string[],
  votes: number,
  history: readonly Map<string, number>[],
  rankedOn: ReadonlyMap<string, number>,
  seed: string,
): Elimination {
  if (tied.length === 1) return { option: tied[0]!, votes, by: 'fewest-votes' };
  let left = tied;
  for (let r = 0; r < history.length && left.length > 1; r++) {
    const fewest = Math.min(...left.map((o) => history[r]!.get(o)!));
    const narrowed = left.filter((o) => history[r]!.get(o) === fewest);
    if (narrowed.length === 1) return { option: narrowed[0]!, votes, by: 'earlier-round', round: r + 1, tied };
    left = narrowed;
  }
  const fewestRanked = Math.min(...left.map((o) => rankedOn.get(o)!));
  left = left.filter((o) => rankedOn.get(o) === fewestRanked);
  if (left.length === 1) return { option: left[0]!, votes, by: 'fewest-ranked', tied };
  return { option: seededOrder(seed, left)[0]!, votes, by: 'seeded-order', tied };
}

export function countRankedChoice(
  options: readonly string[],
  ballots: readonly RankedBallot[],
  settings: { seed: string },
): RankedChoiceResult {
  requireDistinct(options, 'options');
  const known = new Set(options);
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<RankedInvalidReason>[] = [...duplicates];
  const valid: (readonly string[])[] = [];
  for (const b of single) {
    const reason = check(b, known);
    if (reason) invalid.push({ voterId: b.voterId, reason });
    else valid.push(b.ranking);
  }
  const base = { valid: valid.length, invalid: sortInvalid(invalid) };
  if (options.length === 0) return { ...base, rounds: [], winner: null, why: 'no-options' };
  if (valid.length === 0) return { ...base, rounds: [], winner: null, why: 'no-valid-ballots' };

  const rankedOn = new Map(options.map((o) => [o, valid.filter((r) => r.includes(o)).length]));
  const history: Map<string, number>[] = [];
  const rounds: RankedRound[] = [];
  let standing = [...options];
  for (;;) {
    const votes = new Map(standing.map((o) => [o, 0]));
    let exhausted = 0;
    for (const ranking of valid) {
      const top = ranking.find((o) => votes.has(o));
      if (top === undefined) exhausted += 1;
      else votes.set(top, votes.get(top)! + 1);
    }
    const continuing = valid.length - exhausted;
    const counts = standing.map((option) => ({ option, votes: votes.get(option)! }));
    history.push(votes);
    // Unreachable with valid ballots (the leader is never eliminated) but kept so the loop always ends.
    if (continuing === 0) return { ...base, rounds, winner: null, why: 'no-valid-ballots' };
    const leader = counts.find((c) => c.votes * 2 > continuing);
    if (leader) {
      rounds.push({ round: rounds.length + 1, counts, continuing, exhausted, eliminated: null });
      return { ...base, rounds, winner: leader.option, why: 'majority' };
    }
    const fewest = Math.min(...counts.map((c) => c.votes));
    const tied = counts.filter((c) => c.votes === fewest).map((c) => c.option);
    const eliminated = chooseElimination(tied, fewest, history, rankedOn, settings.seed);
    rounds.push({ round: rounds.length + 1, counts, continuing, exhausted, eliminated });
    standing = standing.filter((o) => o !== eliminated.option);
  }
}
