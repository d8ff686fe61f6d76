import type { Insertable, Updateable } from 'kysely';
import type { Database, InvitationReply, MeetingsTable } from '../../db/schema.ts';
import type { Executor } from '../../db/connection.ts';

// Every query names the organisation: one organisation never reaches another's meetings.

export async function findMeeting(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'm.project_id').onRef('p.organisation_id', '=', 'm.organisation_id'))
    .selectAll('m')
    .select('p.title as project_title')
    .where('m.organisation_id', '=', organisationId)
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function listProjectMeetings(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .orderBy('starts_at')
    .execute();
}

/**
 * Meetings a pre-meeting may prepare for: the project's, not cancelled, not over, not
 * pre-meetings themselves, soonest first, capped (a project has a handful coming up).
 */
export async function mainMeetingChoices(
  db: Executor,
  organisationId: string,
  projectId: string,
  from: string,
  exceptId: string | null,
  /** The meeting a pre-meeting already prepares for stays a choice once it is over, so editing keeps it. */
  keepId: string | null = null,
) {
  let q = db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'ends_at'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('cancelled_at', 'is', null)
    .where('pre_meeting_of', 'is', null)
    .where((eb) => (keepId ? eb.or([eb('ends_at', '>', from), eb('id', '=', keepId)]) : eb('ends_at', '>', from)))
    .orderBy('starts_at')
    .orderBy('id')
    .limit(50);
  // A meeting that has pre-meetings of its own cannot become one: no chains of pre-meetings.
  if (exceptId)
    q = q
      .where('id', '!=', exceptId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('meetings as own')
              .select('own.id')
              .where('own.organisation_id', '=', organisationId)
              .where('own.pre_meeting_of', '=', exceptId),
          ),
        ),
      );
  return q.execute();
}

/** A meeting's main meeting (when it is a pre-meeting) and its own pre-meetings, in one query. */
export async function relatedMeetings(db: Executor, organisationId: string, id: string, mainId: string | null) {
  return db
    .selectFrom('meetings')
    .select(['id', 'project_id', 'title', 'starts_at', 'ends_at', 'pre_meeting_of'])
    .where('organisation_id', '=', organisationId)
    .where('cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('pre_meeting_of', '=', id), ...(mainId ? [eb('id', '=', mainId)] : [])]))
    .orderBy('starts_at')
    .limit(20)
    .execute();
}

export async function insertMeeting(db: Executor, row: Insertable<MeetingsTable>) {
  await db.insertInto('meetings').values(row).execute();
}

export async function updateMeeting(db: Executor, organisationId: string, id: string, changes: Updateable<MeetingsTable>) {
  await db.updateTable('meetings').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function invitees(db: Executor, organisationId: string, meetingId: string) {
  return db
    .selectFrom('meeting_invitees as i')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'i.person_id').onRef('p.organisation_id', '=', 'i.organisation_id'))
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'i.reply_recorded_by').onRef('r.organisation_id', '=', 'i.organisation_id'))
    .selectAll('i')
    .select(['p.full_name', 'p.preferred_name', 'r.full_name as recorder_name'])
    .where('i.organisation_id', '=', organisationId)
    .where('i.meeting_id', '=', meetingId)
    .orderBy('p.full_name')
    .execute();
}

export async function addInvitees(db: Executor, organisationId: string, meetingId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return;
  await db
    .insertInto('meeting_invitees')
    .values(personIds.map((person_id) => ({ organisation_id: organisationId, meeting_id: meetingId, person_id, reply: 'none' as const })))
    .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
    .execute();
}

