import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import readXlsxFile from 'read-excel-file/node';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { Claim } from './claim.ts';
import { claimNumber } from './claim-number.ts';
import { financeCsvStream, financeXlsxStream } from './finance-files.ts';

const t = makeTranslator('en');
const pence = (value: unknown) => Math.round(Number(String(value).replace(/[£,]/g, '')) * 100);
const december = { from: '2026-12-01', to: '2026-12-31' };
const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks);
}

/** The item rows of a finance file (they have a claim number), and its totals rows by their label. */
function itemsAndTotals(rows: Array<Record<string, unknown>>) {
  return {
    items: rows.filter((r) => r['Claim number']),
    totals: Object.fromEntries(rows.filter((r) => !r['Claim number']).map((r) => [r.Person, pence(r.Amount)])),
  };
}

async function xlsxRows(file: Buffer) {
  const [sheet] = await readXlsxFile(file);
  const [header, ...data] = sheet!.data;
  return data.map((row) => Object.fromEntries(header!.map((name, i) => [String(name), row[i]])));
}

const made: Claim = {
  id: 'c',
  reference: 'time:c',
  kind: 'payment',
  type: 'payment',
  personId: 'p',
  personName: 'Gwen Clarke',
  projectId: null,
  meetingId: null,
  correctsClaimId: null,
  splitFromClaimId: null,
  category: 'meeting',
  onDate: '2026-12-01',
  minutes: 120,
  preparationMinutes: 0,
  ratePence: 1500,
  preparationRatePence: 0,
  mileTenths: null,
  amountPence: 3000,
  way: 'bank-transfer',
  charity: null,
  creditMinutes: 0,
  note: null,
  status: 'approved',
  createdAt: '',
  createdBy: null,
  submittedAt: null,
  approvedAt: null,
  approvedBy: null,
  approvedByName: 'Ada Admin',
  approvedOn: '2026-12-02',
  paidAt: null,
  paymentReference: null,
  rejectedAt: null,
  rejectionReason: null,
};

describe('finance files and their reader', () => {
  test('a file is written no faster than it is read: a reader who goes away stops the reading', async () => {
    for (const kind of ['csv', 'xlsx'] as const) {
      let read = 0;
      let finished = false;
      // 400,000 items, if all were read.
      async function* batches() {
        try {
          for (let b = 0; b < 200; b++) {
            read++;
            yield Array.from({ length: 2000 }, (_, i) => ({ ...made, id: `${b}-${i}`, reference: `time:${b}-${i}` }));
          }
        } finally {
          finished = true;
        }
      }
      const totals = { payment: 0, expense: 0, adjustment: 0, total: 0, count: 0 };
      const file = kind === 'csv' ? financeCsvStream(batches(), totals, t) : financeXlsxStream(batches(), totals, t);
      let bytes = 0;
      file.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > 100_000) file.destroy();
      });
      await new Promise((resolve) => file.once('close', resolve));
      for (let wait = 0; !finished && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.ok(finished, `${kind}: the reading stopped`);
      // The spreadsheet's zip once took every row before sending a byte.
      assert.ok(read <= 4, `${kind}: ${read} batches read for 100 KB sent`);
    }
  });
});

