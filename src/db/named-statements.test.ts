import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { connect, genericPlan, type Db } from './connection.ts';
import { testDatabaseUrl } from '../config.ts';

// PostgreSQL keeps each connection's queries as named statements (connection.ts): parsed once,
// a plan kept when it is as good. These run on the real server, one connection held at a time.
const url = testDatabaseUrl();

describe('named statements on PostgreSQL', { skip: !url && 'TEST_DATABASE_URL is not set' }, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let admin: Db;
  const open: Db[] = [];
  const database = (namedStatements?: boolean) => {
    const db = connect({ kind: 'postgres', url: url!, schema, namedStatements });
    open.push(db);
    return db;
  };
  const kept = (db: Db) =>
    sql<{ statement: string }>`select statement from pg_prepared_statements where statement not like '%pg_prepared_statements%'`
      .execute(db)
      .then((r) => r.rows.map((row) => row.statement));

  before(async () => {
    admin = connect({ kind: 'postgres', url: url! });
    await sql.raw(`create schema ${schema}; create table ${schema}.notes (id integer primary key, body text)`).execute(admin);
    await sql.raw(`insert into ${schema}.notes values (1, 'first'), (2, 'second')`).execute(admin);
  });
  after(async () => {
    await Promise.all(open.map((db) => db.destroy()));
    await sql.raw(`drop schema ${schema} cascade`).execute(admin);
    await admin.destroy();
  });

  test('a query run again on a connection is the same statement, parsed once', async () => {
    await database()
      .connection()
      .execute(async (db) => {
        for (const id of [1, 2, 1]) {
          const row = await db
            .selectFrom('notes' as never)
            .select(sql<string>`body`.as('body'))
            .where(sql`id`, '=', id)
            .executeTakeFirst();
          assert.equal(row?.body, id === 1 ? 'first' : 'second');
        }
        assert.deepEqual(await kept(db), ['select body as "body" from "notes" where id = $1']);
      });
  });

  test('off: nothing is kept (for a pooler that cannot keep statements)', async () => {
    await database(false)
      .connection()
      .execute(async (db) => {
        await sql`select body from notes where id = ${1}`.execute(db);
        assert.deepEqual(await kept(db), []);
      });
  });

  test('a table changed under a kept statement is read again with its new columns', async () => {
    await database()
      .connection()
      .execute(async (db) => {
        const read = () => sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(db).then((r) => r.rows[0]);
        assert.deepEqual(await read(), { id: 1, body: 'first' });
        await sql.raw(`alter table ${schema}.notes add column heard_by text`).execute(admin);
        assert.deepEqual(await read(), { id: 1, body: 'first', heard_by: null });
        await sql.raw(`alter table ${schema}.notes drop column heard_by`).execute(admin);
      });
  });

  test('a connection keeps at most 400, letting the least recently used go', async () => {
    await database()
      .connection()
      .execute(async (db) => {
        const first = sql`select ${0}::integer as n`;
        await first.execute(db);
        for (let i = 1; i <= 450; i++) {
          await sql.raw(`select ${i} as n`).execute(db);
          // The first stays in use, so it is never the one let go.
          if (i % 100 === 0) await first.execute(db);
        }
        const statements = await kept(db);
        assert.ok(statements.length <= 400, `${statements.length} kept`);
        assert.ok(statements.includes('select $1::integer as n'));
      });
  });

  test('a query marked for a generic plan is planned once; the connection goes back to its own choice after', async () => {
    await database()
      .connection()
      .execute(async (db) => {
        const plans = async (text: string) =>
          (
            await sql<{
              generic: number;
              custom: number;
            }>`select generic_plans as generic, custom_plans as custom from pg_prepared_statements where statement = ${text}`.execute(db)
          ).rows.map((r) => ({ generic: Number(r.generic), custom: Number(r.custom) }))[0];
        for (let i = 0; i < 3; i++) {
          await sql`select ${sql.raw(genericPlan)} count(*) as n from notes where id > ${i}`.execute(db);
          await sql`select count(*) as n from notes where id > ${i}`.execute(db);
        }
        // PostgreSQL plans its first five runs afresh unless told otherwise.
        assert.deepEqual(await plans(`select ${genericPlan} count(*) as n from notes where id > $1`), { generic: 3, custom: 0 });
        assert.deepEqual(await plans('select count(*) as n from notes where id > $1'), { generic: 0, custom: 3 });
        const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db);
        assert.equal(mode.rows[0]?.plan_cache_mode, 'auto');
      });
  });

  test('a generic plan inside a transaction that fails leaves the connection as it was', async () => {
    const db = database();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`select ${sql.raw(genericPlan)} count(*) as n from notes where id > ${0}`.execute(trx);
        await sql`select 1 / ${0}::integer`.execute(trx);
      }),
      /division by zero/,
    );
    await db.connection().execute(async (c) => {
      const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(c);
      assert.equal(mode.rows[0]?.plan_cache_mode, 'auto');
    });
  });
});
