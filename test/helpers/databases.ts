import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { testDatabaseUrl } from '../../src/config.ts';
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
    const db = connect({ kind: 'sqlite', file: ':memory:', image: await migratedSqlite() }, options);
    return { db, dialect, close: () => db.destroy() };
  }
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const template = await templateDatabase(url);
  return template ? copyOfTemplate(url, template, options) : migratedSchema(url, options);
}

// Migrating was most of a test's set-up: about 80 ms on SQLite, and 0.5 s on PostgreSQL even
// when replayed from a dump of the tables. So the migrations run once, and each test opens a
// copy: of the migrated SQLite file's bytes, in memory, or on PostgreSQL of a template
// database (CREATE DATABASE ... TEMPLATE copies its files, about 0.1 s with the drop).
let sqliteImage: Promise<Buffer> | undefined;

function migratedSqlite(): Promise<Buffer> {
  sqliteImage ??= (async () => {
    const file = path.join(os.tmpdir(), `coproduce-test-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    const db = connect({ kind: 'sqlite', file });
    try {
      await migrateToLatest(db);
      // SQLite cannot open a copy in memory of a file in WAL mode.
      await sql`pragma journal_mode = delete`.execute(db);
    } finally {
      await db.destroy();
    }
    const image = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    return image;
  })();
  return sqliteImage;
}

const templates = new Map<string, Promise<string | null>>();

/** The migrated template database on this server, made by the first test file to need it; null when this user may not create databases. */
function templateDatabase(url: string): Promise<string | null> {
  if (!templates.has(url)) templates.set(url, makeTemplate(url));
  return templates.get(url)!;
}

const templatePrefix = 'coproduce_template_';
const templateLock = 7_270_002;

async function makeTemplate(url: string): Promise<string | null> {
  const name = `${templatePrefix}${migrationsDigest()}`;
  const admin = connect({ kind: 'postgres', url });
  try {
    const privileges = await sql<{
      can: boolean;
    }>`select rolcreatedb or rolsuper as can from pg_roles where rolname = current_user`.execute(admin);
    if (!privileges.rows[0]?.can) return null;
    await admin.connection().execute(async (session) => {
      await sql`select pg_advisory_lock(${templateLock})`.execute(session);
      try {
        const found = await sql`select 1 from pg_database where datname = ${name}`.execute(session);
        if (found.rows.length) return;
        // Templates of older migrations are of no more use.
        const old = await sql<{ name: string }>`select datname as name from pg_database where datname like ${`${templatePrefix}%`}`.execute(
          session,
        );
        for (const { name: stale } of old.rows) await sql`drop database if exists ${sql.id(stale)} with (force)`.execute(session);
        // Made under another name and renamed when whole, so a failed migration leaves no template.
        const building = `${name}_${process.pid}`;
        await sql`create database ${sql.id(building)}`.execute(session);
        const db = connect({ kind: 'postgres', url: withDatabase(url, building), namedStatements: false });
        try {
          await migrateToLatest(db);
        } finally {
          await db.destroy();
        }
        await sql`alter database ${sql.id(building)} rename to ${sql.id(name)}`.execute(session);
      } finally {
        await sql`select pg_advisory_unlock(${templateLock})`.execute(session);
      }
    });
    return name;
  } finally {
    await admin.destroy();
  }
}

async function copyOfTemplate(url: string, template: string, options: ConnectOptions): Promise<TestDatabase> {
  const name = `coproduce_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(url, (admin) => sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin));
  const db = connect({ kind: 'postgres', url: withDatabase(url, name) }, options);
  return {
    db,
    dialect: 'postgres',
    async close() {
      await db.destroy();
      // The pool's sockets close just after destroy() returns. Without FORCE, PostgreSQL waits
      // up to 5 s for their sessions to end; forcing them would fail each as it closes.
      await asAdmin(url, (admin) => sql`drop database if exists ${sql.id(name)}`.execute(admin));
    },
  };
}

// Without the right to create databases, each test migrates a schema of its own in the one
// database: slower, but no test sees another's rows.
async function migratedSchema(url: string, options: ConnectOptions): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = connect({ kind: 'postgres', url, schema }, options);
  await whileHolding(url, 'shared', async (admin) => {
    await admin.schema.createSchema(schema).execute();
    await migrateToLatest(db);
  });
  return {
    db,
    dialect: 'postgres',
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
  await asAdmin(url, (admin) =>
    admin.connection().execute(async (session) => {
      if (mode === 'shared') await sql`select pg_advisory_lock_shared(${schemaLock})`.execute(session);
      else await sql`select pg_advisory_lock(${schemaLock})`.execute(session);
      try {
        await work(admin);
      } finally {
        if (mode === 'shared') await sql`select pg_advisory_unlock_shared(${schemaLock})`.execute(session);
        else await sql`select pg_advisory_unlock(${schemaLock})`.execute(session);
      }
    }),
  );
}

async function asAdmin(url: string, work: (admin: Db) => Promise<unknown>): Promise<void> {
  const admin = connect({ kind: 'postgres', url });
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}

function withDatabase(url: string, database: string): string {
  const address = new URL(url);
  address.pathname = `/${database}`;
  return address.toString();
}

/** The migrations and how they are run: a change to either makes a new template. */
function migrationsDigest(): string {
  const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db');
  const hash = createHash('sha256').update(fs.readFileSync(path.join(folder, 'migrate.ts')));
  for (const file of fs
    .readdirSync(path.join(folder, 'migrations'))
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort())
    hash.update(file).update(fs.readFileSync(path.join(folder, 'migrations', file)));
  return hash.digest('hex').slice(0, 16);
}
