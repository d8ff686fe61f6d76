import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SupporterActsTable, SupportersTable } from '../../db/schema/supporters.ts';

/** A supporter with the names the pages need: theirs (from their record or as typed) and the person's. */
function withNames(db: Executor, organisationId: string) {
  return db
    .selectFrom('supporters as s')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 's.person_id').onRef('p.organisation_id', '=', 's.organisation_id'))
    .leftJoin('people as sp', (j) => j.onRef('sp.id', '=', 's.supporter_person_id').onRef('sp.organisation_id', '=', 's.organisation_id'))
    .leftJoin('people as rb', (j) => j.onRef('rb.id', '=', 's.recorded_by').onRef('rb.organisation_id', '=', 's.organisation_id'))
    .leftJoin('people as eb', (j) => j.onRef('eb.id', '=', 's.ended_by').onRef('eb.organisation_id', '=', 's.organisation_id'))
    .where('s.organisation_id', '=', organisationId)
    .selectAll('s')
    .select([
      'p.full_name as person_name',
      'sp.full_name as supporter_full_name',
      'rb.full_name as recorded_by_name',
      'eb.full_name as ended_by_name',
    ]);
}

export type SupporterRow = NonNullable<Awaited<ReturnType<typeof findSupporter>>>;

export async function insertSupporter(db: Executor, row: Insertable<SupportersTable>): Promise<void> {
  await db.insertInto('supporters').values(row).execute();
}

export async function findSupporter(db: Executor, organisationId: string, id: string) {
  return withNames(db, organisationId).where('s.id', '=', id).executeTakeFirst();
}

/**
 * Which supporters a page lists: one person's (ended ones too, current first), the people
 * a signed-in supporter acts for now, or current ones due for review by a day.
 */
export type WhichSupporters = { personId: string } | { supporterPersonId: string } | { dueBy: string };

/** The one filter both the page and its count use, so the two can never disagree. */
function whichOf(eb: ExpressionBuilder<Database & { s: SupportersTable }, 's'>, which: WhichSupporters) {
  if ('personId' in which) return eb('s.person_id', '=', which.personId);
  if ('supporterPersonId' in which)
    return eb.and([eb('s.supporter_person_id', '=', which.supporterPersonId), eb('s.ended_at', 'is', null)]);
  return eb.and([eb('s.ended_at', 'is', null), eb('s.review_on', '<=', which.dueBy)]);
}

/** A page of supporters with their names, in the order that list reads best. */
export async function listSupporters(
  db: Executor,
  organisationId: string,
  which: WhichSupporters,
  page: { limit: number; offset: number },
) {
  let query = withNames(db, organisationId).where((eb) => whichOf(eb, which));
  if ('personId' in which) query = query.orderBy('s.ended_at', (o) => o.desc().nullsFirst()).orderBy('s.created_at', 'desc');
  else if ('supporterPersonId' in which) query = query.orderBy('p.full_name');
  else query = query.orderBy('s.review_on');
  return query.orderBy('s.id').limit(page.limit).offset(page.offset).execute();
}

/** How many such supporters there are, and how many of them are current. */
export async function countSupporters(
  db: Executor,
  organisationId: string,
  which: WhichSupporters,
): Promise<{ all: number; current: number }> {
  const row = await db
    .selectFrom('supporters as s')
    .where('s.organisation_id', '=', organisationId)
    .where((eb) => whichOf(eb, which))
    .select((eb) => [eb.fn.countAll().as('all'), eb.fn.count('s.id').filterWhere('s.ended_at', 'is', null).as('current')])
    .executeTakeFirst();
  return { all: Number(row?.all ?? 0), current: Number(row?.current ?? 0) };
}

/** How many supporters in all (countSupporters' `all`), to be asked with other counts (platform/counts.ts). */
export const supportersCount = (db: Executor, organisationId: string, which: WhichSupporters) =>
  db
    .selectFrom('supporters as s')
    .where('s.organisation_id', '=', organisationId)
    .where((eb) => whichOf(eb, which))
    .select((eb) => eb.fn.countAll<number>().as('n'));

/** Ends a current supporter; false when it was already ended (or is not there). */
export async function endSupporter(db: Executor, organisationId: string, id: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('supporters')
    .set({ ended_at: at, ended_by: by })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The current link between a signed-in supporter and the person they act for, if any. */
export async function currentLink(db: Executor, organisationId: string, supporterPersonId: string, personId: string) {
  return withNames(db, organisationId)
    .where('s.supporter_person_id', '=', supporterPersonId)
    .where('s.person_id', '=', personId)
    .where('s.ended_at', 'is', null)
    .orderBy('s.created_at')
    .executeTakeFirst();
}

export async function insertAct(db: Executor, row: Insertable<SupporterActsTable>): Promise<void> {
  await db.insertInto('supporter_acts').values(row).execute();
}

/** Who acted for whom on one meeting, proposal, claim or review: the latest act per person. */
export async function actsOn(db: Executor, organisationId: string, subjectId: string) {
  return db
    .selectFrom('supporter_acts as a')
    .innerJoin('supporters as s', (j) => j.onRef('s.id', '=', 'a.supporter_id').onRef('s.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('people as sp', (j) => j.onRef('sp.id', '=', 's.supporter_person_id').onRef('sp.organisation_id', '=', 's.organisation_id'))
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .leftJoin('people as rb', (j) => j.onRef('rb.id', '=', 'a.recorded_by').onRef('rb.organisation_id', '=', 'a.organisation_id'))
    .where('a.organisation_id', '=', organisationId)
    .where('a.subject_id', '=', subjectId)
    .select([
      'a.person_id',
      'a.action',
      'a.how_told',
      'a.at',
      'p.full_name as person_name',
      'sp.full_name as supporter_full_name',
      's.contact_name',
      'rb.full_name as recorder_name',
    ])
    .orderBy('a.at')
    .execute();
}
