// Dot voting: everyone has the same number of dots to spread over the options, several on
// one option if they feel strongly. The same number for everyone is the whole point, so a
// ballot using more dots than that is set aside (and reported) rather than trimmed: we
// would have to guess which dots the person meant to keep.
import { isWholeNumber, oneBallotEach, requireDistinct, requireSetting, sortInvalid, type Invalid } from './one-ballot-each.ts';
import { rankWithTies } from './ordering.ts';

/** dots: option id -> number of dots. Options left out got none. */
export type DotBallot = { voterId: string; dots: Readonly<Record<string, number>> };
export type DotInvalidReason = 'unknown-option' | 'not-whole-dots' | 'negative-dots' | 'too-many-dots' | 'more-than-one-ballot';
export type DotVotingResult = {
  dotsEach: number;
  valid: number;
  invalid: Invalid<DotInvalidReason>[];
  dotsUsed: number;
  /** Most dots first; equal totals share a rank (1, 1, 3) and keep the caller's option order. */
  ranking: { option: string; dots: number; rank: number; sharedRank: boolean }[];
};

function check(b: DotBallot, known: ReadonlySet<string>, dotsEach: number): DotInvalidReason | null {
  const entries = Object.entries(b.dots);
  if (entries.some(([o]) => !known.has(o))) return 'unknown-option';
  if (entries.some(([, n]) => !isWholeNumber(n))) return 'not-whole-dots';
  if (entries.some(([, n]) => n < 0)) return 'negative-dots';
  // Using fewer than your dots is fine: holding some back is a choice.
  if (entries.reduce((sum, [, n]) => sum + n, 0) > dotsEach) return 'too-many-dots';
  return null;
}

export function countDots(options: readonly string[], ballots: readonly DotBallot[], settings: { dotsEach: number }): DotVotingResult {
  const { dotsEach } = settings;
  requireDistinct(options, 'options');
  requireSetting(isWholeNumber(dotsEach) && dotsEach > 0, 'dots each must be a whole number above 0');
  const known = new Set(options);
  const { single, duplicates } = oneBallotEach(ballots);
  const invalid: Invalid<DotInvalidReason>[] = [...duplicates];
  const totals = new Map(options.map((o) => [o, 0]));
  let valid = 0;
  for (const b of single) {
    const reason = check(b, known, dotsEach);
    if (reason) {
      invalid.push({ voterId: b.voterId, reason });
      continue;
    }
    valid += 1;
    for (const [o, n] of Object.entries(b.dots)) totals.set(o, totals.get(o)! + n);
  }
  const ranking = rankWithTies(options, (o) => totals.get(o)!).map(({ item, rank, sharedRank }) => ({
    option: item,
    dots: totals.get(item)!,
    rank,
    sharedRank,
  }));
  return { dotsEach, valid, invalid: sortInvalid(invalid), dotsUsed: ranking.reduce((n, r) => n + r.dots, 0), ranking };
}
