import type { CurrentUser } from '../../platform/auth.ts';
import type { Page } from '../../platform/pagination.ts';
import { perspectiveGroupOf } from '../../platform/perspective-groups.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { LedgerService } from './ledger-service.ts';
import type { Statements } from './statements.ts';

/** One credit per person per meeting, whoever presses the button and however often. */
export const attendanceReference = (meetingId: string, personId: string) => `attendance:${meetingId}:${personId}`;

export type AttendanceRow = { personId: string; name: string; minutes: number; credited: boolean; paidToBeThere: boolean };

type Deps = {
  ledger: LedgerService;
  statements: Statements;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  people: PeopleService;
};

/**
 * The organisation gives time credits for co-production: the real minutes each person was
 * at a meeting, taken from its attendance.
 */
export function makeAttendanceCredits({ ledger, statements, meetings, meetingRecords, people }: Deps) {
  async function rows(user: CurrentUser, meetingId: string): Promise<AttendanceRow[]> {
    const attendance = await meetingRecords.attendance(user.organisationId, meetingId);
    const present = [...attendance].filter(([, a]) => a.status === 'present' && (a.minutesPresent ?? 0) > 0);
    const summaries = new Map(
      (
        await people.summaries(
          user.organisationId,
          present.map(([id]) => id),
        )
      ).map((s) => [s.id, s]),
    );
    const used = await statements.referencesUsed(
      user.organisationId,
      present.map(([id]) => attendanceReference(meetingId, id)),
    );
    return present
      .filter(([id]) => summaries.has(id))
      .map(([id, a]) => {
        const person = summaries.get(id)!;
        return {
          personId: id,
          name: person.name,
          minutes: a.minutesPresent!,
          credited: used.has(attendanceReference(meetingId, id)),
          // Staff and partners are paid to be there; they are not ticked unless staff choose to.
          paidToBeThere: person.perspectives.length > 0 && person.perspectives.every((p) => perspectiveGroupOf(p) === 'staff-partners'),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    /** Meetings that have ended, newest first, across every project. */
    /** Meetings that have ended, newest first, a page at a time: the ones whose time can be credited. */
    pastMeetings(organisationId: string, page: Page) {
      return meetings.ended(organisationId, page);
    },

    async forMeeting(user: CurrentUser, meetingId: string) {
      const meeting = await meetings.getForUser(user, meetingId);
      return { meeting, rows: await rows(user, meeting.id) };
    },

    /** Credits the chosen people who were there; anyone credited before is left alone. */
    async credit(user: CurrentUser, meetingId: string, personIds: readonly string[]): Promise<{ credited: number }> {
      const meeting = await meetings.getForUser(user, meetingId);
      const chosen = new Set(personIds);
      let credited = 0;
      for (const row of await rows(user, meeting.id)) {
        if (!chosen.has(row.personId) || row.credited) continue;
        const result = await ledger.creditPerson(
          { organisationId: user.organisationId, personId: user.personId },
          {
            personId: row.personId,
            minutes: row.minutes,
            memo: meeting.title,
            reference: attendanceReference(meeting.id, row.personId),
            kind: 'attendance',
          },
        );
        if (!result.alreadyCredited) credited++;
      }
      return { credited };
    },
  };
}

export type AttendanceCredits = ReturnType<typeof makeAttendanceCredits>;
