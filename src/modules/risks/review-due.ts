// When a risk is looked at again (issue 21, C3). The worse a risk is, the sooner:
//
//   how likely + how bad          look again within
//   unlikely and minor            12 months
//   one step worse                 6 months
//   two steps worse                3 months
//   three steps worse              1 month
//   likely and very serious        2 weeks
//
// "Steps" count each word up from the mildest: possible is one step up from unlikely,
// likely two; serious one up from minor, very serious two. So "possible and serious" is two
// steps worse (3 months), the same as "unlikely and very serious". A date someone chose
// themselves always wins. A risk is overdue from the day after its date: the date itself is
// still on time, as a meeting held that day looks at it.
import type { Likelihood, Severity } from '../../db/schema/risks.ts';

export const likelihoods = ['unlikely', 'possible', 'likely'] as const satisfies readonly Likelihood[];
export const severities = ['minor', 'serious', 'very-serious'] as const satisfies readonly Severity[];

type Wait = { months: number } | { days: number };
const waits: readonly Wait[] = [{ months: 12 }, { months: 6 }, { months: 3 }, { months: 1 }, { days: 14 }];

/** How long until the next look, from how likely and how bad. */
export function waitFor(likelihood: Likelihood, severity: Severity): Wait {
  return waits[likelihoods.indexOf(likelihood) + severities.indexOf(severity)]!;
}

const parse = (date: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) };
};
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A calendar date some months on; the 31st becomes the month's last day when it has no 31st. */
export function addMonths(date: string, months: number): string {
  const { y, mo, d } = parse(date);
  const lastDay = new Date(Date.UTC(y, mo - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, mo - 1 + months, Math.min(d, lastDay)));
}

export function addDays(date: string, days: number): string {
  const { y, mo, d } = parse(date);
  return iso(Date.UTC(y, mo - 1, d + days));
}

/** The date to look again: the one chosen, or the rule's from `today` (a London date). */
export function reviewDue(today: string, likelihood: Likelihood, severity: Severity, chosen: string | null = null): string {
  if (chosen) return chosen;
  const wait = waitFor(likelihood, severity);
  return 'months' in wait ? addMonths(today, wait.months) : addDays(today, wait.days);
}

/** Past its date to look again: only from the day after. A closed risk is never overdue. */
export const isOverdue = (reviewOn: string, today: string, closed = false) => !closed && today > reviewOn;
