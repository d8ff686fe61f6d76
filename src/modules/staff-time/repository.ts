import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Page } from '../../platform/pagination.ts';

export type StaffRole = 'admin' | 'facilitator';

/** Staff are people with an active admin or facilitator account; an admin account wins ('admin' sorts first). */
function staffOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('accounts')
    .select(['person_id', (eb) => eb.fn.min<StaffRole>('role').as('role')])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', 1)
    .where('role', 'in', ['admin', 'facilitator'])
    .groupBy('person_id');
}

export async function allowances(db: Executor, organisationId: string) {
  return db.selectFrom('staff_time_allowances').select(['role', 'minutes_a_week']).where('organisation_id', '=', organisationId).execute();
}

export async function saveAllowance(db: Executor, organisationId: string, role: StaffRole, minutes: number, at: string) {
  await db
    .insertInto('staff_time_allowances')
    .values({ organisation_id: organisationId, role, minutes_a_week: minutes, updated_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'role']).doUpdateSet({ minutes_a_week: minutes, updated_at: at }))
    .execute();
}

export async function teams(db: Executor, organisationId: string) {
  // An organisation has a handful of teams; 200 is far beyond any, and keeps the page bounded.
  return db
    .selectFrom('staff_teams as t')
    .leftJoin('staff_team_members as m', (j) => j.onRef('m.team_id', '=', 't.id').onRef('m.organisation_id', '=', 't.organisation_id'))
    .select(['t.id', 't.name', (eb) => eb.fn.count<number>('m.person_id').as('members')])
    .where('t.organisation_id', '=', organisationId)
    .groupBy(['t.id', 't.name'])
    .orderBy('t.name')
    .limit(200)
    .execute();
}

