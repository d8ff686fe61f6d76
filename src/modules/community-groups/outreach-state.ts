// Where an outreach action stands on a given day. An action is overdue from the day after
// its due date until someone says what came of it: a due date is the last day to do it, and
// the To do page counts the overdue ones. "Due soon" (within a week) gives the owner time to
// ring a group that likes a call on Tuesday mornings. Once closed, the result is the state,
// however late it was.
import type { OutreachResult } from '../../db/schema/community-groups.ts';
import type { outreachStates } from './vocabulary.ts';

export type OutreachState = (typeof outreachStates)[number];

/** Days before the due date from which an open action is "due soon". */
export const dueSoonDays = 7;

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** today and dueOn are London dates (YYYY-MM-DD). */
export function outreachState(action: { dueOn: string; result: OutreachResult | null }, today: string): OutreachState {
  if (action.result) return action.result;
  const daysLeft = dayNumber(action.dueOn) - dayNumber(today);
  if (daysLeft < 0) return 'overdue';
  return daysLeft < dueSoonDays ? 'due-soon' : 'planned';
}
