import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type {
  OutcomeCountsTable,
  ProjectOutcomesTable,
  StoriesTable,
  SurveyAnswersTable,
  SurveyRoundsTable,
} from '../../db/schema/outcomes.ts';

// Every query names the organisation: one organisation never reaches another's outcomes.

export function listOutcomes(db: Executor, organisationId: string, projectId?: string) {
  let q = db
    .selectFrom('project_outcomes as o')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'o.project_id').onRef('p.organisation_id', '=', 'o.organisation_id'))
    .selectAll('o')
    .select('p.title as project_title')
    .where('o.organisation_id', '=', organisationId);
  if (projectId) q = q.where('o.project_id', '=', projectId);
  return q.orderBy('p.title').orderBy('o.created_at').execute();
}
export type OutcomeRow = Awaited<ReturnType<typeof listOutcomes>>[number];

export const findOutcome = (db: Executor, organisationId: string, id: string) =>
  db.selectFrom('project_outcomes').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();

export const insertOutcome = (db: Executor, row: Insertable<ProjectOutcomesTable>) =>
  db.insertInto('project_outcomes').values(row).execute();
export const updateOutcome = (db: Executor, organisationId: string, id: string, changes: Updateable<ProjectOutcomesTable>) =>
  db.updateTable('project_outcomes').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