// S2: finance files of any size are written a batch at a time, in order, each item once,
// and their totals are the database's sums of the same items.
for (const dialect of databaseDialects()) {
  describe(`finance files a batch at a time, and the export page a page at a time (${dialect})`, () => {
    let app: TestApp;
    let w: ClaimsWorld;
    const queries: string[] = [];
    /** A fault to inject: throwing here fails the query that was just run. */
    let fault: ((sql: string) => void) | null = null;
    beforeEach(async () => {
      fault = null;
      app = await makeTestApp({
        dialect,
        onQuery: (sql) => {
          queries.push(sql);
          fault?.(sql);
        },
      });
      w = await setUpClaimsWorld(app);
    });
    afterEach(() => app.close());

    /** An expense made and approved on a London day, through the services, as staff would. */
    async function approvedOn(day: string, personId: string, amountPence: number) {
      app.clock.now = new Date(`${day}T10:00:00Z`);
      const made = await app.services.claims.addExpense(w.admin, {
        personId,
        type: 'taxi',
        onDate: day,
        amountPence,
        mileTenths: null,
        projectId: null,
        note: null,
        submit: true,
      });
      assert.ok(made.ok);
      assert.ok((await app.services.claimWorkflow.approve(w.admin, made.id, { confirmedOverLimit: true })).ok);
      return made.id;
    }

    /** Settled claims put straight into the database, many rows to an insert: for sizes no one would click through. */
    async function settledRows(count: number, day: string) {
      const people = [w.ids.fay, w.ids.mo, w.ids.gina, w.ids.dennis, w.ids.pat];
      const at = `${day}T10:00:00.000Z`;
      const rows = Array.from({ length: count }, (_, i) => {
        const id = newId();
        return {
          id,
          organisation_id: w.admin.organisationId,
          person_id: people[i % people.length]!,
          kind: 'expense' as const,
          reference: `expense:${id}`,
          project_id: null,
          meeting_id: null,
          category: 'taxi',
          on_date: day,
          amount_pence: 100 + i,
          way: 'bank-transfer' as const,
          status: 'approved' as const,
          created_at: at,
          created_by: w.admin.personId,
          approved_at: at,
          approved_by: w.admin.personId,
          approved_on: day,
          updated_at: at,
        };
      });
      // SQLite takes at most 32,766 values in a statement: 1,000 rows of 18 is well inside.
      for (let i = 0; i < rows.length; i += 1000)
        await app.database.db
          .insertInto('claims')
          .values(rows.slice(i, i + 1000))
          .execute();
      return rows;
    }

    test('with batches of 3, ten items are read in four queries, and both files hold each once, in order, with the totals', async () => {
      const ben = (await personWithAccount(app, w.admin.organisationId, { fullName: 'Zachary Moss', preferredName: 'Ben' })).personId;
      const souza = (await personWithAccount(app, w.admin.organisationId, { fullName: 'de Souza' })).personId;
      // Approved over three days, not in the export's order: the database sorts them.
      const made = [
        ['2026-12-03', w.ids.mo, 1010],
        ['2026-12-01', w.ids.mo, 1001],
        ['2026-12-03', w.ids.gina, 1009],
        ['2026-12-01', w.ids.dennis, 1002],
        ['2026-12-02', ben, 1004],
        ['2026-12-01', souza, 1003],
        ['2026-12-02', w.ids.pat, 1006],
        ['2026-12-02', w.ids.gina, 1005],
        ['2026-12-03', w.ids.dennis, 1008],
        ['2026-12-03', w.ids.mo, 1007],
      ] as const;
      for (const [day, personId, amount] of made) await approvedOn(day, personId, amount);
      // By day, then the name shown (preferred, and not by capitals), then the reference.
      const expected = [
        ['de Souza', 'Dennis Whitfield', 'Mo Member'],
        ['Ben', 'Gina Giver', 'Pat Paid'],
        ['Dennis Whitfield', 'Gina Giver', 'Mo Member', 'Mo Member'],
      ].flat();
      // The files show each claim's number; the stored reference, which orders them, stays inside.
      const referenceOf = new Map(
        (await app.database.db.selectFrom('claims').select(['id', 'reference']).where('status', '=', 'approved').execute()).map((r) => [
          claimNumber(r.id),
          r.reference,
        ]),
      );
      const expectedTotals = { 'Total payments': 0, 'Total expenses': 10_055, 'Total adjustments': 0, Total: 10_055 };

      for (const kind of ['csv', 'xlsx'] as const) {
        queries.length = 0;
        const { totals, batches } = await app.services.claims.financeExport(w.admin, december, 3);
        assert.deepEqual(totals, { payment: 0, expense: 10_055, adjustment: 0, total: 10_055, count: 10 });
        const file = await bytesOf(kind === 'csv' ? financeCsvStream(batches, totals, t) : financeXlsxStream(batches, totals, t));
        assert.equal(queries.filter((q) => q.includes('order by "c"."approved_on"')).length, 4, `${kind}: 3 + 3 + 3 + 1 items`);
        const rows = kind === 'csv' ? (parse(file, { bom: true, columns: true }) as Array<Record<string, string>>) : await xlsxRows(file);
        const { items, totals: totalRows } = itemsAndTotals(rows);
        assert.deepEqual(
          items.map((r) => r.Person),
          expected,
          kind,
        );
        const [moFirst, moSecond] = items.slice(-2);
        const reference = (r: Record<string, unknown>) => referenceOf.get(String(r['Claim number']))!;
        assert.ok(reference(moFirst!) < reference(moSecond!), `${kind}: the same person on the same day, by reference`);
        assert.deepEqual(new Set(items.map((r) => String(r['Claim number']))), new Set(referenceOf.keys()), `${kind}: every item once`);
        assert.equal(items.length, referenceOf.size);
        assert.equal(sum(items.map((r) => pence(r.Amount))), totals.total);
        assert.deepEqual(totalRows, expectedTotals, kind);
      }
    });

    test('the spreadsheet keeps its bold header, pounds on money, column widths and frozen header', async () => {
      await approvedOn('2026-12-02', w.ids.gina, 1250);
      const { totals, batches } = await app.services.claims.financeExport(w.admin, december, 3);
      const book = new ExcelJS.Workbook();
      await book.xlsx.read(financeXlsxStream(batches, totals, t));
      const sheet = book.worksheets[0]!;
      assert.equal(sheet.name, 'Claims');
      assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
      const amount = sheet.getRow(1).values as unknown[];
      const column = amount.indexOf('Amount');
      assert.equal(sheet.getRow(2).getCell(column).value, 12.5);
      assert.equal(sheet.getRow(2).getCell(column).numFmt, '"£"#,##0.00;-"£"#,##0.00');
      assert.equal(sheet.getColumn(1).width, 16);
      assert.deepEqual(
        sheet.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
        [['frozen', 1]],
      );
    });

    test('a failure while a file is written ends it with the error: the download never hangs', async () => {
      await approvedOn('2026-12-02', w.ids.gina, 1250);
      const claim = (await app.services.claims.financePage(w.admin, december, { page: 1, limit: 1, offset: 0 })).items;
      assert.equal(claim.length, 1);
      async function* failing(): AsyncGenerator<Claim[]> {
        yield claim;
        throw new Error('database went away');
      }
      const totals = { payment: 0, expense: 0, adjustment: 0, total: 0, count: 0 };
      await assert.rejects(bytesOf(financeCsvStream(failing(), totals, t)), /database went away/);
      await assert.rejects(bytesOf(financeXlsxStream(failing(), totals, t)), /database went away/);

      // Over HTTP: the second batch of 2,000 fails after the first went out; the download is cut off.
      await settledRows(2100, '2026-12-04');
      const admin = await signedInClient(app, 'admin@northshire.test');
      for (const kind of ['csv', 'xlsx'] as const) {
        let batch = 0;
        fault = (sql) => {
          if (sql.includes('order by "c"."approved_on"') && ++batch === 2) throw new Error('database went away');
        };
        await assert.rejects(admin.get(`/claims/export.${kind}?from=2026-12-01&to=2026-12-31`), /destroyed before completion/, kind);
      }
      fault = null;
      assert.equal((await admin.get('/claims/export.csv?from=2026-12-01&to=2026-12-31')).statusCode, 200);
    });

    test('the export page shows the totals and count of the period, and its items 50 at a time', async () => {
      const rows = await settledRows(60, '2026-12-04');
      const admin = await signedInClient(app, 'admin@northshire.test');
      const first = await admin.get('/claims/export?from=2026-12-01&to=2026-12-31');
      assert.equal(first.statusCode, 200);
      const ids = (body: string) => [...body.matchAll(/href="\/claims\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      assert.equal(ids(first.body).length, 50);
      assert.match(first.body, /Number of items\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*60\s*</);
      const total = sum(rows.map((r) => r.amount_pence));
      assert.match(
        first.body,
        new RegExp(`Total expenses\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*£${(total / 100).toFixed(2)}`),
      );
      assert.match(first.body, /Items 1 to 50 of 60/);
      assert.match(first.body, /href="\/claims\/export\?from=2026-12-01&amp;to=2026-12-31&amp;page=2"/);

      const second = await admin.get('/claims/export?from=2026-12-01&to=2026-12-31&page=2');
      assert.equal(second.statusCode, 200);
      assert.match(second.body, /Items 51 to 60 of 60/);
      assert.match(second.body, /govuk-pagination/);
      assert.match(second.body, /href="\/claims\/export\?from=2026-12-01&amp;to=2026-12-31&amp;page=1"/);
      // The pages are the files' order, cut in fifties.
      const inOrder: string[] = [];
      for await (const batch of (await app.services.claims.financeExport(w.admin, december)).batches)
        inOrder.push(...batch.map((c) => c.id));
      assert.deepEqual([...ids(first.body), ...ids(second.body)], inOrder);
      assert.equal(new Set(inOrder).size, 60);
    });

    test('5,000 items: the CSV and the spreadsheet come whole and quickly', async () => {
      const rows = await settledRows(5000, '2026-12-04');
      const admin = await signedInClient(app, 'admin@northshire.test');
      const total = sum(rows.map((r) => r.amount_pence));
      for (const kind of ['csv', 'xlsx'] as const) {
        const started = performance.now();
        const res = await admin.get(`/claims/export.${kind}?from=2026-12-01&to=2026-12-31`);
        const took = performance.now() - started;
        assert.equal(res.statusCode, 200);
        const parsed =
          kind === 'csv'
            ? (parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>)
            : await xlsxRows(res.rawPayload);
        const { items, totals } = itemsAndTotals(parsed);
        assert.equal(items.length, 5000);
        assert.equal(sum(items.map((r) => pence(r.Amount))), total);
        assert.equal(totals.Total, total);
        // About 0.1 s (CSV) and 0.4 s (spreadsheet) on one core; the bound is for a busy machine.
        assert.ok(took < 10_000, `${kind} took ${Math.round(took)} ms`);
      }
    });
  });
}
