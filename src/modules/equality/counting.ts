import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { groupingNames, type Grouping } from './vocabulary.ts';

// The counts behind "who is missing", all made by the database (GROUP BY), never by loading
// people: one query however many people there are. The people counted are found once, from
// the project and meeting tables, in a common table expression that every count reads (read
// only, for counts): the answers themselves never leave this module.

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

// Each person once, as rows of the organisation's people filtered by EXISTS. A UNION of
// members and attenders said the same, but SQLite merged it by scanning every organisation's
// project members in person order: 3 s at county size, against 0.1 s for this.
function peopleIn(db: Executor, p: Population) {
  return db
    .selectFrom('people as pp')
    .select('pp.id as person_id')
    .where('pp.organisation_id', '=', p.organisationId)
    .where((eb) => {
      let attended = eb
        .selectFrom('meeting_attendance as ma')
        .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'ma.meeting_id').onRef('m.organisation_id', '=', 'ma.organisation_id'))
        .select(sql.lit(1).as('one'))
        .whereRef('ma.person_id', '=', 'pp.id')
        .where('ma.organisation_id', '=', p.organisationId)
        .where('ma.status', '=', 'present')
        .where('m.cancelled_at', 'is', null)
        .where('m.starts_at', '>=', `${p.from}T00:00:00.000Z`)
        .where('m.starts_at', '<', dayAfter(p.to));
      if (p.projectId) attended = attended.where('m.project_id', '=', p.projectId);
      if (p.who === 'attended') return eb.exists(attended);
      let members = eb
        .selectFrom('project_members as pm')
        .select(sql.lit(1).as('one'))
        .whereRef('pm.person_id', '=', 'pp.id')
        .where('pm.organisation_id', '=', p.organisationId)
        .where('pm.joined_on', '<=', p.to);
      if (p.projectId) members = members.where('pm.project_id', '=', p.projectId);
      return eb.or([eb.exists(members), eb.exists(attended)]);
    });
}

export type Counted = {
  /** Count by category of each grouping; the null key is people who did not answer it. */
  byGrouping: Map<Grouping, Map<string | null, number>>;
  /** Count by the categories of two groupings at once (a row grouping and a column grouping). */
  pairs: Array<{ row: string | null; col: string | null; n: number }>;
  /** Circumstances: people may have several, so each is counted on its own. */
  byCircumstance: Map<string, number>;
  /** How many answered the circumstances question. */
  circumstancesAnswered: number;
  everyone: number;
};

/** Every count of the page in one query: the people are found once and each count reads them. */
export async function countPopulation(db: Executor, p: Population, rows: Grouping, cols: Grouping): Promise<Counted> {
  // The grouping names and columns come from fixed lists, never from the request.
  const col = (g: Grouping) => sql.ref(columnOf[g]);
  const parts = [
    ...groupingNames.map((g) => sql`select ${sql.lit(g)} as g, ${col(g)} as v, null as w, count(*) as n from pa group by ${col(g)}`),
    sql`select 'pair' as g, ${col(rows)} as v, ${col(cols)} as w, count(*) as n from pa group by ${col(rows)}, ${col(cols)}`,
    sql`select 'circumstance' as g, c.circumstance as v, null as w, count(*) as n from p inner join equality_circumstances c on c.person_id = p.person_id and c.organisation_id = ${p.organisationId} group by c.circumstance`,
    sql`select 'totals' as g, null as v, null as w, coalesce(sum(circumstances_answered), 0) as n from pa`,
  ];
  const answers = sql.join(groupingNames.map((g) => sql.ref(`a.${columnOf[g]}`)));
  // Kysely puts the embedded query in brackets itself.
  const found = await sql<{ g: string; v: string | null; w: string | null; n: number | string }>`with p as materialized ${peopleIn(db, p)},
    pa as materialized (select p.person_id, ${answers}, a.circumstances_answered from p left join equality_answers a on a.person_id = p.person_id and a.organisation_id = ${p.organisationId})
    ${sql.join(parts, sql` union all `)}`.execute(db);
  const byGrouping = new Map<Grouping, Map<string | null, number>>(groupingNames.map((g) => [g, new Map()]));
  const counted: Counted = { byGrouping, pairs: [], byCircumstance: new Map(), circumstancesAnswered: 0, everyone: 0 };
  for (const r of found.rows) {
    const n = Number(r.n);
    if (r.g === 'pair') counted.pairs.push({ row: r.v ?? null, col: r.w ?? null, n });
    else if (r.g === 'circumstance') counted.byCircumstance.set(r.v!, n);
    else if (r.g === 'totals') counted.circumstancesAnswered = n;
    else byGrouping.get(r.g as Grouping)?.set(r.v ?? null, n);
  }
  counted.everyone = [...byGrouping.get(groupingNames[0]!)!.values()].reduce((a, b) => a + b, 0);
  return counted;
}
