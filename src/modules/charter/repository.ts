import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { CharterAnswer, CharterAnswersTable, CharterVersionsTable } from '../../db/schema/charter.ts';
import type { Page } from '../../platform/pagination.ts';
import { perspectiveGroupSql } from '../../platform/perspective-groups.ts';

// The charter's tables. Every query names the organisation. People's names come by a join
// (one query whatever the number of rows), never by a lookup per row.

/** Every version's number and state: a handful of rows, one per version ever made. */
export async function versionStates(db: Executor, organisationId: string) {
  return db.selectFrom('charter_versions').select(['version', 'published_at']).where('organisation_id', '=', organisationId).execute();
}

/** One version with the sponsor's and the editor's names. */
export async function versionWithNames(db: Executor, organisationId: string, where: { version: number } | { id: string }) {
  let q = db
    .selectFrom('charter_versions as v')
    .leftJoin('people as s', (j) => j.onRef('s.id', '=', 'v.sponsor_person_id').onRef('s.organisation_id', '=', 'v.organisation_id'))
    .leftJoin('people as e', (j) => j.onRef('e.id', '=', 'v.updated_by').onRef('e.organisation_id', '=', 'v.organisation_id'))
    .selectAll('v')
    .select(['s.full_name as sponsorName', 'e.full_name as editorName'])
    .where('v.organisation_id', '=', organisationId);
  q = 'id' in where ? q.where('v.id', '=', where.id) : q.where('v.version', '=', where.version);
  return q.executeTakeFirst();
}

/** The newest published version (what people answer), or the draft: one query. */
export async function latest(db: Executor, organisationId: string, published: boolean) {
  return db
    .selectFrom('charter_versions as v')
    .leftJoin('people as s', (j) => j.onRef('s.id', '=', 'v.sponsor_person_id').onRef('s.organisation_id', '=', 'v.organisation_id'))
    .selectAll('v')
    .select('s.full_name as sponsorName')
    .where('v.organisation_id', '=', organisationId)
    .where('v.published_at', published ? 'is not' : 'is', null)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVersion(db: Executor, row: Insertable<CharterVersionsTable>) {
  await db.insertInto('charter_versions').values(row).execute();
}

/** Changes the draft only: a published version's words stay as people read them. */
export async function updateDraft(db: Executor, organisationId: string, id: string, change: Updateable<CharterVersionsTable>) {
  const result = await db
    .updateTable('charter_versions')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Published versions, newest first, with how many agreed and how many would change each (one query). */
/** One page of published versions, newest first; their answers are counted by answerCountsOf. */
export async function publishedPage(db: Executor, organisationId: string, page: Page) {
  return db
    .selectFrom('charter_versions')
    .select(['id', 'version', 'published_at'])
    .where('organisation_id', '=', organisationId)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many agreed to each of these versions and how many would change it: one grouped count, read from the answers' index. */
export async function answerCountsOf(db: Executor, organisationId: string, versions: readonly number[]) {
  if (versions.length === 0) return [];
  const rows = await db
    .selectFrom('charter_answers')
    .select(['version', 'answer', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('version', 'in', versions)
    .groupBy(['version', 'answer'])
    .execute();
  const of = (version: number, a: CharterAnswer) => Number(rows.find((r) => Number(r.version) === version && r.answer === a)?.n ?? 0);
  return versions.map((version) => ({ version, agree: of(version, 'agree'), change: of(version, 'change') }));
}

export async function countPublished(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('charter_versions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('published_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function answerOf(db: Executor, organisationId: string, version: number, personId: string) {
  return db
    .selectFrom('charter_answers as a')
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'a.recorded_by').onRef('r.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select('r.full_name as recorderName')
    .where('a.organisation_id', '=', organisationId)
    .where('a.version', '=', version)
    .where('a.person_id', '=', personId)
    .executeTakeFirst();
}

/** One answer per person and version: answering again replaces it. */
export async function replaceAnswer(db: Executor, row: Insertable<CharterAnswersTable>) {
  await db
    .deleteFrom('charter_answers')
    .where('organisation_id', '=', row.organisation_id)
    .where('version', '=', row.version)
    .where('person_id', '=', row.person_id)
    .execute();
  await db.insertInto('charter_answers').values(row).execute();
}

/** One version's answers, newest first, one page, with who gave them; optionally only one kind. */
export async function answersPage(db: Executor, organisationId: string, version: number, answer: CharterAnswer | null, page: Page) {
  let q = db
    .selectFrom('charter_answers as a')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'a.recorded_by').onRef('r.organisation_id', '=', 'a.organisation_id'))
    .select(['a.person_id', 'a.answer', 'a.would_change', 'a.how', 'a.answered_at', 'p.full_name as name', 'r.full_name as recorderName'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.version', '=', version);
  if (answer) q = q.where('a.answer', '=', answer);
  return q.orderBy('a.answered_at', 'desc').orderBy('a.id').limit(page.limit).offset(page.offset).execute();
}

/** How many agreed and how many would change one version. */
export async function answerCounts(db: Executor, organisationId: string, version: number) {
  const rows = await db
    .selectFrom('charter_answers')
    .select(['answer', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('version', '=', version)
    .groupBy('answer')
    .execute();
  const of = (a: CharterAnswer) => Number(rows.find((r) => r.answer === a)?.n ?? 0);
  return { agree: of('agree'), change: of('change') };
}

/** People who agreed to one version, by perspective group: someone with two perspectives counts in both. */
export async function agreedByGroup(db: Executor, organisationId: string, version: number) {
  // Grouped from a subquery: PostgreSQL will not match a CASE with parameters in SELECT and GROUP BY.
  const grouped = db
    .selectFrom('charter_answers as a')
    .innerJoin('person_perspectives as pp', (j) =>
      j.onRef('pp.person_id', '=', 'a.person_id').onRef('pp.organisation_id', '=', 'a.organisation_id'),
    )
    .select(['a.person_id', perspectiveGroupSql('pp.perspective').as('grp')])
    .where('a.organisation_id', '=', organisationId)
    .where('a.version', '=', version)
    .where('a.answer', '=', 'agree');
  return db
    .selectFrom(grouped.as('g'))
    .select(['g.grp', (eb) => eb.fn.count<number | string>('g.person_id').distinct().as('n')])
    .groupBy('g.grp')
    .execute();
}
