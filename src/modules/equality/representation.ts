// Who is missing: each group's share of the people who answered a question, beside the
// share of the area's population (the benchmark), and whether the difference is more than
// chance and rounding could explain.
//
// The rule works on the figures as shown (after small-number protection), never on the true
// counts, so nothing it says can give away a hidden figure. A group is "under-represented"
// only when its share is below the benchmark by more than the margin: a 95% margin for a
// sample of this size around the benchmark (1.96 x the standard error), plus what rounding
// the counts could have moved it. With fewer than 20 answers nothing is compared at all; with
// fewer than 100 the comparison carries a note that the numbers are small.

export const minimumToCompare = 20;
export const lowConfidenceBelow = 100;

export type Confidence = 'too-small' | 'low' | 'fair';
export type GapStatus = 'under' | 'over' | 'in-line' | 'hidden' | 'no-benchmark' | 'not-compared';

export type GapRow = {
  category: string;
  /** The count as shown: null when hidden. */
  shown: number | null;
  sharePercent: number | null;
  benchmarkPercent: number | null;
  /** Share minus benchmark, in percentage points (negative: fewer than in the area). */
  gapPoints: number | null;
  /** How far either side of the benchmark a share can fall by chance and rounding. */
  marginPoints: number | null;
  status: GapStatus;
  /** When under-represented: about how many more people in this group would match the area (at least, when hidden). */
  peopleShort: number | null;
  /** A hidden count that is under-represented even at the most it could be: that share, at most. */
  atMostPercent: number | null;
};

export type Representation = { answered: number | null; confidence: Confidence; rows: GapRow[] };

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * The representation of each category. `shown` are the protected counts of people who gave
 * each category (in the order of `categories`); `answered` is their protected total;
 * `benchmark` holds area percentages by category, any "prefer not to say" or "not answered"
 * share left out and the rest scaled to 100, so both sides count only people who said.
 * `roundTo` is how the counts were rounded.
 */
export function representationGaps(input: {
  categories: readonly string[];
  shown: ReadonlyArray<number | null>;
  answered: number | null;
  benchmark: Readonly<Record<string, number>> | null;
  roundTo: number;
  /** Counts from 1 to this are hidden: a hidden group is under-represented if even this many would be. */
  hideUpTo?: number;
}): Representation {
  const { categories, shown, answered, benchmark, roundTo, hideUpTo = 0 } = input;
  const confidence: Confidence =
    answered === null || answered < minimumToCompare ? 'too-small' : answered < lowConfidenceBelow ? 'low' : 'fair';
  const known = benchmark ? categories.filter((c) => typeof benchmark[c] === 'number') : [];
  const benchmarkSum = known.reduce((sum, c) => sum + benchmark![c]!, 0);

  const rows = categories.map((category, i): GapRow => {
    const count = shown[i] ?? null;
    const base: GapRow = {
      category,
      shown: count,
      sharePercent: null,
      benchmarkPercent: null,
      gapPoints: null,
      marginPoints: null,
      status: 'not-compared',
      peopleShort: null,
      atMostPercent: null,
    };
    const raw = benchmark?.[category];
    const benchmarkPercent = typeof raw === 'number' && benchmarkSum > 0 ? (raw / benchmarkSum) * 100 : null;
    if (benchmarkPercent !== null) base.benchmarkPercent = oneDecimal(benchmarkPercent);
    if (confidence === 'too-small' || answered === null) return base;
    const p = (benchmarkPercent ?? 0) / 100;
    const margin = (1.96 * Math.sqrt((p * (1 - p)) / answered) + roundTo / 2 / answered) * 100;
    if (count === null) {
      // Only what hiding already says is used: the count is somewhere from 1 to hideUpTo.
      const atMost = (hideUpTo / answered) * 100;
      if (benchmarkPercent === null || hideUpTo <= 0 || atMost - benchmarkPercent >= -margin) return { ...base, status: 'hidden' };
      return {
        ...base,
        status: 'under',
        atMostPercent: oneDecimal(atMost),
        marginPoints: oneDecimal(margin),
        peopleShort: Math.ceil(p * answered - hideUpTo),
      };
    }
    const share = (count / answered) * 100;
    base.sharePercent = oneDecimal(share);
    if (benchmarkPercent === null) return { ...base, status: 'no-benchmark' };
    const gap = share - benchmarkPercent;
    const status: GapStatus = gap < -margin ? 'under' : gap > margin ? 'over' : 'in-line';
    return {
      ...base,
      gapPoints: oneDecimal(gap),
      marginPoints: oneDecimal(margin),
      status,
      peopleShort: status === 'under' ? Math.ceil(p * answered - count) : null,
    };
  });
  return { answered, confidence, rows };
}