export async function removeInvitees(db: Executor, organisationId: string, meetingId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return;
  await db
    .deleteFrom('meeting_invitees')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function setReply(
  db: Executor,
  organisationId: string,
  meetingId: string,
  personId: string,
  reply: { reply: InvitationReply; replied_at: string; reply_recorded_by: string | null; reply_note: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_invitees')
    .set(reply)
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The meeting of the latest invitation sent to a person for a meeting not yet ended nor cancelled. */
export async function latestOpenInvitation(db: Executor, organisationId: string, personId: string, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('meeting_invitees as i')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'i.meeting_id').onRef('m.organisation_id', '=', 'i.organisation_id'))
    .select('i.meeting_id')
    .where('i.organisation_id', '=', organisationId)
    .where('i.person_id', '=', personId)
    .where('i.invited_at', 'is not', null)
    .where('m.cancelled_at', 'is', null)
    .where('m.ends_at', '>', now)
    .orderBy('i.invited_at', 'desc')
    .orderBy('m.starts_at')
    .limit(1)
    .executeTakeFirst();
  return row?.meeting_id ?? null;
}

export async function markInvited(db: Executor, organisationId: string, meetingId: string, personId: string, channel: string, at: string) {
  await db
    .updateTable('meeting_invitees')
    .set({ channel, invited_at: at })
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .execute();
}

/**
 * Claims the reminder for one invitee: only the first caller sees true, so two workers
 * never remind the same person twice.
 */
export async function claimReminder(
  db: Executor,
  organisationId: string,
  meetingId: string,
  personId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_invitees')
    .set({ reminded_at: at })
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Invitees of meetings starting between the two times who were invited but not reminded.
 * A batch for the reminder job, not a list anyone reads: each one it sends is claimed
 * (reminded_at set), so the next run takes the next 200 and none is left behind.
 */
export async function dueReminders(db: Executor, fromIso: string, toIso: string) {
  return db
    .selectFrom('meeting_invitees as i')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'i.meeting_id').onRef('m.organisation_id', '=', 'i.organisation_id'))
    .select(['i.organisation_id', 'i.meeting_id', 'i.person_id'])
    .where('m.starts_at', '>', fromIso)
    .where('m.starts_at', '<=', toIso)
    .where('m.cancelled_at', 'is', null)
    .where('i.invited_at', 'is not', null)
    .where('i.reminded_at', 'is', null)
    .where('i.reply', '!=', 'no')
    .limit(200)
    .execute();
}

export async function gapAcceptances(db: Executor, organisationId: string, meetingId: string) {
  return db
    .selectFrom('meeting_gap_acceptances as g')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'g.accepted_by').onRef('p.organisation_id', '=', 'g.organisation_id'))
    .selectAll('g')
    .select('p.full_name as accepted_by_name')
    .where('g.organisation_id', '=', organisationId)
    .where('g.meeting_id', '=', meetingId)
    .execute();
}

export async function acceptGap(db: Executor, row: Database['meeting_gap_acceptances']) {
  await db
    .insertInto('meeting_gap_acceptances')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['meeting_id', 'person_id', 'need'])
        .doUpdateSet({ reason: row.reason, accepted_by: row.accepted_by, accepted_at: row.accepted_at }),
    )
    .execute();
}

export async function withdrawAcceptance(db: Executor, organisationId: string, meetingId: string, personId: string, need: string) {
  await db
    .deleteFrom('meeting_gap_acceptances')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .where('need', '=', need)
    .execute();
}

/**
 * Meetings a person is invited to, newest last, for their calendar feed and home page. Not
 * a list shown in pages: a feed is read whole by a calendar app, and 500 is years of
 * weekly meetings from the 90 days back that the feed starts at.
 */
export async function meetingsForPerson(db: Executor, organisationId: string, personId: string, sinceIso: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('meeting_invitees as i', (j) => j.onRef('i.meeting_id', '=', 'm.id').onRef('i.organisation_id', '=', 'm.organisation_id'))
    .selectAll('m')
    .where('m.organisation_id', '=', organisationId)
    .where('i.person_id', '=', personId)
    .where('m.ends_at', '>=', sinceIso)
    .orderBy('m.starts_at')
    .limit(500)
    .execute();
}

/** Meetings that have ended and were not cancelled, newest first, a page at a time, with their project's title. */
export async function endedMeetings(db: Executor, organisationId: string, nowIso: string, limit: number, offset: number) {
  const ended = db
    .selectFrom('meetings as m')
    .where('m.organisation_id', '=', organisationId)
    .where('m.cancelled_at', 'is', null)
    .where('m.ends_at', '<=', nowIso);
  // The page comes from the meetings alone (the meetings_org_live_start index), then its
  // projects' titles: joined first, SQLite's planner read every project's meetings to sort them.
  const [page, count] = await Promise.all([
    ended
      .select(['m.id', 'm.title', 'm.starts_at', 'm.ends_at', 'm.project_id'])
      .orderBy('m.starts_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    ended.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const projectIds = [...new Set(page.map((m) => m.project_id))];
  const titles = new Map(
    projectIds.length
      ? (
          await db
            .selectFrom('projects')
            .select(['id', 'title'])
            .where('organisation_id', '=', organisationId)
            .where('id', 'in', projectIds)
            .execute()
        ).map((p) => [p.id, p.title])
      : [],
  );
  const rows = page.map(({ project_id, ...m }) => ({ ...m, project_title: titles.get(project_id) ?? '' }));
  return { rows, total: Number(count.n) };
}
