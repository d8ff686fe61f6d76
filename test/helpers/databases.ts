import { randomBytes } from 'node:crypto';
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
  await whileHolding(url, 'shared', async (admin) => {
    await admin.schema.createSchema(schema).execute();
    await migrateToLatest(db);
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
