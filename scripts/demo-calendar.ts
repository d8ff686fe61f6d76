import { londonToday, type Clock } from '../src/platform/time.ts';

// The demo tells a story around "today": a meeting two weeks ago, a vote open now, a review
// that closes next month. Every date in it comes from the clock it is given, so the story
// is the same whichever day it is loaded (npm run demo passes the system clock, the tests
// theirs), and nothing in it expires.

/** The day the fixed dates in the demo (project histories, a taxi ride) were written for. */
const writtenFor = '2026-11-23';
const DAY = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export type DemoCalendar = ReturnType<typeof demoCalendar>;

export function demoCalendar(now: Clock) {
  const today = londonToday(now());
  // Whole weeks, so a project that began on a Monday still did.
  const weeksMoved = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${writtenFor}T00:00:00Z`)) / (7 * DAY));
  return {
    today,
    /** A London date `offset` days from today, as YYYY-MM-DD. */
    day: (offset: number) => addDays(today, offset),
    /** A date written as if today were 23 November 2026, moved to keep its place in the story. */
    dated: (isoDate: string) => addDays(isoDate, weeksMoved * 7),
    /** An instant `days` (may be fractional or negative) from now, as an ISO timestamp. */
    instant: (days: number) => new Date(now().getTime() + days * DAY).toISOString(),
  };
}
