// When the next review in a series opens and closes. Pure.
import type { Schedule } from './vocabulary.ts';

const monthsFor: Record<Exclude<Schedule, 'none'>, number> = { quarterly: 3, 'six-monthly': 6, yearly: 12 };

/**
 * A date (YYYY-MM-DD) moved on by whole months. A day the month lacks becomes its last day:
 * 31 August plus 6 months is 28 February (29 in a leap year).
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** The next cycle's dates, both moved on by the schedule; null when it does not repeat. */
export function nextCycleDates(cycle: {
  opensOn: string;
  closesOn: string;
  schedule: Schedule;
}): { opensOn: string; closesOn: string } | null {
  if (cycle.schedule === 'none') return null;
  const months = monthsFor[cycle.schedule];
  return { opensOn: addMonths(cycle.opensOn, months), closesOn: addMonths(cycle.closesOn, months) };
}
