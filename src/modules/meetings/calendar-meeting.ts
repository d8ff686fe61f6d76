import type { CalendarMeeting } from './calendar.ts';
import type { Meeting } from './service.ts';

/** A meeting as a calendar event: the link goes to the meeting's reply page. */
export function calendarMeeting(meeting: Meeting, url: string): CalendarMeeting {
  const location = [
    meeting.venue ? `${meeting.venue.name}, ${meeting.venue.address.replace(/\s*\n\s*/g, ', ')}` : null,
    meeting.joiningDetails,
  ]
    .filter(Boolean)
    .join('. ');
  return {
    id: meeting.id,
    title: meeting.title,
    description: meeting.purpose,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: location || null,
    url,
    cancelled: meeting.cancelled,
    updatedAt: meeting.updatedAt,
  };
}
