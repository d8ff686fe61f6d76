import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type LogEvent, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** The database or an open transaction: what a query that can join a caller's transaction takes. */
export type Executor = Db | Transaction<Database>;
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

/** onQuery hears of every query run: the bench and the query-count tests count them. */
export type ConnectOptions = { onQuery?: (sql: string, ms: number) => void };

export function connect(target: DatabaseTarget, options: ConnectOptions = {}): Db {
  const log = options.onQuery
    ? (event: LogEvent) => (event.level === 'query' ? options.onQuery!(event.query.sql, event.queryDurationMillis) : undefined)
    : undefined;
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: an acknowledged write (a consent, a payment) survives a power cut.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // The query planner needs fresh statistics: without them, after a new index or much new
    // data, SQLite chose plans that read every ledger entry (a page took 1 s instead of 10 ms).
    // SQLite's advice for long-lived connections: optimize on open.
    if (target.file !== ':memory:') sqlite.pragma('optimize = 0x10002');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // Tests give each run its own schema so that no test sees another's rows.
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
}

/**
 * Kysely's SQLite driver prepares every query again, and SQLite compiles it each time; the
 * app runs the same few hundred SQL texts over and over (a tenth of a page's time went on
 * preparing them). The least recently used are let go past the limit. Reusing a statement is
 * safe: one connection runs one query at a time, and a statement is done when it returns.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(text: string) {
      const found = statements.get(text);
      statements.delete(text);
      const statement = found ?? sqlite.prepare(text);
      statements.set(text, statement);
      if (statements.size > limit) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

/** For the few expressions the two databases write differently (date arithmetic). */
export const isPostgres = (db: Executor): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
