// Majority of votes cast: an option is chosen when it has more than half of the votes for
// any option. Abstaining is taking part without choosing, so it counts towards the quorum
// but not towards the votes cast; otherwise abstaining would work as a vote against.
import { isWholeNumber, oneBallotEach, requireDistinct, requireSetting, sortInvalid, type Invalid } from './one-ballot-each.ts';

/** choice null: abstain. */
export type MajorityBallot = { voterId: string; choice: string | null };
/**
 * A minimum number of valid ballots, or a share of the people eligible to vote. The share
 * is a fraction of whole numbers (1/3, not 0.333) so the threshold is exact.
 */
export type Quorum =
  { kind: 'ballots'; minimum: number } | { kind: 'share-of-eligible'; eligible: number; numerator: number; denominator: number };
export type MajorityInvalidReason = 'unknown-option' | 'more-than-one-ballot';
export type MajorityOutcome =
  | { decided: true; option: string; votes: number }
  /** leaders: the options with the most votes; more than one is a tie. Empty when nobody chose. */
  | { decided: false; why: 'no-majority'; leaders: string[]; tie: boolean }
  | { decided: false; why: 'no-quorum' };
export type MajorityResult = {
  counts: { option: string; votes: number }[];
  cast: number;
  abstained: number;
  valid: number;
  invalid: Invalid<MajorityInvalidReason>[];
  /** Only valid ballots (abstentions included) make up the quorum: a spoilt ballot does not. */
  quorum: { required: number; present: number; met: boolean };
  outcome: MajorityOutcome;
};

export function quorumRequired(q: Quorum): number {
  if (q.kind === 'ballots') {
    requireSetting(isWholeNumber(q.minimum) && q.minimum >= 0, 'quorum minimum must be a whole number, 0 or more');
    return q.minimum;
  }
  const { eligible, numerator: n, denominator: d } = q;
  requireSetting(
    [eligible, n, d].every(isWholeNumber) && eligible >= 0 && n >= 0 && d > 0 && n <= d,
    'quorum share must be a fraction between 0 and 1 of a whole number of people',
  );
  // Rounded up: "a third of 10" means at least 4 people, never 3.33.
  return Math.floor((eligible * n + d - 1) / d);
}

export function countMajority(options: readonly string[], ballots: readonly MajorityBallot[], quorum: Quorum): MajorityResult {
  requireDistinct(options, 'options');
  const required = quorumRequired(quorum);
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<MajorityInvalidReason>[] = [...duplicates];
  const votes = new Map(options.map((o) => [o, 0]));
  let abstained = 0;
  for (const b of single) {
    if (b.choice === null) abstained += 1;
    else if (votes.has(b.choice)) votes.set(b.choice, votes.get(b.choice)! + 1);
    else invalid.push({ voterId: b.voterId, reason: 'unknown-option' });
  }
  const counts = options.map((option) => ({ option, votes: votes.get(option)! }));
  const cast = counts.reduce((n, c) => n + c.votes, 0);
  const valid = cast + abstained;
  const met = valid >= required;
  const most = Math.max(0, ...counts.map((c) => c.votes));
  const leaders = most === 0 ? [] : counts.filter((c) => c.votes === most).map((c) => c.option);
  let outcome: MajorityOutcome;
  if (!met) outcome = { decided: false, why: 'no-quorum' };
  else if (most * 2 > cast) outcome = { decided: true, option: leaders[0]!, votes: most };
  else outcome = { decided: false, why: 'no-majority', leaders, tie: leaders.length > 1 };
  return { counts, cast, abstained, valid, invalid: sortInvalid(invalid), quorum: { required, present: valid, met }, outcome };
}
