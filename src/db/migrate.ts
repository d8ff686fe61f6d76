import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Every file in migrations/, in name order (names start with an ISO date).
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const names = (await fs.readdir(folder)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of names) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(folder, file)).href)) as Migration;
    }
    return migrations;
  },
};

/**
 * Kysely looks for its own tables in every schema unless told which one. When several
 * schemas share a PostgreSQL database (tests do, and so may hosts), it would find
 * another schema's tables and skip making its own, so name the current one.
 */
async function migrationTableSchema(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

export async function migrateToLatest(db: Db): Promise<void> {
  const schema = await migrationTableSchema(db);
  const migrator = new Migrator({ db, provider: folderProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  // New indexes need statistics before the planner will use them well. On PostgreSQL a bare
  // ANALYZE covers every schema of the database, so name this schema's tables.
  if (results?.some((r) => r.status === 'Success')) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
      if (tables.rows.length) await sql`analyze ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(db);
    } else {
      await sql`analyze`.execute(db);
    }
  }
}
