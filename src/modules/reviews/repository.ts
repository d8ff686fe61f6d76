import { sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { allStatements, sectionOf, type FormSection } from './vocabulary.ts';
import type { Executor } from '../../db/connection.ts';
import type { Page } from '../../platform/pagination.ts';

export type CycleRow = Database['review_cycles'];
export type AnswerRow = Database['review_answers'];

// Every query is scoped by the organisation taken from the signed-in session.

export async function insertCycle(db: Executor, row: CycleRow): Promise<void> {
  await db.insertInto('review_cycles').values(row).execute();
}

/**
 * The next cycle of a series. follows_cycle_id is unique, so a second try (a double press,
 * two staff at once) inserts nothing; the caller then reads the one that exists.
 */
export async function insertNextCycle(db: Executor, row: CycleRow): Promise<void> {
  await db
    .insertInto('review_cycles')
    .values(row)
    .onConflict((oc) => oc.column('follows_cycle_id').doNothing())
    .execute();
}

export async function findCycle(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('review_cycles').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function findFollower(db: Executor, organisationId: string, cycleId: string) {
  return db
    .selectFrom('review_cycles')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('follows_cycle_id', '=', cycleId)
    .executeTakeFirst();
}

/** Every organisation's cycles still open after their closing day: for the background job. */
export async function dueToClose(db: Executor, today: string) {
  return db
    .selectFrom('review_cycles')
    .select(['id', 'organisation_id'])
    .where('closed_at', 'is', null)
    .where('closes_on', '<', today)
    .orderBy('closes_on')
    .execute();
}

/** projectId: 'all' for every cycle, null for organisation-wide ones, or one project's. */
export async function listCycles(db: Executor, organisationId: string, projectId: string | null | 'all') {
  let q = db
    .selectFrom('review_cycles as c')
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'c.project_id').onRef('p.organisation_id', '=', 'c.organisation_id'))
    .selectAll('c')
    .select('p.title as project_title')
    .where('c.organisation_id', '=', organisationId);
  if (projectId === null) q = q.where('c.project_id', 'is', null);
  else if (projectId !== 'all') q = q.where('c.project_id', '=', projectId);
  return q.orderBy('c.opens_on', 'asc').orderBy('c.created_at', 'asc').execute();
}

/** Reviews open for answers today, oldest first (open ones are few: no page needed). */
export async function answerableCycles(db: Executor, organisationId: string, today: string) {
  return db
    .selectFrom('review_cycles as c')
    .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'c.project_id').onRef('p.organisation_id', '=', 'c.organisation_id'))
    .selectAll('c')
    .select('p.title as project_title')
    .where('c.organisation_id', '=', organisationId)
    .where('c.closed_at', 'is', null)
    .where('c.opens_on', '<=', today)
    .where('c.closes_on', '>=', today)
    .orderBy('c.opens_on', 'asc')
    .orderBy('c.created_at', 'asc')
    .execute();
}

/**
 * The reviews list, newest first, a page at a time. For a member (`forMember`): the
 * organisation's reviews and those of their projects, once they have opened.
 */
