// What people have told us about times, checked against each offered time (issue 17):
// days and parts of the day that do not suit them (their record's "meetings do not suit"),
// and help with travel, which has to be booked ahead. A clash is shown beside the time
// even when the person said yes or has not answered: staff ask before they pick.
import type { ContactDay, ContactPart } from '../people/vocabulary.ts';
import { daysOfWeek, partsOfDay } from '../meetings/meeting-time.ts';

/** Travel help (transport) is booked at least this long before the meeting. */
export const travelBookingDays = 2;

export type Clash = { kind: 'day'; day: ContactDay } | { kind: 'part'; part: ContactPart } | { kind: 'travel'; days: number };

export type PersonTimes = {
  unsuitableTimes: { days: readonly ContactDay[]; parts: readonly ContactPart[] } | null;
  needsTravelHelp: boolean;
};

export type TimeToCheck = { startsAt: string; endsAt: string };

/**
 * Why this time may not suit this person. The time is only fixed when the poll closes, so
 * travel help needs the meeting to start at least two days after that.
 */
export function clashesFor(person: PersonTimes, time: TimeToCheck, meeting: { comesToAPlace: boolean; closesAt: string }): Clash[] {
  const out: Clash[] = [];
  if (person.unsuitableTimes) {
    const days = daysOfWeek(time.startsAt, time.endsAt);
    const parts = partsOfDay(time.startsAt, time.endsAt);
    for (const day of person.unsuitableTimes.days) if (days.includes(day)) out.push({ kind: 'day', day });
    for (const part of person.unsuitableTimes.parts) if (parts.includes(part)) out.push({ kind: 'part', part });
  }
  const notice = Date.parse(time.startsAt) - Date.parse(meeting.closesAt);
  if (person.needsTravelHelp && meeting.comesToAPlace && notice < travelBookingDays * 86_400_000)
    out.push({ kind: 'travel', days: travelBookingDays });
  return out;
}
