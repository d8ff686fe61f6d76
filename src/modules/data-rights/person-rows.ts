import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { PersonLink } from './person-data-map.ts';

// Reads and changes driven by the person data map: the table and column come from the map
// (never from a request), so these queries see tables as plain rows of named values.
export type Row = Record<string, unknown>;
type Rows = Kysely<Record<string, Row>>;
export const asRows = (db: Executor) => db as unknown as Rows;

/** Everything that identifies a person's rows: their id and what hangs off it. */
export type PersonKeys = {
  organisationId: string;
  personId: string;
  accountIds: string[];
  timebankAccountIds: string[];
  claimIds: string[];
  emails: string[];
  phones: string[];
};

/** The person's ids and contact values, each read once, in parallel. */
export async function personKeys(db: Executor, organisationId: string, personId: string): Promise<PersonKeys | null> {
  const [person, accounts, timebankAccounts, claims] = await Promise.all([
    db
      .selectFrom('people')
      .select(['email', 'mobile', 'landline'])
      .where('organisation_id', '=', organisationId)
      .where('id', '=', personId)
      .executeTakeFirst(),
    db
      .selectFrom('accounts')
      .select(['id', 'email', 'mobile'])
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .execute(),
    db.selectFrom('claims').select('id').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute(),
  ]);
  if (!person) return null;
  const values = (list: Array<string | null | undefined>) => [...new Set(list.filter((v): v is string => !!v && v.trim() !== ''))];
  return {
    organisationId,
    personId,
    accountIds: accounts.map((a) => a.id),
    timebankAccountIds: timebankAccounts.map((a) => a.id),
    claimIds: claims.map((c) => c.id),
    emails: values([person.email, person.email?.toLowerCase(), ...accounts.map((a) => a.email)]),
    phones: values([person.mobile, person.landline, ...accounts.map((a) => a.mobile), ...phoneForms(person.mobile)]),
  };
}

/** A UK mobile as typed ("07700 900123") and as stored for texts ("+447700900123"). */
function phoneForms(mobile: string | null): string[] {
  if (!mobile) return [];
  const digits = mobile.replace(/[^\d+]/g, '');
  const forms = [digits];
  if (/^07\d{9}$/.test(digits)) forms.push(`+44${digits.slice(1)}`);
  if (/^\+447\d{9}$/.test(digits)) forms.push(`0${digits.slice(3)}`);
  return forms;
}

/** The values a link's column is matched against for this person; empty: no rows. */
export function valuesFor(link: PersonLink, keys: PersonKeys): string[] {
  switch (link.via) {
    case 'person':
      return [keys.personId];
    case 'account':
      return keys.accountIds;
    case 'timebank-account':
      return keys.timebankAccountIds;
    case 'claim':
      return keys.claimIds;
    case 'email':
      return keys.emails;
    case 'phone':
      return keys.phones;
  }
}

/** The link's rows of this person, as a query to count, read or change. */
function whereLink(db: Executor, link: PersonLink, keys: PersonKeys) {
  const values = valuesFor(link, keys);
  let query = asRows(db).selectFrom(link.table).where(link.column, 'in', values);
  if (!link.unscoped) query = query.where('organisation_id', '=', keys.organisationId);
  return query;
}

/**
 * How many counts one query asks, and most values it binds. Sixteen keeps each query quick to
 * plan, and on PostgreSQL the queries run at once over the pool's connections and both cores;
 * a single query of 170 counts took twice SQLite's time there, and 170 queries at once queued
 * for ten connections. SQLite allows 32,766 values and PostgreSQL 65,535: a person with
 * thousands of claims fills a query of their own.
 */
const countsPerQuery = 16;
const valuesPerQuery = 5_000;

/** How many rows each link holds for this person, in order, as subqueries of a few selects. */
export async function countLinks(
  db: Executor,
  links: readonly PersonLink[],
  keys: PersonKeys,
  limits = { counts: countsPerQuery, values: valuesPerQuery },
): Promise<number[]> {
  const counts = links.map(() => 0);
  const batches: number[][] = [];
  let size = Infinity;
  links.forEach((link, i) => {
    const n = valuesFor(link, keys).length;
    if (n === 0) return; // nothing to match: no rows
    if (size + n > limits.values || batches[batches.length - 1]!.length >= limits.counts) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]!.push(i);
    size += n + 1;
  });
  await Promise.all(
    batches.map(async (batch) => {
      const row: Row = await asRows(db)
        .selectNoFrom(
          batch.map((i) =>
            whereLink(db, links[i]!, keys)
              .select((eb) => eb.fn.countAll().as('n'))
              .as(`c${i}`),
          ),
        )
        .executeTakeFirstOrThrow();
      for (const i of batch) counts[i] = Number(row[`c${i}`] ?? 0);
    }),
  );
  return counts;
}

/** Rows a page reads at most: large parts are read in pages of this many. */
export const rowsPerRead = 500;

/**
 * The link's rows, a page at a time where the map says a part can be large: in the order of
 * its page columns, after the last row read (compared as a row value, which SQLite and
 * PostgreSQL both index), so a person with 50,000 audit entries or weekly time entries is
 * never held in memory at once.
 */
export async function* linkRows(db: Executor, link: PersonLink, keys: PersonKeys): AsyncGenerator<Row> {
  if (valuesFor(link, keys).length === 0) return;
  const by = link.pageBy;
  if (!by) {
    for (const row of await whereLink(db, link, keys).selectAll().execute()) yield withoutOmitted(row, link);
    return;
  }
  const columns = sql.join(by.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    let query = whereLink(db, link, keys).selectAll();
    if (after) query = query.where(sql<boolean>`(${columns}) > (${sql.join(after)})`);
    for (const c of by) query = query.orderBy(c);
    const page = await query.limit(rowsPerRead).execute();
    for (const row of page) yield withoutOmitted(row, link);
    if (page.length < rowsPerRead) return;
    const last = page[page.length - 1]!;
    after = by.map((c) => last[c]);
  }
}

/** At most `n` of the link's rows, the newest first where the map says which column dates them. */
export async function newestRows(db: Executor, link: PersonLink, keys: PersonKeys, n: number): Promise<Row[]> {
  if (valuesFor(link, keys).length === 0) return [];
  let query = whereLink(db, link, keys).selectAll();
  if (link.newest) query = query.orderBy(link.newest, 'desc');
  return (await query.limit(n).execute()).map((row) => withoutOmitted(row, link));
}

function withoutOmitted(row: Row, link: PersonLink): Row {
  if (!link.omit) return row;
  const copy = { ...row };
  for (const column of link.omit) delete copy[column];
  return copy;
}

/** Deletes or empties the link's rows as the map says; returns how many rows it touched. */
export async function eraseLink(db: Executor, link: PersonLink, keys: PersonKeys): Promise<number> {
  const values = valuesFor(link, keys);
  if (values.length === 0 || link.erase.kind === 'keep') return 0;
  if (link.erase.kind === 'delete') {
    let query = asRows(db).deleteFrom(link.table).where(link.column, 'in', values);
    if (!link.unscoped) query = query.where('organisation_id', '=', keys.organisationId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  let query = asRows(db).updateTable(link.table).set(link.erase.set).where(link.column, 'in', values);
  if (!link.unscoped) query = query.where('organisation_id', '=', keys.organisationId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