/** Whether anyone has answered its question or a count has been written down for it. */
export async function isMeasured(db: Executor, organisationId: string, outcomeId: string): Promise<boolean> {
  const answer = await db
    .selectFrom('survey_answers')
    .select('outcome_id')
    .where('organisation_id', '=', organisationId)
    .where('outcome_id', '=', outcomeId)
    .limit(1)
    .executeTakeFirst();
  if (answer) return true;
  const count = await db
    .selectFrom('outcome_counts')
    .select('outcome_id')
    .where('organisation_id', '=', organisationId)
    .where('outcome_id', '=', outcomeId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(count);
}
export const insertCount = (db: Executor, row: Insertable<OutcomeCountsTable>) => db.insertInto('outcome_counts').values(row).execute();

export function listCounts(
  db: Executor,
  organisationId: string,
  outcomeIds: readonly string[],
  period: { from?: string; to?: string } = {},
) {
  if (outcomeIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('outcome_counts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('outcome_id', 'in', [...outcomeIds]);
  if (period.from) q = q.where('on_date', '>=', period.from);
  if (period.to) q = q.where('on_date', '<=', period.to);
  return q.orderBy('on_date').execute();
}

/** For one page of projects: how many outcomes each has, and how many survey rounds are open on `day`. */
export async function outcomeFiguresOf(db: Executor, organisationId: string, projectIds: readonly string[], day: string) {
  if (projectIds.length === 0) return { outcomes: new Map<string, number>(), openRounds: new Map<string, number>() };
  const [outcomes, rounds] = await Promise.all([
    db
      .selectFrom('project_outcomes')
      .select((eb) => ['project_id', eb.fn.countAll<string | number>().as('n')])
      .where('organisation_id', '=', organisationId)
      .where('project_id', 'in', [...projectIds])
      .groupBy('project_id')
      .execute(),
    db
      .selectFrom('survey_rounds')
      .select((eb) => ['project_id', eb.fn.countAll<string | number>().as('n')])
      .where('organisation_id', '=', organisationId)
      .where('project_id', 'in', [...projectIds])
      // The same rule as roundState: open from its first day to its last, both included.
      .where('opens_on', '<=', day)
      .where('closes_on', '>=', day)
      .groupBy('project_id')
      .execute(),
  ]);
  const byProject = (rows: ReadonlyArray<{ project_id: string; n: string | number }>) =>
    new Map(rows.map((r) => [r.project_id, Number(r.n)]));
  return { outcomes: byProject(outcomes), openRounds: byProject(rounds) };
}

/** Stories that can be shown, for one page of projects. */
export async function storyCountsOf(db: Executor, organisationId: string, projectIds: readonly string[]): Promise<Map<string, number>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select((eb) => ['project_id', eb.fn.countAll<string | number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('project_id', 'in', [...projectIds])
    .where('withdrawn_at', 'is', null)
    .groupBy('project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
}

export function listRounds(db: Executor, organisationId: string, projectId?: string) {
  let q = db.selectFrom('survey_rounds').selectAll().where('organisation_id', '=', organisationId);
  if (projectId) q = q.where('project_id', '=', projectId);
  return q.orderBy('opens_on', 'desc').orderBy('created_at', 'desc').execute();
}
export type RoundRow = Awaited<ReturnType<typeof listRounds>>[number];

export const findRound = (db: Executor, organisationId: string, id: string) =>
  db.selectFrom('survey_rounds').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();

/** Finds a round by id alone: only for a signed link, which proves who it is for. */
export const findRoundById = (db: Executor, id: string) =>
  db.selectFrom('survey_rounds').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRound = (db: Executor, row: Insertable<SurveyRoundsTable>) => db.insertInto('survey_rounds').values(row).execute();
export const updateRound = (db: Executor, organisationId: string, id: string, changes: Updateable<SurveyRoundsTable>) =>
  db.updateTable('survey_rounds').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

export function listAnswers(db: Executor, organisationId: string, roundIds: readonly string[], personId?: string) {
  if (roundIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('survey_answers')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('round_id', 'in', [...roundIds]);
  if (personId) q = q.where('person_id', '=', personId);
  return q.execute();
}

/**
 * How many answered each scale question, before and after, and the sum of their scores,
 * counted by the database. A round counts when its days meet the period (one still open
 * counts too); its answers count when given before `answeredBefore`, the instant the
 * period ends (the midnight after its last day), so the whole last day is in.
 */
export function answerTotals(
  db: Executor,
  organisationId: string,
  filter: { projectId?: string; from?: string; to?: string; answeredBefore?: string },
) {
  let q = db
    .selectFrom('survey_rounds as r')
    .innerJoin('survey_answers as a', (j) => j.onRef('a.round_id', '=', 'r.id').onRef('a.organisation_id', '=', 'r.organisation_id'))
    .select((eb) => [
      'a.outcome_id',
      'r.phase',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('a.score').as('total'),
    ])
    .where('r.organisation_id', '=', organisationId);
  if (filter.projectId) q = q.where('r.project_id', '=', filter.projectId);
  if (filter.from) q = q.where('r.closes_on', '>=', filter.from);
  if (filter.to) q = q.where('r.opens_on', '<=', filter.to);
  if (filter.answeredBefore) q = q.where('a.answered_at', '<', filter.answeredBefore);
  return q.groupBy(['a.outcome_id', 'r.phase']).execute();
}

/** A person's answers to a round: answering again replaces what they said before. */
export async function replaceAnswers(
  db: Executor,
  organisationId: string,
  roundId: string,
  personId: string,
  rows: ReadonlyArray<Insertable<SurveyAnswersTable>>,
) {
  await db
    .deleteFrom('survey_answers')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .execute();
  if (rows.length)
    await db
      .insertInto('survey_answers')
      .values([...rows])
      .execute();
}

export type StoryFilter = { projectId?: string; tellerId?: string; from?: string; to?: string; reportable?: boolean };

/** The stories a filter picks, without joins: the count and the page share it. */
function filteredStories(db: Executor, organisationId: string, filter: StoryFilter) {
  let q = db.selectFrom('stories as s').where('s.organisation_id', '=', organisationId);
  if (filter.projectId) q = q.where('s.project_id', '=', filter.projectId);
  if (filter.tellerId) q = q.where('s.teller_person_id', '=', filter.tellerId);
  if (filter.from) q = q.where('s.told_on', '>=', filter.from);
  if (filter.to) q = q.where('s.told_on', '<=', filter.to);
  if (filter.reportable) q = q.where('s.for_reports', '=', 1).where('s.withdrawn_at', 'is', null);
  return q;
}

/** Stories, newest told first, `limit` from `offset`; the id settles ties, so no story is on two pages. */
export function listStories(db: Executor, organisationId: string, filter: StoryFilter, page: { limit: number; offset: number }) {
  return filteredStories(db, organisationId, filter)
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 's.project_id').onRef('p.organisation_id', '=', 's.organisation_id'))
    .innerJoin('people as t', (j) => j.onRef('t.id', '=', 's.teller_person_id').onRef('t.organisation_id', '=', 's.organisation_id'))
    .selectAll('s')
    .select(['p.title as project_title', 't.full_name as teller_full_name', 't.preferred_name as teller_preferred_name'])
    .orderBy('s.told_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countStories(db: Executor, organisationId: string, filter: StoryFilter): Promise<number> {
  const row = await filteredStories(db, organisationId, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many stories each project keeps (withdrawn ones are gone), counted by the database. */
export type StoryRow = Awaited<ReturnType<typeof listStories>>[number];

export async function findStory(db: Executor, organisationId: string, id: string): Promise<StoryRow | undefined> {
  const rows = await db
    .selectFrom('stories as s')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 's.project_id').onRef('p.organisation_id', '=', 's.organisation_id'))
    .innerJoin('people as t', (j) => j.onRef('t.id', '=', 's.teller_person_id').onRef('t.organisation_id', '=', 's.organisation_id'))
    .selectAll('s')
    .select(['p.title as project_title', 't.full_name as teller_full_name', 't.preferred_name as teller_preferred_name'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', id)
    .execute();
  return rows[0];
}

export const insertStory = (db: Executor, row: Insertable<StoriesTable>) => db.insertInto('stories').values(row).execute();
export const updateStory = (db: Executor, organisationId: string, id: string, changes: Updateable<StoriesTable>) =>
  db.updateTable('stories').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

/**
 * Open survey rounds of this person's projects that they have answered and may still
 * change (the home page): a page of them, soonest to close first, and how many in all.
 */
export async function answeredOpenRounds(db: Executor, organisationId: string, personId: string, today: string, limit: number) {
  const base = db
    .selectFrom('survey_rounds as r')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'r.project_id').onRef('p.organisation_id', '=', 'r.organisation_id'))
    .innerJoin('project_members as m', (j) =>
      j.onRef('m.project_id', '=', 'r.project_id').onRef('m.organisation_id', '=', 'r.organisation_id').on('m.person_id', '=', personId),
    )
    .where('r.organisation_id', '=', organisationId)
    .where('r.opens_on', '<=', today)
    .where('r.closes_on', '>=', today)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_answers as a')
          .select('a.round_id')
          .whereRef('a.round_id', '=', 'r.id')
          .where('a.organisation_id', '=', organisationId)
          .where('a.person_id', '=', personId),
      ),
    );
  const [rows, counted] = await Promise.all([
    base
      .select(['r.id', 'r.closes_on', 'p.title as project_title'])
      .orderBy('r.closes_on', 'asc')
      .orderBy('r.id', 'asc')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n) };
}

/** Of these rounds, those this person has answered: one query for any number. */
export async function roundsAnswered(db: Executor, organisationId: string, personId: string, roundIds: readonly string[]) {
  if (!roundIds.length) return new Set<string>();
  const rows = await db
    .selectFrom('survey_answers')
    .select('round_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('round_id', 'in', roundIds)
    .execute();
  return new Set(rows.map((r) => r.round_id));
}
