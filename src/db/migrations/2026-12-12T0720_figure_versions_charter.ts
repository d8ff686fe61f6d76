import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The charter's agreements by perspective are counted from its answers for every review look:
// their changes move the organisation's figure version on too (the triggers of 2026-12-06T0100).
const tables = ['charter_answers'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of tables)
      await sql`
        create constraint trigger ${sql.id(`${table}_figure_version`)}
        after insert or update or delete on ${sql.table(table)}
        deferrable initially deferred
        for each row execute function figure_version_bump()`.execute(db);
    return;
  }
  for (const table of tables)
    for (const [op, row] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const)
      await sql`
        create trigger ${sql.id(`${table}_figure_version_${op}`)} after ${sql.raw(op)} on ${sql.table(table)}
        begin
          insert into figure_versions (organisation_id, version) values (${sql.raw(row)}.organisation_id, 1)
            on conflict (organisation_id) do update set version = version + 1;
        end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    if (db.getExecutor().adapter instanceof PostgresAdapter)
      await sql`drop trigger ${sql.id(`${table}_figure_version`)} on ${sql.table(table)}`.execute(db);
    else for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.id(`${table}_figure_version_${op}`)}`.execute(db);
  }
}