export async function cyclesPage(
  db: Executor,
  organisationId: string,
  forMember: { projectIds: readonly string[]; today: string } | null,
  page: Page,
) {
  let q = db.selectFrom('review_cycles as c').where('c.organisation_id', '=', organisationId);
  if (forMember) {
    const { projectIds, today } = forMember;
    q = q
      .where((eb) => eb.or([eb('c.project_id', 'is', null), ...(projectIds.length ? [eb('c.project_id', 'in', projectIds)] : [])]))
      .where((eb) => eb.or([eb('c.closed_at', 'is not', null), eb('c.opens_on', '<=', today)]));
  }
  const [rows, total] = await Promise.all([
    q
      .leftJoin('projects as p', (j) => j.onRef('p.id', '=', 'c.project_id').onRef('p.organisation_id', '=', 'c.organisation_id'))
      .selectAll('c')
      .select('p.title as project_title')
      .orderBy('c.opens_on', 'desc')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function projectTitle(db: Executor, organisationId: string, projectId: string) {
  return (
    (
      await db
        .selectFrom('projects')
        .select('title')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', projectId)
        .executeTakeFirst()
    )?.title ?? null
  );
}

/** Closes a cycle once: the number of rows changed says whether this call closed it. */
export async function closeCycle(db: Executor, organisationId: string, id: string, at: string, by: string | null): Promise<boolean> {
  const result = await db
    .updateTable('review_cycles')
    .set({ closed_at: at, closed_by: by })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markInvitationsSent(db: Executor, organisationId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('review_cycles')
    .set({ invitations_sent_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function recordInvitation(db: Executor, row: Database['review_invitations']): Promise<void> {
  await db
    .insertInto('review_invitations')
    .values(row)
    .onConflict((oc) => oc.columns(['cycle_id', 'person_id']).doNothing())
    .execute();
}

/** Who has been invited: everyone, or only those among some people (a page of a list). */
export async function invitedPeople(
  db: Executor,
  organisationId: string,
  cycleId: string,
  among?: readonly string[],
): Promise<Set<string>> {
  if (among?.length === 0) return new Set();
  let q = db
    .selectFrom('review_invitations')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', '=', cycleId);
  if (among) q = q.where('person_id', 'in', among);
  return new Set((await q.execute()).map((r) => r.person_id));
}

/** For some people: how many statements each has answered, and whether staff recorded any of it. */
export async function answerCounts(db: Executor, organisationId: string, cycleId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_answers')
    .select((eb) => [
      'person_id',
      eb.fn.sum<number | string>(sql`case when rating is not null or dont_know = 1 then 1 else 0 end`).as('answered'),
      eb.fn.sum<number | string>(sql`case when way = 'self' then 0 else 1 end`).as('by_staff'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', 'in', personIds)
    .groupBy('person_id')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, answered: Number(r.answered), byStaff: Number(r.by_staff) > 0 }));
}

/** How many people have answered at least one statement. */
export async function countAnswering(db: Executor, organisationId: string, cycleId: string): Promise<number> {
  const row = await db
    .selectFrom('review_answers')
    .select(sql<number | string>`count(distinct person_id)`.as('n'))
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', '=', cycleId)
    .where((eb) => eb.or([eb('rating', 'is not', null), eb('dont_know', '=', 1)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function answersIn(db: Executor, organisationId: string, cycleIds: readonly string[]) {
  if (cycleIds.length === 0) return [];
  return db
    .selectFrom('review_answers')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', 'in', cycleIds)
    .execute();
}

export async function answersOf(db: Executor, organisationId: string, cycleId: string, personId: string) {
  return db
    .selectFrom('review_answers')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .execute();
}

export async function saveAnswer(db: Executor, row: AnswerRow): Promise<void> {
  await db
    .insertInto('review_answers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['cycle_id', 'person_id', 'statement']).doUpdateSet({
        rating: row.rating,
        dont_know: row.dont_know,
        comment: row.comment,
        way: row.way,
        recorded_by: row.recorded_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/**
 * Each person's answers in each cycle added up by form section (the jigsaw pieces and the
 * principles), by the database: a county's history of 200,000 answers comes back as a few
 * rows per person and cycle.
 */
export async function sectionTallies(db: Executor, organisationId: string, cycleIds: readonly string[]) {
  if (cycleIds.length === 0) return [];
  const whens = allStatements.map((code) => sql`when ${code} then ${sectionOf(code)}`);
  const section = sql<FormSection>`case ${sql.ref('statement')} ${sql.join(whens, sql` `)} end`;
  // The section is worked out in a subquery so both databases can group by it by name.
  const answers = db
    .selectFrom('review_answers')
    .select(['cycle_id', 'person_id', 'rating', 'dont_know', section.as('section')])
    .where('organisation_id', '=', organisationId)
    .where('cycle_id', 'in', cycleIds)
    .where('statement', 'in', allStatements)
    .as('a');
  const rows = await db
    .selectFrom(answers)
    .select((eb) => [
      'a.cycle_id',
      'a.person_id',
      'a.section',
      eb.fn.coalesce(eb.fn.sum<number>('a.rating'), eb.lit(0)).as('sum'),
      eb.fn.count<number>('a.rating').as('ratings'),
      eb.fn.sum<number>(sql`case when a.rating is null and a.dont_know = 1 then 1 else 0 end`).as('dont_know'),
    ])
    .groupBy(['a.cycle_id', 'a.person_id', 'a.section'])
    .execute();
  return rows.map((r) => ({
    cycleId: r.cycle_id,
    personId: r.person_id,
    section: r.section,
    sum: Number(r.sum),
    ratings: Number(r.ratings),
    dontKnow: Number(r.dont_know ?? 0),
  }));
}

/**
 * Open reviews this person has answered and may still change (the home page): a page of
 * them, soonest to close first, and how many in all, both counted here, not in JavaScript.
 */
export async function answeredOpenCycles(db: Executor, organisationId: string, personId: string, today: string, limit: number) {
  const base = db
    .selectFrom('review_cycles as c')
    .where('c.organisation_id', '=', organisationId)
    .where('c.closed_at', 'is', null)
    .where('c.opens_on', '<=', today)
    .where('c.closes_on', '>=', today)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_answers as a')
          .select('a.cycle_id')
          .whereRef('a.cycle_id', '=', 'c.id')
          .where('a.organisation_id', '=', organisationId)
          .where('a.person_id', '=', personId),
      ),
    )
    // A project's review is for its members: someone who has left no longer changes it.
    .where((eb) =>
      eb.or([
        eb('c.project_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('project_members as m')
            .select('m.person_id')
            .whereRef('m.project_id', '=', 'c.project_id')
            .where('m.organisation_id', '=', organisationId)
            .where('m.person_id', '=', personId),
        ),
      ]),
    );
  const [rows, counted] = await Promise.all([
    base.select(['c.id', 'c.title', 'c.closes_on']).orderBy('c.closes_on', 'asc').orderBy('c.id', 'asc').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n) };
}

/** Of these cycles, those this person has answered: one query for any number. */
export async function cyclesAnswered(db: Executor, organisationId: string, personId: string, cycleIds: readonly string[]) {
  if (!cycleIds.length) return new Set<string>();
  const rows = await db
    .selectFrom('review_answers')
    .select('cycle_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('cycle_id', 'in', cycleIds)
    .execute();
  return new Set(rows.map((r) => r.cycle_id));
}
