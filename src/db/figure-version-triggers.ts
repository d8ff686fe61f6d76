import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// Triggers that move an organisation's figure version on when a row of a table that figures
// are counted from changes (decision 0014, src/platform/kept-figures.ts). The first migration
// (2026-12-06T0100) makes figure_version_bump() on PostgreSQL; each table added later gets the
// same triggers through here. PostgreSQL bumps at commit (a deferred constraint trigger) so two
// transactions never deadlock on the version row; SQLite has one writer, so a plain trigger
// for each change is enough.

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;
const changes = [
  ['insert', 'new'],
  ['update', 'new'],
  ['delete', 'old'],
] as const;

/**
 * A table only some of whose rows figures are counted from (the outbox's messages about
 * decisions) says which, as a condition on the row; only those rows move the version on.
 */
export type FigureRows = (row: 'new' | 'old') => RawBuilder<unknown>;

/**
 * A table of which figures read only columns that never change (who is invited to a meeting,
 * not their reply) moves the version on only when a row comes or goes.
 */
export type FigureChanges = 'all' | 'rows-come-and-go';

const changesOf = (which: FigureChanges) => (which === 'all' ? changes : changes.filter(([op]) => op !== 'update'));

export async function addFigureVersionTriggers(
  db: Kysely<unknown>,
  tables: readonly string[],
  only?: FigureRows,
  which: FigureChanges = 'all',
): Promise<void> {
  for (const table of tables) {
    if (isPostgres(db) && !only && which === 'all') {
      await sql`
        create constraint trigger ${sql.id(`${table}_figure_version`)}
        after insert or update or delete on ${sql.table(table)}
        deferrable initially deferred
        for each row execute function figure_version_bump()`.execute(db);
      continue;
    }
    // PostgreSQL lets a condition name only the row its change has: one trigger a change.
    if (isPostgres(db)) {
      for (const [op, row] of changesOf(which))
        await sql`
          create constraint trigger ${sql.id(`${table}_figure_version_${op}`)}
          after ${sql.raw(op)} on ${sql.table(table)}
          deferrable initially deferred
          for each row ${only ? sql`when (${only(row)})` : sql``} execute function figure_version_bump()`.execute(db);
      continue;
    }
    for (const [op, row] of changesOf(which))
      await sql`
        create trigger ${sql.id(`${table}_figure_version_${op}`)} after ${sql.raw(op)} on ${sql.table(table)}
        ${only ? sql`when ${only(row)}` : sql``}
        begin
          insert into figure_versions (organisation_id, version) values (${sql.raw(row)}.organisation_id, 1)
            on conflict (organisation_id) do update set version = version + 1;
        end`.execute(db);
  }
}

export async function dropFigureVersionTriggers(
  db: Kysely<unknown>,
  tables: readonly string[],
  only?: FigureRows,
  which: FigureChanges = 'all',
): Promise<void> {
  for (const table of tables) {
    if (isPostgres(db) && !only && which === 'all')
      await sql`drop trigger ${sql.id(`${table}_figure_version`)} on ${sql.table(table)}`.execute(db);
    else if (isPostgres(db))
      for (const [op] of changesOf(which))
        await sql`drop trigger ${sql.id(`${table}_figure_version_${op}`)} on ${sql.table(table)}`.execute(db);
    else for (const [op] of changesOf(which)) await sql`drop trigger ${sql.id(`${table}_figure_version_${op}`)}`.execute(db);
  }
}
