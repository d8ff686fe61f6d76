import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '../../src/config.ts';
import { connect, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type TestDatabase = { db: Db; dialect: 'sqlite' | 'postgres'; close(): Promise<void> };

/**
 * The databases every database test runs on: SQLite always, PostgreSQL too when
 * TEST_DATABASE_URL is set. Each call gives a fresh, migrated database of its own.
 */
export function databaseDialects(): Array<'sqlite' | 'postgres'> {
  return testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function freshDatabase(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const db = connect({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    return { db, dialect, close: () => db.destroy() };
  }
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  // A schema of its own per test: no test can see another's rows.
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = connect({ kind: 'postgres', url });
  await admin.schema.createSchema(schema).execute();
  await admin.destroy();
  const db = connect({ kind: 'postgres', url, schema });
  await migrateToLatest(db);
  return {
    db,
    dialect,
    async close() {
      await db.destroy();
      const cleanup = connect({ kind: 'postgres', url });
      await cleanup.schema.dropSchema(schema).cascade().execute();
      await cleanup.destroy();
    },
  };
}
