// Before and after results of an outcome (V4). Pure. An average says something about
// the people behind it, so it is shown only when at least 3 people answered; how many
// answered is always shown.

/** The fewest answers an average is shown for. */
export const minimumForAverage = 3;

export type ScaleSummary = { n: number; average: number | null };

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** One answer per person: scores are 1 to 5. */
export function scaleSummary(scores: readonly number[]): ScaleSummary {
  return scaleSummaryOfTotal(
    scores.length,
    scores.reduce((a, b) => a + b, 0),
  );
}

/** The same from how many answered and their scores added up, as the database counts them. */
export function scaleSummaryOfTotal(n: number, total: number): ScaleSummary {
  if (n < minimumForAverage) return { n, average: null };
  return { n, average: oneDecimal(total / n) };
}

/** How far the average moved, or null when either side is hidden or missing. */
export function change(before: ScaleSummary, after: ScaleSummary): number | null {
  if (before.average === null || after.average === null) return null;
  return oneDecimal(after.average - before.average);
}

export type CountEntry = { on: string; value: number; note: string | null };

/** A count's entries in date order, with the first and last value: counts are never hidden. */
export function countSeries(entries: readonly CountEntry[]) {
  const series = [...entries].sort((a, b) => a.on.localeCompare(b.on));
  return { series, first: series[0]?.value ?? null, last: series.at(-1)?.value ?? null };
}
