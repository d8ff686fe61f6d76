import { createEvent, createEvents, type EventAttributes } from 'ics';
import { foldLines } from './calendar-lines.ts';

/** A meeting as a calendar needs it. Times are UTC ISO strings. */
export type CalendarMeeting = {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  url: string;
  cancelled: boolean;
  updatedAt: string;
};

const productId = '-//Coproduce//Meetings//EN';
const sequenceEpoch = Date.parse('2026-01-01T00:00:00Z');

/**
 * Calendars replace an event when a later copy has the same UID and a higher SEQUENCE,
 * so the sequence grows with every change to the meeting: seconds since 2026.
 */
export const sequenceOf = (updatedAt: string) => Math.max(0, Math.floor((Date.parse(updatedAt) - sequenceEpoch) / 1000));

function event(m: CalendarMeeting): EventAttributes {
  return {
    uid: `${m.id}@coproduce`,
    sequence: sequenceOf(m.updatedAt),
    title: m.title,
    description: m.description,
    // UTC in and out: a person's calendar shows it in their own zone, clock changes included.
    start: Date.parse(m.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(m.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(m.location ? { location: m.location } : {}),
    url: m.url,
    status: m.cancelled ? 'CANCELLED' : 'CONFIRMED',
    lastModified: Date.parse(m.updatedAt),
  };
}

function valueOf(result: { error: Error | null; value: string | null }): string {
  if (result.error || result.value === null) throw result.error ?? new Error('Calendar file could not be made');
  return foldLines(result.value);
}

/** Someone named in the file: the organisation as organiser, the person as attendee. */
export type CalendarContact = { name: string; email: string };

/**
 * A name as a parameter value (CN=...). A double quote would end the quoted value early,
 * and `ics` escapes it with a backslash, which iCalendar has no such meaning for; RFC 6868
 * writes it as ^' (and a caret as ^^, a new line as ^n).
 */
const parameterText = (name: string) => name.replace(/\^/g, '^^').replace(/"/g, "^'").replace(/\r?\n/g, '^n');

/**
 * One meeting for one person's email. RFC 5546 requires the ORGANIZER and the ATTENDEE it
 * is for in a REQUEST or CANCEL. RSVP=FALSE: people reply through their link, not by a
 * calendar reply to our sending address. A cancellation goes as METHOD:CANCEL, which is
 * what mail programs act on to take the meeting out of a calendar.
 */
export function meetingInvite(m: CalendarMeeting, organiser: CalendarContact, attendee: CalendarContact): string {
  return valueOf(
    createEvent({
      ...event(m),
      productId,
      method: m.cancelled ? 'CANCEL' : 'REQUEST',
      organizer: { name: parameterText(organiser.name), email: organiser.email },
      attendees: [{ name: parameterText(attendee.name), email: attendee.email, rsvp: false }],
    }),
  );
}

/** A person's meetings as a feed their calendar subscribes to. */
export function calendarFeed(name: string, meetings: CalendarMeeting[]): string {
  return valueOf(createEvents(meetings.map(event), { productId, method: 'PUBLISH', calName: name }));
}
