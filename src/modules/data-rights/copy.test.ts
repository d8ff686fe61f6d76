import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../../db/connection.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { mo, setUpDataRightsWorld, type DataRightsWorld } from '../../../test/worlds/data-rights.ts';
import { personLinks } from './person-data-map.ts';
import { rowsPerRead } from './person-rows.ts';

// A person's copy of their data (UK GDPR Article 15): complete (every row of every table
// that holds their id is in it), theirs or an admin's only, and each copy staff take is on
// the person's history.

type Copy = { person: Record<string, unknown>; records: Array<{ table: string; column: string; rows: Array<Record<string, unknown>> }> };

/** How many rows of each table hold the person's id in any column, found without the map. */
async function rowsNaming(db: Db, personId: string): Promise<Map<string, number>> {
  const schema = isPostgres(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const out = new Map<string, number>();
  for (const table of await db.introspection.getTables()) {
    if ((schema && table.schema !== schema) || table.name === 'people') continue;
    const columns = table.columns.filter((c) => /char|text/i.test(c.dataType)).map((c) => c.name);
    if (columns.length === 0) continue;
    const where = sql.join(
      columns.map((c) => sql`${sql.ref(c)} = ${personId}`),
      sql` or `,
    );
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)} where ${where}`.execute(db);
    if (Number(rows[0]?.n) > 0) out.set(table.name, Number(rows[0]?.n));
  }
  return out;
}

for (const dialect of databaseDialects()) {
  describe(`a copy of everything held about a person (${dialect})`, () => {
    let t: TestApp;
    let w: DataRightsWorld;
    let filesDir: string;
    beforeEach(async () => {
      filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-copy-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir } });
      w = await setUpDataRightsWorld(t);
    });
    afterEach(async () => {
      await t.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    test('a member takes their own copy from Your details: the JSON holds every row that names them', async () => {
      const client = await signedInClient(t, mo.email);
      const details = await client.get(`/people/${w.mo}`);
      assert.match(details.body, new RegExp(`href="/people/${w.mo}/data">Everything we hold about you<`));
      const page = await client.get(`/people/${w.mo}/data`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Access needs<\/td>/);
      assert.match(page.body, /Claims and payments<\/td>/);

      const res = await client.get(`/people/${w.mo}/data.json`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="our-data-about-you-\d{4}-\d{2}-\d{2}\.json"/);
      const copy = JSON.parse(res.body) as Copy;
      assert.equal(copy.person.full_name, mo.name);
      assert.equal(copy.person.mobile, mo.mobile);

      // Every table holding their id has at least as many rows in the copy as name them there
      // (the copy may find more: ledger lines through their account), except what is kept
      // from them on purpose: sign-in secrets, and records they made about other people.
      const inCopy = new Map<string, number>();
      for (const r of copy.records) inCopy.set(r.table, Math.max(inCopy.get(r.table) ?? 0, r.rows.length));
      const leftOut = new Set(personLinks.filter((l) => l.notInCopy).map((l) => l.table));
      for (const [table, n] of await rowsNaming(t.database.db, w.mo)) {
        if (leftOut.has(table)) continue;
        assert.ok((inCopy.get(table) ?? 0) >= 1, `${table} (${n} rows name them) is in the copy`);
      }
      const section = (table: string) => copy.records.filter((r) => r.table === table).flatMap((r) => r.rows);
      assert.equal(section('access_needs')[0]?.other, 'Needs a quiet room');
      assert.equal(section('claims').length, 2);
      assert.ok(section('timebank_entries').length >= 1, 'ledger lines through their time bank account');
      assert.equal(section('accounts')[0]?.password_hash, undefined, 'never the password hash');
      assert.ok(
        section('outbox').some((m) => String(m.body_text).includes('you are invited')),
        'messages to them',
      );
      // Their own copy is not written in their history as a read by someone else.
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', w.mo)
        .where('action', '=', 'data-copied')
        .execute();
      assert.equal(audit.length, 0);
    });

    test('large parts are read a page at a time and none is lost', async () => {
      const at = t.now().toISOString();
      const many = rowsPerRead * 2 + 7;
      const rows = Array.from({ length: many }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        organisation_id: w.organisationId,
        at,
        actor_person_id: w.admin.personId,
        on_behalf_of_person_id: null,
        subject_type: 'person',
        subject_id: w.mo,
        action: 'viewed',
        changes: '[]',
      }));
      for (let i = 0; i < rows.length; i += 200)
        await t.database.db
          .insertInto('audit_log')
          .values(rows.slice(i, i + 200))
          .execute();
      const client = await signedInClient(t, mo.email);
      const copy = JSON.parse((await client.get(`/people/${w.mo}/data.json`)).body) as Copy;
      const audit = copy.records.find((r) => r.table === 'audit_log' && r.column === 'subject_id')!.rows;
      const ids = new Set(audit.map((r) => r.id));
      assert.equal(ids.size, audit.length, 'no row twice');
      for (const r of rows) assert.ok(ids.has(r.id), 'every row once');
    });

    test('an admin takes the PDF for them, and it is written in their history; nobody else may', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get(`/people/${w.mo}/data`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Everything we hold about Mo Member/);
      const pdf = await admin.get(`/people/${w.mo}/data.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const bytes = pdf.rawPayload.toString('latin1');
      assert.ok(bytes.startsWith('%PDF-1.7'));
      assert.match(bytes, /\/StructTreeRoot/, 'tagged');
      assert.match(bytes, /\/Lang \(en-GB\)/);
      assert.match(bytes, /NotoSans/);
      await admin.get(`/people/${w.mo}/data.json`);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['changes', 'actor_person_id'])
        .where('subject_id', '=', w.mo)
        .where('action', '=', 'data-copied')
        .orderBy('changes')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.actor_person_id, a.changes]),
        [
          [w.admin.personId, '[{"field":"format","to":"json"}]'],
          [w.admin.personId, '[{"field":"format","to":"pdf"}]'],
        ],
      );

      const riverside = await signedInClient(t, 'admin@riverside.test');
      for (const url of [`/people/${w.mo}/data`, `/people/${w.mo}/data.json`, `/people/${w.mo}/data.pdf`])
        assert.equal((await riverside.get(url)).statusCode, 404, `another organisation: ${url}`);
      const fay = await signedInClient(t, 'fay@example.com');
      for (const url of [`/people/${w.mo}/data`, `/people/${w.mo}/data.json`, `/people/${w.mo}/data.pdf`])
        assert.equal((await fay.get(url)).statusCode, 403, `a facilitator: ${url}`);
    });
  });
}
