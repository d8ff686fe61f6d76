import type { Actor, CurrentUser } from '../../platform/auth.ts';
import type { MeetingCreditsRule } from '../../db/schema/rewards.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Page } from '../../platform/pagination.ts';
import { perspectiveGroupOf } from '../../platform/perspective-groups.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { LedgerService } from './ledger-service.ts';
import type { Statements } from './statements.ts';

/** One credit per person per meeting, whoever presses the button and however often. */
export const attendanceReference = (meetingId: string, personId: string) => `attendance:${meetingId}:${personId}`;

export type AttendanceRow = {
  personId: string;
  name: string;
  minutes: number;
  credited: boolean;
  /** An approved claim for this meeting decides what they get for it (the default rule). */
  settledByClaim: boolean;
  paidToBeThere: boolean;
};

/**
 * What the time bank needs from claims and the rewards settings, given late by services.ts
 * (claims are built on the time bank). See docs/decisions/0015-meeting-credits.md.
 */
export type MeetingClaimsPort = {
  /** Of these people, those with an approved or paid claim for their time at the meeting. */
  settledByClaim(organisationId: string, meetingId: string, personIds: readonly string[]): Promise<Set<string>>;
  rule(organisationId: string): Promise<MeetingCreditsRule>;
};

type Deps = {
  ledger: LedgerService;
  statements: Statements;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  people: PeopleService;
  claims: MeetingClaimsPort;
  t: Translate;
};

/**
 * The organisation gives time credits for co-production: the real minutes each person was
 * at a meeting, taken from its attendance.
 */
export function makeAttendanceCredits({ ledger, statements, meetings, meetingRecords, people, claims, t }: Deps) {
  async function settled(organisationId: string, meetingId: string, personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0 || (await claims.rule(organisationId)) !== 'claim-replaces') return new Set();
    return claims.settledByClaim(organisationId, meetingId, personIds);
  }

  /**
   * Undoes the attendance credits a person got for a meeting, if any are standing: their
   * claim for it now says what they get. Safe to call again: a reversal happens once.
   */
  async function undoAttendance(actor: Actor, meetingId: string, personId: string, reason: string): Promise<boolean> {
    const [given] = await statements.creditsByReference(actor.organisationId, [attendanceReference(meetingId, personId)]);
    // Before this rule a claim's credits could carry the attendance reference: those stay.
    if (!given || given.kind !== 'attendance' || given.reversed) return false;
    const undone = await ledger.reverse(actor, given.transactionId, reason);
    return undone.ok;
  }

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
    const [used, byClaim] = await Promise.all([
      statements.referencesUsed(
        user.organisationId,
        present.map(([id]) => attendanceReference(meetingId, id)),
      ),
      settled(
        user.organisationId,
        meetingId,
        present.map(([id]) => id),
      ),
    ]);
    return present
      .filter(([id]) => summaries.has(id))
      .map(([id, a]) => {
        const person = summaries.get(id)!;
        return {
          personId: id,
          name: person.name,
          minutes: a.minutesPresent!,
          credited: used.has(attendanceReference(meetingId, id)),
          settledByClaim: byClaim.has(id),
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

    undoAttendance,

    /**
     * Credits the chosen people who were there; anyone credited before is left alone, and so
     * is anyone whose approved claim for the meeting says what they get.
     */
    async credit(user: CurrentUser, meetingId: string, personIds: readonly string[]): Promise<{ credited: number }> {
      const meeting = await meetings.getForUser(user, meetingId);
      const chosen = new Set(personIds);
      const actor = { organisationId: user.organisationId, personId: user.personId };
      const given: string[] = [];
      for (const row of await rows(user, meeting.id)) {
        if (!chosen.has(row.personId) || row.credited || row.settledByClaim) continue;
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
        if (!result.alreadyCredited) given.push(row.personId);
      }
      // A claim approved while we were crediting: its approval looked for our credits before
      // we wrote them, so we undo them ourselves. Whoever looks second sees the other.
      const late = await settled(user.organisationId, meeting.id, given);
      for (const personId of late) await undoAttendance(actor, meeting.id, personId, t('timebank:replacedByClaim'));
      return { credited: given.length - late.size };
    },
  };
}

export type AttendanceCredits = ReturnType<typeof makeAttendanceCredits>;
