// How long a concern may wait for a safeguarding lead to say they have it (issue 21, C3).
// Working days are Monday to Friday in London. Bank holidays count as working days: a
// concern raised before one is escalated sooner, which errs on the side of safety.
import { addLondonDays, londonToUtc, toLondon } from '../meetings/meeting-time.ts';

const weekend = new Set(['sat', 'sun']);
const isWorkingDay = (iso: string) => !weekend.has(toLondon(iso).weekday);

/**
 * When a concern raised at `raisedAt` must be acknowledged by: the same time of day
 * `workingDays` working days later. One raised at a weekend starts at midnight at the start
 * of Monday, so it is due by the end of Monday (with one working day).
 */
export function acknowledgeBy(raisedAt: string, workingDays: number): string {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('At least one working day');
  let start = raisedAt;
  while (!isWorkingDay(start)) {
    const next = toLondon(addLondonDays(start, 1)).date;
    const midnight = londonToUtc(next, '00:00');
    if (!midnight.ok) throw new RangeError(`No midnight in London on ${next}`);
    start = midnight.iso;
  }
  let due = start;
  for (let left = workingDays; left > 0;) {
    due = addLondonDays(due, 1);
    if (isWorkingDay(due)) left--;
  }
  return due;
}

/** Whether a concern still waiting at `now` is past its time. */
export const isOverdue = (acknowledgeByIso: string, now: Date) => now.getTime() > Date.parse(acknowledgeByIso);
