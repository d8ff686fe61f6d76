import type { Executor } from '../../src/db/connection.ts';
import type { AttendanceStatus, MeetingFormat } from '../../src/db/schema.ts';
import type { MeetingInput } from '../../src/modules/meetings/service.ts';
import type { ProjectInput } from '../../src/modules/projects/service.ts';
import type { Actor } from '../../src/platform/auth.ts';
import { newId } from '../../src/platform/ids.ts';
import type { TestApp } from './test-app.ts';

// Tests that need a meeting as it stands after time has passed (invitations sent weeks ago,
// a start already gone, cancelled) write its row: the service would stamp today on it, and
// refuses what it would never make. Only what a test says differs from a plain meeting.

type MeetingRowFields = {
  organisationId: string;
  projectId: string;
  startsAt: string;
  /** An hour after the start unless given. */
  endsAt?: string;
  id?: string;
  title?: string;
  purpose?: string;
  format?: MeetingFormat;
  invitationsSentAt?: string | null;
  cancelledAt?: string | null;
  /** Also when it was last changed; unless given, when the invitations went or else its start. */
  createdAt?: string;
};

/** Inserts one meeting and gives its id. */
export async function insertMeeting(db: Executor, fields: MeetingRowFields): Promise<string> {
  const id = fields.id ?? newId();
  const invitationsSentAt = fields.invitationsSentAt ?? null;
  const createdAt = fields.createdAt ?? invitationsSentAt ?? fields.startsAt;
  await db
    .insertInto('meetings')
    .values({
      id,
      organisation_id: fields.organisationId,
      project_id: fields.projectId,
      title: fields.title ?? 'Meeting',
      purpose: fields.purpose ?? 'Talk',
      starts_at: fields.startsAt,
      ends_at: fields.endsAt ?? new Date(Date.parse(fields.startsAt) + 3_600_000).toISOString(),
      format: fields.format ?? 'in-person',
      venue_id: null,
      joining_details: null,
      members_only: 0,
      arrangements: '[]',
      interpreter_languages: null,
      cancelled_at: fields.cancelledAt ?? null,
      invitations_sent_at: invitationsSentAt,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
  return id;
}

/** Someone's attendance at a meeting, recorded at `recordedAt` with nobody named as recording it. */
export async function recordAttendance(
  db: Executor,
  a: {
    organisationId: string;
    meetingId: string;
    personId: string;
    status: AttendanceStatus;
    minutesPresent: number | null;
    recordedAt: string;
  },
) {
  await db
    .insertInto('meeting_attendance')
    .values({
      organisation_id: a.organisationId,
      meeting_id: a.meetingId,
      person_id: a.personId,
      status: a.status,
      arrived_at: null,
      left_at: null,
      minutes_present: a.minutesPresent,
      recorded_by: null,
      recorded_at: a.recordedAt,
    })
    .execute();
}

/**
 * Staff's lunches project and its menu tasting, made through the services, the members
 * joining as the project starts and invited to the tasting. Unless told otherwise the tasting
 * was on Monday 7 December, two days before the clock of the tests that write its notes.
 */
export async function menuTasting(
  t: TestApp,
  staff: Actor,
  opts: { members?: readonly string[]; project?: Partial<ProjectInput>; meeting?: Partial<MeetingInput> } = {},
) {
  const members = opts.members ?? [];
  const projectId = await t.services.projects.create(staff, {
    title: 'Better lunches',
    purpose: 'Choose the food together.',
    activities: ['co-design'],
    levelAim: 'transformative',
    stage: 'deciding',
    startDate: '2026-01-05',
    ...opts.project,
  });
  for (const personId of members) await t.services.projects.addMember(staff, projectId, personId, 'member', '2026-01-05');
  const meetingId = await t.services.meetings.create(staff, projectId, {
    title: 'Menu tasting',
    purpose: 'Taste soups',
    startsAt: '2026-12-07T10:30:00.000Z',
    endsAt: '2026-12-07T12:30:00.000Z',
    format: 'in-person',
    venueId: null,
    joiningDetails: null,
    membersOnly: false,
    arrangements: [],
    interpreterLanguages: [],
    ...opts.meeting,
  });
  if (members.length > 0) await t.services.meetings.setInvitees(staff, meetingId, members);
  return { projectId, meetingId };
}
