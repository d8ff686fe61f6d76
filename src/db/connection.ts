import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type LogEvent, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** The database or an open transaction: what a query that can join a caller's transaction takes. */
export type Executor = Db | Transaction<Database>;
/**
 * image: the bytes of a SQLite database to open a copy of in memory (tests start each from one
 * migrated database). namedStatements: false for a connection pooler that cannot keep them
 * (see nameStatements).
 */
export type DatabaseTarget =
  { kind: 'sqlite'; file: string; image?: Buffer } | { kind: 'postgres'; url: string; schema?: string; namedStatements?: boolean };

/** onQuery hears of every query run: the bench and the query-count tests count them. */
export type ConnectOptions = { onQuery?: (sql: string, ms: number) => void };

export function connect(target: DatabaseTarget, options: ConnectOptions = {}): Db {
  const log = options.onQuery
    ? (event: LogEvent) => (event.level === 'query' ? options.onQuery!(event.query.sql, event.queryDurationMillis) : undefined)
    : undefined;
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.image ?? target.file);
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
  if (target.namedStatements !== false) pool.on('connect', (client) => nameStatements(client));
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

/**
 * Written just after `select` in a query PostgreSQL should plan once per connection, not at
 * every run (see nameStatements). For counts of many parts whose plan does not depend on the
 * values asked: the To do's twenty counts took PostgreSQL 1.2 ms to plan and 1 ms to run.
 */
export const genericPlan = '/* generic plan */';

/**
 * PostgreSQL parses and plans every unnamed query again: on the staff home page that was
 * about half the database's time, more than running the queries. A named statement is parsed
 * once a connection, and after five runs PostgreSQL keeps one plan for it when that plan is
 * as good as planning afresh. Each connection names the statements it runs, the least
 * recently used let go past the limit. A pooler in transaction mode (PgBouncer before 1.21)
 * moves a session's statements between connections: DATABASE_NAMED_STATEMENTS=off then.
 */
function nameStatements(client: pg.PoolClient, limit = 400) {
  const run = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const names = new Map<string, string>();
  let made = 0;
  let inTransaction = false;
  const forget = (text: string) => {
    const name = names.get(text);
    if (!name) return;
    names.delete(text);
    delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name];
    // A failed transaction refuses it; the statement then stays until the connection closes.
    run(`deallocate ${name}`).catch(() => undefined);
  };
  const query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !Array.isArray(values) || rest.length) return run(text, values, ...rest);
    if (/^(begin|start transaction)\b/i.test(text)) inTransaction = true;
    else if (/^(commit|rollback)$/i.test(text)) inTransaction = false;
    // Only one query can be named: a script of several (set-up SQL, never with values) runs as it is.
    if (!/^(select|insert|update|delete|with)\b/i.test(text) || (!values.length && text.includes(';'))) return run(text, values);
    let name = names.get(text);
    if (name) names.delete(text);
    name ??= `s${++made}`;
    names.set(text, name);
    if (names.size > limit) forget(names.keys().next().value as string);
    const named = () => run({ name, text, values });
    return (text.startsWith(`select ${genericPlan}`) ? withGenericPlan(named) : named()).catch((err: unknown) => {
      // A table changed under a kept statement (a migration while the app runs): plan it again.
      if (!(err instanceof Error && 'code' in err && err.code === '0A000' && /cached plan/.test(err.message))) throw err;
      forget(text);
      if (inTransaction) throw err;
      return run(text, values);
    });
  };
  // PostgreSQL plans a statement afresh at each run while that looks cheaper than its one
  // generic plan; for a count of many parts the estimate is wrong and the planning is most of
  // the cost. The setting is read as the statement is bound, so it is set for that alone.
  // In a failed transaction the reset is refused, and the rollback undoes the set anyway.
  const withGenericPlan = async (work: () => Promise<unknown>) => {
    await run('set plan_cache_mode = force_generic_plan');
    try {
      return await work();
    } finally {
      await run('reset plan_cache_mode').catch(() => undefined);
    }
  };
  (client as unknown as { query: typeof query }).query = query;
}

/** For the few expressions the two databases write differently (date arithmetic). */
export const isPostgres = (db: Executor): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
