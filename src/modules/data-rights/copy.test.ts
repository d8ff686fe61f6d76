import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../../db/connection.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { mo, setUpDataRightsWorld, type DataRightsWorld } from '../../../test/worlds/data-rights.ts';
import { personLinks } from './person-data-map.ts';
import { pdfRecordsPerPart } from './copy.ts';
import { countLinks, personKeys, rowsPerRead, valuesFor } from './person-rows.ts';

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
    const heard: string[] = [];
    beforeEach(async () => {
      filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-copy-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir }, onQuery: (text) => heard.push(text) });
      w = await setUpDataRightsWorld(t);
    });
    afterEach(async () => {
      await t.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    /** Mo's JSON copy after adding these rows (in batches: a database takes so many values at once). */
    async function copyAfterAdding(table: 'audit_log' | 'staff_time_entries', rows: Array<Record<string, unknown>>): Promise<Copy> {
      for (let i = 0; i < rows.length; i += 200)
        await t.database.db
          .insertInto(table)
          .values(rows.slice(i, i + 200) as never)
          .execute();
      const client = await signedInClient(t, mo.email);
      return JSON.parse((await client.get(`/people/${w.mo}/data.json`)).body) as Copy;
    }

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

    test('every part is counted in a few queries of many counts, the same however they are split', async () => {
      const db = t.database.db;
      const keys = (await personKeys(db, w.organisationId, w.mo))!;
      const withRows = personLinks.filter((l) => valuesFor(l, keys).length > 0).length;
      heard.length = 0;
      const together = await countLinks(db, personLinks, keys);
      assert.equal(heard.length, Math.ceil(withRows / 16), heard.join('\n'));
      // Few values a query, as for someone with thousands of claims: more queries, same counts.
      heard.length = 0;
      const split = await countLinks(db, personLinks, keys, { counts: 16, values: 3 });
      assert.ok(heard.length > withRows / 3, `${heard.length} queries`);
      const alone = await Promise.all(personLinks.map(async (link) => (await countLinks(db, [link], keys))[0]));
      assert.deepEqual(together, alone);
      assert.deepEqual(split, alone);
      const claims = personLinks.findIndex((l) => l.table === 'claims' && l.column === 'person_id');
      assert.equal(together[claims], 2);
      assert.ok(together.filter((n) => n > 0).length > 10, 'they have rows in many parts');
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
      const copy = await copyAfterAdding('audit_log', rows);
      const audit = copy.records.find((r) => r.table === 'audit_log' && r.column === 'subject_id')!.rows;
      const ids = new Set(audit.map((r) => r.id));
      assert.equal(ids.size, audit.length, 'no row twice');
      for (const r of rows) assert.ok(ids.has(r.id), 'every row once');
    });

    test('a large part without an id (weekly time, by week and project) is read a page at a time and none is lost', async () => {
      // Three projects a week, so a page of 500 ends between a week's rows.
      const weeks = rowsPerRead;
      const monday = (i: number) => new Date(Date.UTC(2020, 0, 6) + i * 7 * 86_400_000).toISOString().slice(0, 10);
      const rows = Array.from({ length: weeks }, (_, i) =>
        [w.projectId, w.otherProjectId, '00000000-0000-4000-8000-00000000000f'].map((projectId) => ({
          organisation_id: w.organisationId,
          person_id: w.mo,
          project_id: projectId,
          week_start: monday(i),
          minutes: 60,
          recorded_at: t.now().toISOString(),
        })),
      ).flat();
      const copy = await copyAfterAdding('staff_time_entries', rows);
      const time = copy.records.find((r) => r.table === 'staff_time_entries')!.rows;
      const keys = new Set(time.map((r) => `${String(r.week_start)}|${String(r.project_id)}`));
      assert.equal(time.length, rows.length, 'every row');
      assert.equal(keys.size, rows.length, 'no row twice');
    });

    test('a long part: the PDF shows the newest records and says the spreadsheet has them all; the spreadsheet has every record', async () => {
      // Audit entries a minute apart: the last one is the newest.
      const many = pdfRecordsPerPart + 30;
      const start = t.now().getTime() - many * 60_000;
      const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await t.database.db
        .insertInto('audit_log')
        .values(
          Array.from({ length: many }, (_, i) => ({
            id: idOf(i),
            organisation_id: w.organisationId,
            at: new Date(start + i * 60_000).toISOString(),
            actor_person_id: w.admin.personId,
            on_behalf_of_person_id: null,
            subject_type: 'person',
            subject_id: w.mo,
            action: i === many - 1 ? '=HYPERLINK("x")' : 'viewed',
            changes: '[]',
          })),
        )
        .execute();
      const client = await signedInClient(t, mo.email);
      const page = await client.get(`/people/${w.mo}/data`);
      assert.match(page.body, new RegExp(`href="/people/${w.mo}/data.xlsx" download>Download as a spreadsheet with every record<`));
      assert.match(page.body, new RegExp(`The PDF shows the newest ${pdfRecordsPerPart} records of each part`));

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-copy-pdf-'));
      try {
        const file = path.join(dir, 'copy.pdf');
        fs.writeFileSync(file, (await client.get(`/people/${w.mo}/data.pdf`)).rawPayload);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        const held = await t.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('subject_id', '=', w.mo)
          .orderBy('at', 'desc')
          .execute();
        assert.ok(held.length > pdfRecordsPerPart);
        assert.match(
          text,
          new RegExp(`This part has ${held.length} records\\. To keep this copy short, it shows the newest ${pdfRecordsPerPart}\\.`),
        );
        assert.ok(text.includes(idOf(many - 1)), 'the newest entry we added is in the PDF');
        assert.ok(text.includes(held[pdfRecordsPerPart - 1]!.id), `the ${pdfRecordsPerPart}th newest too`);
        assert.ok(!text.includes(held[pdfRecordsPerPart]!.id), 'an older one is not');
        assert.ok(!text.includes(idOf(0)), 'nor the oldest');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }

      const res = await client.get(`/people/${w.mo}/data.xlsx`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /attachment; filename="our-data-about-you-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const names = book.worksheets.map((s) => s.name);
      assert.deepEqual(names.slice(0, 2), ['Contents', 'Your details']);
      const details = book.getWorksheet('Your details')!;
      const detail = (field: string) => details.getColumn(1).values.indexOf(field);
      assert.equal(details.getRow(detail('Full name')).getCell(2).value, mo.name);

      // The contents list each part with its count, and each part's sheet has that many rows under its header.
      const contents = book.getWorksheet('Contents')!;
      const listed = new Map<string, number>();
      contents.eachRow((row) => {
        const [part, sheet, count] = [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value];
        if (typeof sheet === 'string' && typeof count === 'number' && sheet !== 'Your details') listed.set(sheet, count);
        void part;
      });
      assert.ok(listed.size >= 5, `several parts: ${[...listed.keys()].join(', ')}`);
      for (const [sheet, count] of listed) assert.equal(book.getWorksheet(sheet)!.actualRowCount - 1, count, `${sheet}: every record`);
      const header = (sheet: ExcelJS.Worksheet) => sheet.getRow(1).values as unknown[];
      const history = book.worksheets.find((s) => s.name.startsWith('History of changes') && header(s).includes('Subject id'));
      assert.ok(history, `the history sheet: ${names.join(', ')}`);
      const ids = history.getColumn(1).values;
      for (let i = 0; i < many; i++) assert.ok(ids.includes(idOf(i)), `entry ${i} is in the spreadsheet`);
      // Words that look like a formula stay words.
      const action = history.getColumn(header(history).indexOf('Action'));
      const formulaLike = action.values.indexOf('=HYPERLINK("x")');
      assert.ok(formulaLike > 1, 'kept as the words it was');
      assert.equal(history.getRow(formulaLike).getCell(action.number).type, ExcelJS.ValueType.String);
      assert.equal(history.getRow(1).getCell(1).font?.bold, true, 'the header is bold');
      assert.ok(!history.getRow(2).getCell(1).font?.bold, 'the records are not');
      assert.ok(!contents.getRow(6).getCell(1).font?.bold, 'nor the contents under the header');
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
      assert.equal((await admin.get(`/people/${w.mo}/data.xlsx`)).statusCode, 200);
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
          [w.admin.personId, '[{"field":"format","to":"xlsx"}]'],
        ],
      );

      const riverside = await signedInClient(t, 'admin@riverside.test');
      for (const url of [`/people/${w.mo}/data`, `/people/${w.mo}/data.json`, `/people/${w.mo}/data.pdf`, `/people/${w.mo}/data.xlsx`])
        assert.equal((await riverside.get(url)).statusCode, 404, `another organisation: ${url}`);
      const fay = await signedInClient(t, 'fay@example.com');
      for (const url of [`/people/${w.mo}/data`, `/people/${w.mo}/data.json`, `/people/${w.mo}/data.pdf`, `/people/${w.mo}/data.xlsx`])
        assert.equal((await fay.get(url)).statusCode, 403, `a facilitator: ${url}`);
    });
  });
}
