import { sql } from 'kysely';
import { isPostgres, type Executor } from '../../db/connection.ts';
import { perspectiveGroupSql, type PerspectiveGroup } from '../../platform/perspective-groups.ts';

export type GroupTaking = { group: PerspectiveGroup | 'everyone'; people: number; minutes: number };
export type ParticipationFigures = { meetings: number; taking: GroupTaking[] };
export type FiguresScope = { projectId?: string; fromIso: string; toIso: string; nowIso: string };

// Meeting length in whole minutes, for people marked present without times.
const lengthMinutes = (db: Executor) =>
  isPostgres(db)
    ? sql<number>`round(extract(epoch from (m.ends_at::timestamptz - m.starts_at::timestamptz)) / 60)`
    : sql<number>`round((julianday(m.ends_at) - julianday(m.starts_at)) * 1440)`;

/**
 * Meetings held in [fromIso, toIso) (not cancelled, already started) and who was really
 * there, counted by the database: distinct people and minutes, for everyone and by
 * perspective group. Someone with two perspectives counts in both groups but once in
 * "everyone"; two perspectives in one group count once in it.
 */
export async function participationFigures(db: Executor, organisationId: string, scope: FiguresScope): Promise<ParticipationFigures> {
  let held = db
    .selectFrom('meetings as m')
    .where('m.organisation_id', '=', organisationId)
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', scope.fromIso)
    .where('m.starts_at', '<', scope.toIso)
    .where('m.starts_at', '<=', scope.nowIso);
  if (scope.projectId) held = held.where('m.project_id', '=', scope.projectId);

  const presence = held
    .innerJoin('meeting_attendance as a', (j) => j.onRef('a.meeting_id', '=', 'm.id').onRef('a.organisation_id', '=', 'm.organisation_id'))
    .where('a.status', '=', 'present')
    .select([
      'a.meeting_id',
      'a.person_id',
      sql<number>`case when coalesce(a.minutes_present, ${lengthMinutes(db)}) < 0 then 0 else coalesce(a.minutes_present, ${lengthMinutes(db)}) end`.as(
        'minutes',
      ),
    ]);

  const [meetings, everyone, byGroup] = await Promise.all([
    held.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom(presence.as('p'))
      .select((eb) => [eb.fn.count<number>('p.person_id').distinct().as('people'), eb.fn.sum<number>('p.minutes').as('minutes')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(
        db
          .selectFrom(presence.as('p'))
          .innerJoin('person_perspectives as pp', (j) =>
            j.onRef('pp.person_id', '=', 'p.person_id').on('pp.organisation_id', '=', organisationId),
          )
          .select([perspectiveGroupSql('pp.perspective').as('grp'), 'p.meeting_id', 'p.person_id', 'p.minutes'])
          .distinct()
          .as('g'),
      )
      .select((eb) => ['g.grp', eb.fn.count<number>('g.person_id').distinct().as('people'), eb.fn.sum<number>('g.minutes').as('minutes')])
      .groupBy('g.grp')
      .execute(),
  ]);
  const taking: GroupTaking[] = [
    { group: 'everyone', people: Number(everyone.people ?? 0), minutes: Number(everyone.minutes ?? 0) },
    ...byGroup.map((r) => ({ group: r.grp, people: Number(r.people), minutes: Number(r.minutes ?? 0) })),
  ];
  return { meetings: Number(meetings.n), taking };
}
