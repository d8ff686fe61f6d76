// When an improvement action needs attention (V3). Pure: dates are London YYYY-MM-DD.
import type { ActionStatus } from './vocabulary.ts';

/** How many days ahead counts as "due soon". */
export const dueSoonDays = 14;

const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/** Whole days from one date to another: positive when `to` is later. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export type Timing = { overdue: boolean; daysOverdue: number; dueSoon: boolean };

/**
 * A done action is never overdue or due. An open one is overdue from the day after its
 * due date, and due soon from 14 days before it up to the due date itself.
 */
export function actionTiming(action: { status: ActionStatus; dueOn: string }, today: string): Timing {
  if (action.status === 'done') return { overdue: false, daysOverdue: 0, dueSoon: false };
  const late = daysBetween(action.dueOn, today);
  if (late > 0) return { overdue: true, daysOverdue: late, dueSoon: false };
  return { overdue: false, daysOverdue: 0, dueSoon: -late <= dueSoonDays };
}

/** The day `days` after a London date (YYYY-MM-DD). */
export const daysAfter = (isoDate: string, days: number) => new Date((dayNumber(isoDate) + days) * 86_400_000).toISOString().slice(0, 10);

export type DueWindow = 'overdue' | 'soon';

/**
 * The open actions of a window, as due dates the database can filter on, agreeing with
 * actionTiming: overdue is due before today; due soon is due from today to 14 days ahead.
 */
export function dueWindowFilter(
  window: DueWindow,
  today: string,
): { openOnly: true; dueBefore?: string; dueFrom?: string; dueTo?: string } {
  return window === 'overdue'
    ? { openOnly: true, dueBefore: today }
    : { openOnly: true, dueFrom: today, dueTo: daysAfter(today, dueSoonDays) };
}

/** An action can be marked done only when someone writes what changed. */
export function doneNeedsWhatChanged(status: ActionStatus, whatChanged: string | null): boolean {
  return status !== 'done' || Boolean(whatChanged && whatChanged.trim());
}
