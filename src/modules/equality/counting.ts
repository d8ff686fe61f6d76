import type { Executor } from '../../db/connection.ts';
import type { Grouping } from './vocabulary.ts';

// The counts behind "who is missing", all made by the database (GROUP BY), never by loading
// people: a fixed number of queries however many people there are. The people counted are
// found from the project and meeting tables in one subquery (read only, for counts): the
// answers themselves never leave this module.

/** Everyone involved (project members by the end of the period, and anyone at a meeting in it), or only those at meetings. */
export type Population = {
  organisationId: string;
  projectId: string | null;
  /** Inclusive ISO dates. */
  from: string;
  to: string;
  who: 'involved' | 'attended';
};

type AnswerColumn =
  | 'age_band'
  | 'sex'
  | 'gender_identity'
  | 'sexual_orientation'
  | 'ethnic_high'
  | 'ethnic_group'
  | 'religion'
  | 'disability'
  | 'unpaid_care';

export const columnOf: Record<Grouping, AnswerColumn> = {
  ageBand: 'age_band',
  sex: 'sex',
  genderIdentity: 'gender_identity',
  sexualOrientation: 'sexual_orientation',
  ethnicHigh: 'ethnic_high',
  ethnicGroup: 'ethnic_group',
  religion: 'religion',
  disability: 'disability',
  unpaidCare: 'unpaid_care',
};

/** The day after an ISO date, as the start of that day in UTC text (meetings start at UTC times). */
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString();

function peopleIn(db: Executor, p: Population) {
  let attended = db
    .selectFrom('meeting_attendance as ma')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'ma.meeting_id').onRef('m.organisation_id', '=', 'ma.organisation_id'))
    .select('ma.person_id')
    .where('ma.organisation_id', '=', p.organisationId)
    .where('ma.status', '=', 'present')
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', `${p.from}T00:00:00.000Z`)
    .where('m.starts_at', '<', dayAfter(p.to));
  if (p.projectId) attended = attended.where('m.project_id', '=', p.projectId);
  if (p.who === 'attended') return attended;
  let members = db
    .selectFrom('project_members as pm')
    .select('pm.person_id')
    .where('pm.organisation_id', '=', p.organisationId)
    .where('pm.joined_on', '<=', p.to);
  if (p.projectId) members = members.where('pm.project_id', '=', p.projectId);
  // UNION (not UNION ALL): each person once, however many projects and meetings.
  return members.union(attended);
}

/** Count by category of one grouping; the null key is people who did not answer it. */
export async function countBy(db: Executor, p: Population, grouping: Grouping): Promise<Map<string | null, number>> {
  const column = `a.${columnOf[grouping]}` as const;
  const rows = await db
    .selectFrom(peopleIn(db, p).as('p'))
    .leftJoin('equality_answers as a', (j) => j.onRef('a.person_id', '=', 'p.person_id').on('a.organisation_id', '=', p.organisationId))
    .select([column, (eb) => eb.fn.countAll().as('n')])
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [(r as Record<string, unknown>)[columnOf[grouping]] as string | null, Number(r.n)]));
}

/** Count by the categories of two groupings at once (a row grouping and a column grouping). */
export async function countByTwo(
  db: Executor,
  p: Population,
  rows: Grouping,
  cols: Grouping,
): Promise<Array<{ row: string | null; col: string | null; n: number }>> {
  const rowColumn = `a.${columnOf[rows]}` as const;
  const colColumn = `a.${columnOf[cols]}` as const;
  const found = await db
    .selectFrom(peopleIn(db, p).as('p'))
    .leftJoin('equality_answers as a', (j) => j.onRef('a.person_id', '=', 'p.person_id').on('a.organisation_id', '=', p.organisationId))
    .select([rowColumn.concat(' as r') as `${typeof rowColumn} as r`, colColumn.concat(' as c') as `${typeof colColumn} as c`])
    .select((eb) => eb.fn.countAll().as('n'))
    .groupBy([rowColumn, colColumn])
    .execute();
  return found.map((f) => ({ row: (f.r as string | null) ?? null, col: (f.c as string | null) ?? null, n: Number(f.n) }));
}

/** Circumstances: people may have several, so each is counted on its own; plus how many answered the question and how many people there are. */
export async function countCircumstances(
  db: Executor,
  p: Population,
): Promise<{ byCircumstance: Map<string, number>; answered: number; everyone: number }> {
  const [rows, totals] = await Promise.all([
    db
      .selectFrom(peopleIn(db, p).as('p'))
      .innerJoin('equality_circumstances as c', (j) =>
        j.onRef('c.person_id', '=', 'p.person_id').on('c.organisation_id', '=', p.organisationId),
      )
      .select(['c.circumstance', (eb) => eb.fn.countAll().as('n')])
      .groupBy('c.circumstance')
      .execute(),
    db
      .selectFrom(peopleIn(db, p).as('p'))
      .leftJoin('equality_answers as a', (j) => j.onRef('a.person_id', '=', 'p.person_id').on('a.organisation_id', '=', p.organisationId))
      .select((eb) => [eb.fn.countAll().as('everyone'), eb.fn.sum<number | string | null>('a.circumstances_answered').as('answered')])
      .executeTakeFirst(),
  ]);
  return {
    byCircumstance: new Map(rows.map((r) => [r.circumstance, Number(r.n)])),
    answered: Number(totals?.answered ?? 0),
    everyone: Number(totals?.everyone ?? 0),
  };
}
