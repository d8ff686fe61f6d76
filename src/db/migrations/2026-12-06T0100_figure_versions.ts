import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The tables that the organisation's figures (impact, the time bank's sums, review results)
// are counted from. Any change to one of them moves the organisation's figure version on, so
// a kept figure is never served after its data changed (src/platform/kept-figures.ts).
// A later table that figures read gets its triggers in its own migration.
const figureTables = [
  'meetings',
  'meeting_attendance',
  'people',
  'person_perspectives',
  'accounts',
  'projects',
  'project_members',
  'claims',
  'timebank_accounts',
  'timebank_transactions',
  'timebank_entries',
  'review_cycles',
  'review_answers',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('figure_versions')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Bumped at commit (a deferred trigger), once per transaction and organisation. Bumping
    // at each statement would hold the version row's lock while the transaction goes on to
    // wait for other rows, and two such transactions could deadlock; at commit a transaction
    // waits for nothing else.
    await sql`
      create function figure_version_bump() returns trigger language plpgsql as $$
      declare
        org text := case when tg_op = 'DELETE' then old.organisation_id else new.organisation_id end;
        done text := coalesce(current_setting('coproduce.figures_bumped', true), '');
      begin
        if position(org in done) > 0 then
          return null;
        end if;
        insert into figure_versions as v (organisation_id, version) values (org, 1)
          on conflict (organisation_id) do update set version = v.version + 1;
        perform set_config('coproduce.figures_bumped', done || ' ' || org, true);
        return null;
      end
      $$`.execute(db);
    for (const table of figureTables)
      await sql`
        create constraint trigger ${sql.id(`${table}_figure_version`)}
        after insert or update or delete on ${sql.table(table)}
        deferrable initially deferred
        for each row execute function figure_version_bump()`.execute(db);
    return;
  }

  // SQLite has one writer at a time, so a plain trigger cannot deadlock.
  for (const table of figureTables)
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
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of figureTables) await sql`drop trigger ${sql.id(`${table}_figure_version`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function figure_version_bump()`.execute(db);
  } else {
    for (const table of figureTables)
      for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.id(`${table}_figure_version_${op}`)}`.execute(db);
  }
  await db.schema.dropTable('figure_versions').execute();
}
