import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testDatabaseUrl } from '../../src/config.ts';
import { sql } from 'kysely';
import { connect, type ConnectOptions, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type TestDatabase = { db: Db; dialect: 'sqlite' | 'postgres'; close(): Promise<void> };

/**
 * The databases every database test runs on: SQLite always, PostgreSQL too when
 * TEST_DATABASE_URL is set. Each call gives a fresh, migrated database of its own.
 */
export function databaseDialects(): Array<'sqlite' | 'postgres'> {
  return testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function freshDatabase(dialect: 'sqlite' | 'postgres' = 'sqlite', options: ConnectOptions = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const db = connect({ kind: 'sqlite', file: ':memory:' }, options);
    await migrateToLatest(db);
    return { db, dialect, close: () => db.destroy() };
  }
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  // A schema of its own per test: no test can see another's rows.
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = connect({ kind: 'postgres', url, schema }, options);
  const migrated = await migratedSchemaSql(url);
  await whileHolding(url, 'shared', async (admin) => {
    if (migrated) {
      await sql.raw(migrated.replaceAll(templateToken, schema)).execute(admin);
      await analyzeTables(db);
    } else {
      await admin.schema.createSchema(schema).execute();
      await migrateToLatest(db);
    }
  });
  return {
    db,
    dialect,
    async close() {
      await db.destroy();
      await whileHolding(url, 'exclusive', (admin) => admin.schema.dropSchema(schema).cascade().execute());
    },
  };
}

// Kysely's migrator reads the catalogue of every schema in the database. When another test
// file drops its schema at that moment, PostgreSQL fails the read with "schema ... does not
// exist". Migrations hold a shared lock and drops an exclusive one, so they never overlap.
const schemaLock = 7_270_001;

async function whileHolding(url: string, mode: 'shared' | 'exclusive', work: (admin: Db) => Promise<unknown>): Promise<void> {
  const admin = connect({ kind: 'postgres', url });
  try {
    await admin.connection().execute(async (session) => {
      if (mode === 'shared') await sql`select pg_advisory_lock_shared(${schemaLock})`.execute(session);
      else await sql`select pg_advisory_lock(${schemaLock})`.execute(session);
      try {
        await work(admin);
      } finally {
        if (mode === 'shared') await sql`select pg_advisory_unlock_shared(${schemaLock})`.execute(session);
        else await sql`select pg_advisory_unlock(${schemaLock})`.execute(session);
      }
    });
  } finally {
    await admin.destroy();
  }
}

// Migrating a new schema took most of a PostgreSQL test's set-up (about 0.5 s of CPU, for
// every test). So the migrations run once into a template schema, pg_dump writes that out as
// SQL, and each test replays the SQL under its own schema's name: the same tables, indexes,
// constraints, triggers and recorded migrations, for under half the work. The SQL is kept in
// the temporary folder under a digest of the migrations, so test files share it and a
// changed or new migration makes it again. Without pg_dump, each test migrates as before.
const templateToken = `coproduce_template_${'x'.repeat(12)}`;
const migratedSql = new Map<string, Promise<string | null>>();

function migratedSchemaSql(url: string): Promise<string | null> {
  if (!migratedSql.has(url))
    migratedSql.set(
      url,
      dumpMigratedSchema(url).catch(() => null),
    );
  return migratedSql.get(url)!;
}

async function dumpMigratedSchema(url: string): Promise<string | null> {
  const file = path.join(os.tmpdir(), `coproduce-test-schema-${migrationsDigest(url)}.sql`);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const schema = `tpl_${randomBytes(6).toString('hex')}`;
  const db = connect({ kind: 'postgres', url, schema });
  try {
    await whileHolding(url, 'shared', async (admin) => {
      await admin.schema.createSchema(schema).execute();
      await migrateToLatest(db);
    });
    const { stdout } = await promisify(execFile)('pg_dump', ['--schema', schema, '--no-owner', '--no-privileges', '--inserts', url], {
      maxBuffer: 64 << 20,
    });
    // Lines starting with a backslash are psql's own commands (\restrict), not SQL.
    const text = stdout
      .split('\n')
      .filter((line) => !line.startsWith('\\'))
      .join('\n')
      .replaceAll(schema, templateToken);
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, file);
    return text;
  } finally {
    await db.destroy();
    await whileHolding(url, 'exclusive', (admin) => admin.schema.dropSchema(schema).ifExists().cascade().execute());
  }
}

/** As migrateToLatest leaves them: the planner's statistics taken on the new tables. */
async function analyzeTables(db: Db) {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  if (tables.rows.length) await sql`analyze ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(db);
}

/** The migrations, how they are run, and the server they were dumped from. */
function migrationsDigest(url: string): string {
  const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db');
  const hash = createHash('sha256')
    .update(url)
    .update(fs.readFileSync(path.join(folder, 'migrate.ts')));
  for (const file of fs
    .readdirSync(path.join(folder, 'migrations'))
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort())
    hash.update(file).update(fs.readFileSync(path.join(folder, 'migrations', file)));
  return hash.digest('hex').slice(0, 16);
}
