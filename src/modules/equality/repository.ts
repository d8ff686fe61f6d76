import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { EqualityAnswersTable } from '../../db/schema/equality.ts';

// One person's answers, the equality leads and the benchmark figures. Every query names the
// organisation. The counts for "who is missing" are in counting.ts.

/** A person's answers, with the name of whoever typed them in (one query, whoever did). */
export async function findAnswers(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('equality_answers as a')
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'a.recorded_by').onRef('r.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select(['r.full_name as recorder_full_name', 'r.preferred_name as recorder_preferred_name'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.person_id', '=', personId)
    .executeTakeFirst();
}

export async function findCircumstances(db: Executor, organisationId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('equality_circumstances')
    .select('circumstance')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('circumstance')
    .execute();
  return rows.map((r) => r.circumstance);
}

/** Replaces a person's answers with these: a blank question is blank now, not what it was. */
export async function replaceAnswers(db: Executor, row: Insertable<EqualityAnswersTable>, circumstances: readonly string[]) {
  await deleteAnswers(db, row.organisation_id, row.person_id);
  await db.insertInto('equality_answers').values(row).execute();
  if (circumstances.length)
    await db
      .insertInto('equality_circumstances')
      .values(circumstances.map((circumstance) => ({ organisation_id: row.organisation_id, person_id: row.person_id, circumstance })))
      .execute();
}

/** Withdrawal: the answers are deleted, not marked. True when there were any. */
export async function deleteAnswers(db: Executor, organisationId: string, personId: string): Promise<boolean> {
  await db.deleteFrom('equality_circumstances').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  const result = await db
    .deleteFrom('equality_answers')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Equality leads ---------------------------------------------------------------------

export async function isLead(db: Executor, organisationId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('equality_leads')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The staff given the right, by name, a page at a time. */
export async function listLeads(db: Executor, organisationId: string, limit: number, offset: number) {
  return db
    .selectFrom('equality_leads as l')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'l.person_id').onRef('p.organisation_id', '=', 'l.organisation_id'))
    .select(['l.person_id', 'p.full_name', 'p.preferred_name', 'l.given_at'])
    .where('l.organisation_id', '=', organisationId)
    .orderBy('p.full_name')
    .orderBy('l.person_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countLeads(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('equality_leads')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Facilitators who could be given the right (admins have it already), by name. */
export async function facilitatorsWithoutRight(db: Executor, organisationId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .select(['p.id', 'p.full_name', 'p.preferred_name'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.role', '=', 'facilitator')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('equality_leads as l')
            .select('l.person_id')
            .whereRef('l.person_id', '=', 'p.id')
            .where('l.organisation_id', '=', organisationId),
        ),
      ),
    )
    .orderBy('p.full_name')
    .limit(500)
    .execute();
}

export async function staffRole(db: Executor, organisationId: string, personId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('role')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function addLead(db: Executor, organisationId: string, personId: string, givenBy: string, at: string) {
  await db
    .insertInto('equality_leads')
    .values({ organisation_id: organisationId, person_id: personId, given_by: givenBy, given_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing())
    .execute();
}

export async function removeLead(db: Executor, organisationId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('equality_leads')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Benchmarks ---------------------------------------------------------------------------

export async function benchmarkRows(db: Executor, organisationId: string) {
  return db
    .selectFrom('equality_benchmarks')
    .select(['grouping', 'category', 'hundredths', 'area', 'source', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** An import replaces the figures of each question it names, and leaves the others alone. */
export async function replaceBenchmarks(
  db: Executor,
  organisationId: string,
  groupingsNamed: readonly string[],
  rows: ReadonlyArray<{ grouping: string; category: string; hundredths: number }>,
  meta: { area: string; source: string; at: string; by: string },
) {
  if (groupingsNamed.length)
    await db
      .deleteFrom('equality_benchmarks')
      .where('organisation_id', '=', organisationId)
      .where('grouping', 'in', groupingsNamed)
      .execute();
  if (rows.length)
    await db
      .insertInto('equality_benchmarks')
      .values(
        rows.map((r) => ({
          organisation_id: organisationId,
          ...r,
          area: meta.area,
          source: meta.source,
          updated_at: meta.at,
          updated_by: meta.by,
        })),
      )
      .execute();
}

export async function clearBenchmarks(db: Executor, organisationId: string) {
  await db.deleteFrom('equality_benchmarks').where('organisation_id', '=', organisationId).execute();
}
