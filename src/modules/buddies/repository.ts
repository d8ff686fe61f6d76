import type { Insertable } from 'kysely';
import { countNow } from '../../platform/counts.ts';
import type { Executor } from '../../db/connection.ts';
import type { BuddyPairingsTable, BuddySupportTable } from '../../db/schema/buddies.ts';
import type { Page } from '../../platform/pagination.ts';

export async function insertPairing(db: Executor, row: Insertable<BuddyPairingsTable>) {
  await db.insertInto('buddy_pairings').values(row).execute();
}

export async function insertSupport(db: Executor, row: Insertable<BuddySupportTable>) {
  await db.insertInto('buddy_support').values(row).execute();
}

/** Which of these ids are people of this organisation. */
export async function peopleIn(db: Executor, organisationId: string, ids: readonly string[]) {
  const rows = await db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

const withNames = (db: Executor, organisationId: string) =>
  db
    .selectFrom('buddy_pairings as b')
    .innerJoin('people as n', (j) => j.onRef('n.id', '=', 'b.newcomer_person_id').on('n.organisation_id', '=', organisationId))
    .innerJoin('people as u', (j) => j.onRef('u.id', '=', 'b.buddy_person_id').on('u.organisation_id', '=', organisationId))
    .select([
      'b.id',
      'b.newcomer_person_id',
      'b.buddy_person_id',
      'b.starts_on',
      'b.ends_on',
      'n.full_name as newcomer_full_name',
      'n.preferred_name as newcomer_preferred_name',
      'u.full_name as buddy_full_name',
      'u.preferred_name as buddy_preferred_name',
    ])
    .where('b.organisation_id', '=', organisationId);

export type PairingRow = Awaited<ReturnType<typeof pairing>>;

export async function pairing(db: Executor, organisationId: string, id: string) {
  return withNames(db, organisationId).where('b.id', '=', id).executeTakeFirst();
}

/** Active pairings have no end, or end after today; ended ones ended by today. */
export async function pairingsPage(db: Executor, organisationId: string, active: boolean, today: string, page: Page) {
  // The page of pairings is chosen first and only its people are looked up: with the names
  // joined before the limit, PostgreSQL read all 20,000 people of a county twice (12 ms).
  const ids = db
    .selectFrom('buddy_pairings')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => (active ? eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]) : eb('ends_on', '<=', today)))
    .orderBy('starts_on', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset);
  return withNames(db, organisationId).where('b.id', 'in', ids).orderBy('b.starts_on', 'desc').orderBy('b.id').execute();
}

export async function countPairings(db: Executor, organisationId: string, active: boolean, today: string) {
  const row = await db
    .selectFrom('buddy_pairings')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where((eb) => (active ? eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]) : eb('ends_on', '<=', today)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person's pairings still going, as newcomer or as buddy: a handful at most, capped. */
export async function activeFor(db: Executor, organisationId: string, personId: string, today: string) {
  return withNames(db, organisationId)
    .where((eb) => eb.or([eb('b.newcomer_person_id', '=', personId), eb('b.buddy_person_id', '=', personId)]))
    .where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>', today)]))
    .orderBy('b.starts_on', 'desc')
    .limit(20)
    .execute();
}

export async function endPairing(db: Executor, organisationId: string, id: string, endsOn: string) {
  const result = await db
    .updateTable('buddy_pairings')
    .set({ ends_on: endsOn })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('ends_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function supportPage(db: Executor, organisationId: string, pairingId: string, page: Page) {
  return db
    .selectFrom('buddy_support as s')
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 's.recorded_by_person_id').on('r.organisation_id', '=', organisationId))
    .select([
      's.id',
      's.given_on',
      's.what',
      's.how',
      'r.full_name as recorded_by_full_name',
      'r.preferred_name as recorded_by_preferred_name',
    ])
    .where('s.organisation_id', '=', organisationId)
    .where('s.pairing_id', '=', pairingId)
    .orderBy('s.given_on', 'desc')
    .orderBy('s.recorded_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSupport(db: Executor, organisationId: string, pairingId: string) {
  const row = await db
    .selectFrom('buddy_support')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('pairing_id', '=', pairingId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The newcomers rule (newcomers.ts) in SQL: people who joined a project on or after `since`,
 * none before it.
 */
const newcomers = (db: Executor, organisationId: string, since: string, today: string) =>
  db
    // From the few who joined lately (an index range), not from each of a county's 20,000
    // people: PostgreSQL, given "people whose id is in ...", read every person (5 ms, not 0.2).
    .selectFrom(
      db
        .selectFrom('project_members as m')
        .select('m.person_id')
        .distinct()
        .where('m.organisation_id', '=', organisationId)
        .where('m.joined_on', '>=', since)
        .where('m.joined_on', '<=', today)
        .where(({ exists, not, selectFrom }) =>
          not(
            exists(
              selectFrom('project_members as e')
                .select('e.person_id')
                .where('e.organisation_id', '=', organisationId)
                .whereRef('e.person_id', '=', 'm.person_id')
                .where('e.joined_on', '<', since),
            ),
          ),
        )
        .as('joined'),
    )
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'joined.person_id').on('p.organisation_id', '=', organisationId));

/** Newcomers (above) with no pairing active today: counted for the To do page, listed a page at a time for staff to act on. */
const newcomersWithoutBuddy = (db: Executor, organisationId: string, since: string, today: string) =>
  newcomers(db, organisationId, since, today).where(({ exists, not, selectFrom }) =>
    not(
      exists(
        selectFrom('buddy_pairings as b')
          .select('b.id')
          .where('b.organisation_id', '=', organisationId)
          .whereRef('b.newcomer_person_id', '=', 'p.id')
          .where('b.starts_on', '<=', today)
          .where((inner) => inner.or([inner('b.ends_on', 'is', null), inner('b.ends_on', '>', today)])),
      ),
    ),
  );

/**
 * For the self-assessment (P5): how many newcomers there are, how many of them have had a
 * buddy since they joined, and how often buddies wrote down help given since `since`.
 */
export async function newcomerFigures(db: Executor, organisationId: string, since: string, today: string) {
  const [row, help] = await Promise.all([
    newcomers(db, organisationId, since, today)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('newcomers'),
        eb.fn
          .sum<number | string>(
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom('buddy_pairings as b')
                    .select('b.id')
                    .where('b.organisation_id', '=', organisationId)
                    .whereRef('b.newcomer_person_id', '=', 'p.id')
                    .where('b.starts_on', '<=', today),
                ),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('with_buddy'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('buddy_support as s')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('s.organisation_id', '=', organisationId)
      .where('s.given_on', '>=', since)
      .where('s.given_on', '<=', today)
      .executeTakeFirstOrThrow(),
  ]);
  return { newcomers: Number(row.newcomers), withBuddy: Number(row.with_buddy ?? 0), helpGiven: Number(help.n) };
}

export async function countNewcomersWithoutBuddy(db: Executor, organisationId: string, since: string, today: string) {
  return countNow(db, newcomersWithoutBuddyCount(db, organisationId, since, today));
}

/** The count above, to be asked with others (platform/counts.ts). */
export const newcomersWithoutBuddyCount = (db: Executor, organisationId: string, since: string, today: string) =>
  newcomersWithoutBuddy(db, organisationId, since, today).select((eb) => eb.fn.countAll<number>().as('n'));

export async function newcomersWithoutBuddyPage(db: Executor, organisationId: string, since: string, today: string, page: Page) {
  return newcomersWithoutBuddy(db, organisationId, since, today)
    .select(['p.id', 'p.full_name', 'p.preferred_name'])
    .orderBy('p.full_name')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
