import { sql } from 'kysely';
import type { TestDatabase } from './databases.ts';

// A fault injected inside the database: every insert into the table fails, as a crash or a
// full disk would, in the middle of whatever transaction is writing. For tests that a
// change and what goes with it are saved together or not at all.

export async function failInserts(database: TestDatabase, table: string): Promise<void> {
  const name = sql.raw(`${table}_fails`);
  if (database.dialect === 'sqlite') {
    await sql`CREATE TRIGGER ${name} BEFORE INSERT ON ${sql.table(table)} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`.execute(
      database.db,
    );
  } else {
    await sql`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER ${name} BEFORE INSERT ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION ${name}()`.execute(database.db);
  }
}

export async function mendInserts(database: TestDatabase, table: string): Promise<void> {
  const name = sql.raw(`${table}_fails`);
  await sql`DROP TRIGGER ${name}${database.dialect === 'postgres' ? sql` ON ${sql.table(table)}` : sql``}`.execute(database.db);
}