export async function teamNamed(db: Executor, organisationId: string, name: string) {
  return db
    .selectFrom('staff_teams')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function teamExists(db: Executor, organisationId: string, id: string) {
  return Boolean(
    await db.selectFrom('staff_teams').select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst(),
  );
}

export async function addTeam(db: Executor, row: { id: string; organisation_id: string; name: string; created_at: string }) {
  await db.insertInto('staff_teams').values(row).execute();
}

export async function removeTeam(db: Executor, organisationId: string, id: string) {
  await db.deleteFrom('staff_team_members').where('organisation_id', '=', organisationId).where('team_id', '=', id).execute();
  const r = await db.deleteFrom('staff_teams').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Staff, a page at a time, with their role and team. */
export async function staffPage(db: Executor, organisationId: string, page: Page) {
  const base = db
    .selectFrom(staffOf(db, organisationId).as('s'))
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 's.person_id').on('p.organisation_id', '=', organisationId));
  const [items, total] = await Promise.all([
    base
      .leftJoin('staff_team_members as m', (j) => j.onRef('m.person_id', '=', 's.person_id').on('m.organisation_id', '=', organisationId))
      .select(['s.person_id as personId', 's.role', 'p.full_name as name', 'm.team_id as teamId'])
      .orderBy('p.full_name')
      .orderBy('s.person_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function isStaffPerson(db: Executor, organisationId: string, personId: string) {
  return Boolean(await staffOf(db, organisationId).where('person_id', '=', personId).executeTakeFirst());
}

export async function setTeam(db: Executor, organisationId: string, personId: string, teamId: string | null) {
  await db.deleteFrom('staff_team_members').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  if (teamId)
    await db.insertInto('staff_team_members').values({ organisation_id: organisationId, person_id: personId, team_id: teamId }).execute();
}

/**
 * The projects on one person's week form: those they belong to and any they already recorded
 * time on that week. A staff member belongs to tens of projects at most; 100 bounds the form.
 */
export async function weekProjects(db: Executor, organisationId: string, personId: string, weekStart: string) {
  return (
    db
      .selectFrom('projects as p')
      .leftJoin('staff_time_entries as e', (j) =>
        j
          .onRef('e.project_id', '=', 'p.id')
          .on('e.organisation_id', '=', organisationId)
          .on('e.person_id', '=', personId)
          .on('e.week_start', '=', weekStart),
      )
      .select(['p.id', 'p.title', 'e.minutes'])
      .where('p.organisation_id', '=', organisationId)
      // Two small id lists (their memberships, their lines that week) found by index, rather
      // than a test of each of the organisation's projects.
      .where((eb) =>
        eb.or([
          eb(
            'p.id',
            'in',
            eb
              .selectFrom('project_members as pm')
              .select('pm.project_id')
              .where('pm.organisation_id', '=', organisationId)
              .where('pm.person_id', '=', personId),
          ),
          eb(
            'p.id',
            'in',
            eb
              .selectFrom('staff_time_entries as se')
              .select('se.project_id')
              .where('se.organisation_id', '=', organisationId)
              .where('se.person_id', '=', personId)
              .where('se.week_start', '=', weekStart),
          ),
        ]),
      )
      .orderBy('p.title')
      .orderBy('p.id')
      .limit(100)
      .execute()
  );
}

/** One person's meetings in a week where they were there: a handful of rows, to suggest the minutes. */
export async function weekMeetings(db: Executor, organisationId: string, personId: string, from: string, to: string) {
  return db
    .selectFrom('meeting_attendance as a')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'a.meeting_id').onRef('m.organisation_id', '=', 'a.organisation_id'))
    .select(['m.project_id', 'm.starts_at', 'm.ends_at', 'a.minutes_present'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.person_id', '=', personId)
    .where('a.status', '=', 'present')
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', from)
    .where('m.starts_at', '<', to)
    .limit(100)
    .execute();
}

export async function projectsOf(db: Executor, organisationId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return (await db.selectFrom('projects').select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute()).map(
    (r) => r.id,
  );
}

export async function saveWeek(
  db: Executor,
  organisationId: string,
  personId: string,
  weekStart: string,
  entries: ReadonlyArray<{ projectId: string; minutes: number }>,
  at: string,
) {
  const cleared = entries.filter((e) => e.minutes === 0).map((e) => e.projectId);
  const kept = entries.filter((e) => e.minutes > 0);
  if (cleared.length)
    await db
      .deleteFrom('staff_time_entries')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .where('week_start', '=', weekStart)
      .where('project_id', 'in', cleared)
      .execute();
  if (kept.length)
    await db
      .insertInto('staff_time_entries')
      .values(
        kept.map((e) => ({
          organisation_id: organisationId,
          person_id: personId,
          project_id: e.projectId,
          week_start: weekStart,
          minutes: e.minutes,
          recorded_at: at,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'person_id', 'week_start', 'project_id'])
          .doUpdateSet((eb) => ({ minutes: eb.ref('excluded.minutes'), recorded_at: at })),
      )
      .execute();
}

/**
 * Staff by group and role, and the minutes they used in the period, by group: a group is a
 * team (people in none are their own group, key null) or, where the organisation has no
 * teams, a role. Two GROUP BY queries whatever the size.
 */
export async function summary(db: Executor, organisationId: string, fromWeek: string, toWeek: string, byTeam: boolean) {
  const staff = staffOf(db, organisationId);
  const groupOf = byTeam ? sql<string | null>`m.team_id` : sql<string | null>`s.role`;
  const [counts, used] = await Promise.all([
    db
      .selectFrom(staff.as('s'))
      .leftJoin('staff_team_members as m', (j) => j.onRef('m.person_id', '=', 's.person_id').on('m.organisation_id', '=', organisationId))
      .select([groupOf.as('grp'), 's.role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy([groupOf, 's.role'])
      .execute(),
    db
      .selectFrom('staff_time_entries as e')
      .innerJoin(staff.as('s'), 's.person_id', 'e.person_id')
      .leftJoin('staff_team_members as m', (j) => j.onRef('m.person_id', '=', 'e.person_id').on('m.organisation_id', '=', organisationId))
      .select([groupOf.as('grp'), (eb) => eb.fn.sum<number | string>('e.minutes').as('minutes')])
      .where('e.organisation_id', '=', organisationId)
      .where('e.week_start', '>=', fromWeek)
      .where('e.week_start', '<=', toWeek)
      .groupBy(groupOf)
      .execute(),
  ]);
  return { counts, used };
}

/** The minutes of the period by project, the busiest first, one page. */
export async function byProject(db: Executor, organisationId: string, fromWeek: string, toWeek: string, page: Page) {
  const base = db
    .selectFrom('staff_time_entries as e')
    .where('e.organisation_id', '=', organisationId)
    .where('e.week_start', '>=', fromWeek)
    .where('e.week_start', '<=', toWeek);
  const [items, total] = await Promise.all([
    base
      .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'e.project_id').on('p.organisation_id', '=', organisationId))
      .select([
        'p.id',
        'p.title',
        (eb) => eb.fn.sum<number | string>('e.minutes').as('minutes'),
        (eb) => eb.fn.count<number>('e.person_id').distinct().as('people'),
      ])
      .groupBy(['p.id', 'p.title'])
      .orderBy(sql`sum(e.minutes)`, 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.count<number>('e.project_id').distinct().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
