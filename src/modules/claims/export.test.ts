import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { signedInClient } from '../../../test/helpers/fixtures.ts';
import { setUpClaimsWorld, type ClaimsWorld } from '../../../test/worlds/claims.ts';

const pence = (text: string) => Math.round(Number(text.replace(/[£,]/g, '')) * 100);

// S2, S3: finance pays exactly what was approved; people see what they gave and got back;
// each project sees what co-production costs.
for (const dialect of databaseDialects()) {
  describe(`finance export, statements and budgets (${dialect})`, () => {
    let t: TestApp;
    let w: ClaimsWorld;
    const claimOf = (personId: string) =>
      t.database.db
        .selectFrom('claims')
        .selectAll()
        .where('person_id', '=', personId)
        .where('meeting_id', '=', w.meetingId)
        .executeTakeFirstOrThrow();
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpClaimsWorld(t);
      const { admin } = w;
      await t.services.meetingClaims.makeFromAttendance(admin, w.meetingId);
      // Approved on 4 December: Mo (within her limit, after talking), Dennis, Gina's donation, Fay.
      for (const p of ['mo', 'dennis', 'gina', 'fay', 'sue'] as const) {
        const done = await t.services.claimWorkflow.approve(admin, (await claimOf(w.ids[p])).id, { confirmedOverLimit: true });
        assert.ok(done.ok);
      }
      await t.services.claimWorkflow.markPaid(admin, (await claimOf(w.ids.fay)).id, 'BACS-0412');
      const mo = { ...admin, accountId: 'x', personId: w.ids.mo, role: 'member' as const, name: 'Mo Member' };
      const taxi = await t.services.claims.addExpense(mo, {
        personId: w.ids.mo,
        type: 'taxi',
        onDate: '2026-12-03',
        amountPence: 2275,
        mileTenths: null,
        projectId: w.projectId,
        note: null,
        submit: true,
      });
      assert.ok(taxi.ok);
      await t.services.claimWorkflow.approve(admin, taxi.id, { confirmedOverLimit: false });
      const correction = await t.services.claimWorkflow.adjust(admin, (await claimOf(w.ids.dennis)).id, {
        amountPence: -150,
        reason: 'Left early',
      });
      assert.ok(correction.ok);
      const fay = { ...admin, personId: w.ids.fay, role: 'facilitator' as const };
      await t.services.claimWorkflow.approve(fay, correction.id, { confirmedOverLimit: false });
      // Waiting, and approved in January: neither is in December's export.
      const waiting = await t.services.claims.addExpense(mo, {
        personId: w.ids.mo,
        type: 'public-transport',
        onDate: '2026-12-03',
        amountPence: 480,
        mileTenths: null,
        projectId: null,
        note: null,
        submit: true,
      });
      const late = await t.services.claims.addExpense(mo, {
        personId: w.ids.mo,
        type: 'internet-phone',
        onDate: '2026-12-03',
        amountPence: 999,
        mileTenths: null,
        projectId: null,
        note: null,
        submit: true,
      });
      assert.ok(waiting.ok && late.ok);
      t.clock.now = new Date('2027-01-05T10:00:00Z');
      await t.services.claimWorkflow.approve(admin, late.id, { confirmedOverLimit: false });
    });
    afterEach(() => t.close());

    test('the screen, the CSV and the spreadsheet list the same items and their totals agree to the penny', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const page = await admin.get('/claims/export?from=2026-12-01&to=2026-12-31');
      assert.equal(page.statusCode, 200);
      const shown = (label: string) =>
        pence(new RegExp(`${label}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<\\s]+)`).exec(page.body)![1]!);
      // Mo 4000, Dennis 2400, Gina 4000, Fay 4000; Mo's taxi 2275; Dennis's correction -150. Sue's credits move no money.
      const screen = {
        payment: shown('Total payments'),
        expense: shown('Total expenses'),
        adjustment: shown('Total adjustments'),
        total: shown('Total'),
      };
      assert.deepEqual(screen, { payment: 14_400, expense: 2275, adjustment: -150, total: 16_525 });
      assert.match(page.body, /Number of items\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*6/);

      const csv = await admin.get('/claims/export.csv?from=2026-12-01&to=2026-12-31');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="claims-2026-12-01-to-2026-12-31.csv"/);
      const rows = parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>;
      const items = rows.filter((r) => r['Claim number']);
      const totals = Object.fromEntries(rows.filter((r) => !r['Claim number']).map((r) => [r.Person, pence(r.Amount!)]));
      assert.equal(items.length, 6);
      const sum = (type: string) => items.filter((r) => r.Type === type).reduce((n, r) => n + pence(r.Amount!), 0);
      assert.deepEqual(
        {
          payment: sum('Payment'),
          expense: sum('Expense'),
          adjustment: sum('Adjustment'),
          total: sum('Payment') + sum('Expense') + sum('Adjustment'),
        },
        screen,
      );
      assert.deepEqual(totals, { 'Total payments': 14_400, 'Total expenses': 2275, 'Total adjustments': -150, Total: 16_525 });
      const gina = items.find((r) => r.Person === 'Gina Giver')!;
      assert.deepEqual(
        [gina['Payment method'], gina.Charity, gina.Hours, gina['Hourly rate'], gina['Preparation hours'], gina['Preparation hourly rate']],
        ['Given to charity', 'Northby Food Bank', '2', '15.00', '1', '10.00'],
      );
      assert.equal(items.find((r) => r.Person === 'Fay Facilitator')!['Payment reference'], 'BACS-0412');
      assert.equal(items.find((r) => r.Person === 'Fay Facilitator')!.Status, 'Paid');

      const xlsx = await admin.get('/claims/export.xlsx?from=2026-12-01&to=2026-12-31');
      assert.equal(xlsx.statusCode, 200);
      const [sheet] = await readXlsxFile(xlsx.rawPayload);
      const [header, ...data] = sheet!.data;
      const col = (name: string) => header!.indexOf(name);
      const xItems = data.filter((r) => r[col('Claim number')]);
      const xTotals = Object.fromEntries(
        data.filter((r) => !r[col('Claim number')]).map((r) => [r[col('Person')], Math.round(Number(r[col('Amount')]) * 100)]),
      );
      assert.equal(xItems.length, 6);
      assert.equal(
        xItems.reduce((n, r) => n + Math.round(Number(r[col('Amount')]) * 100), 0),
        screen.total,
      );
      assert.deepEqual(xTotals, totals);
      assert.deepEqual(xItems.map((r) => r[col('Claim number')]).sort(), items.map((r) => r['Claim number']).sort());
      // Dates are real dates (they sort and filter in Excel), shown day first.
      for (const r of xItems) {
        assert.ok(r[col('Date')] instanceof Date, `Date is ${typeof r[col('Date')]}`);
        assert.ok(r[col('Approved on')] instanceof Date, `Approved on is ${typeof r[col('Approved on')]}`);
      }
      assert.deepEqual(
        xItems.map((r) => (r[col('Date')] as unknown as Date).toISOString().slice(0, 10)).sort(),
        items.map((r) => r.Date).sort(),
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.equal(book.worksheets[0]!.getRow(2).getCell(col('Date') + 1).numFmt, 'dd/mm/yyyy');
    });

    test('a wrong period keeps what was typed and says what is wrong; members cannot export', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const bad = await admin.get('/claims/export?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a real start date/);
      assert.match(bad.body, /name="from-day" type="text" value="31"/);
      const backwards = await admin.get('/claims/export?from=2026-12-31&to=2026-12-01');
      assert.match(backwards.body, /The end date must be on or after the start date/);
      const mo = await signedInClient(t, 'mo@example.com');
      assert.equal((await mo.get('/claims/export.xlsx?from=2026-12-01&to=2026-12-31')).statusCode, 403);
    });

    test("a person sees their own statement for any period; staff see anyone's", async () => {
      const mo = await signedInClient(t, 'mo@example.com');
      const own = await mo.get('/my-claims/statement?from=2026-12-01&to=2026-12-31');
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /My statement/);
      assert.match(own.body, /From 1 December 2026 to 31 December 2026/);
      const value = (label: string) =>
        new RegExp(`${label}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]+?)\\s*</dd>`).exec(own.body)![1];
      assert.equal(value('Time you gave'), '3 hours');
      assert.equal(value('Money agreed, not paid yet'), '£40.00');
      assert.equal(value('Money you spent, to be paid back'), '£32.74');
      assert.match(own.body, /Still being checked/);
      assert.match(own.body, /govuk-!-display-none-print/);
      const empty = await mo.get('/my-claims/statement?from=2026-01-01&to=2026-01-31');
      assert.match(empty.body, /No payments in this time/);
      assert.equal((await mo.get(`/claims/statement?personId=${w.ids.sue}`)).statusCode, 403);
      const fay = await signedInClient(t, 'fay@example.com');
      const sue = await fay.get(`/claims/statement?personId=${w.ids.sue}&from=2026-12-01&to=2026-12-31`);
      assert.equal(sue.statusCode, 200);
      assert.match(sue.body, /Statement for Sue Carer/);
      assert.match(sue.body, /Time credits\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2 hours and 38 minutes/);
      assert.equal((await fay.get('/claims/statement')).statusCode, 200);
    });

    test('the project budget shows planned against committed and paid, from the start', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const before = await admin.get(`/projects/${w.projectId}`);
      assert.match(before.body, /Co-production budget/);
      assert.match(before.body, /Planned £0.00/);
      await admin.get(`/projects/${w.projectId}/budget`);
      const bad = await admin.post(`/projects/${w.projectId}/budget/plan`, { payments: '1,000', expenses: '100' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /without commas/);
      assert.match(bad.body, /value="1,000"/);
      assert.equal(
        (
          await admin.post(`/projects/${w.projectId}/budget/plan`, {
            payments: '500',
            expenses: '100.00',
            interpreters: '250',
            venues: '',
            training: '',
            'support-to-take-part': '120',
            other: '',
          })
        ).statusCode,
        303,
      );
      await admin.get(`/projects/${w.projectId}/budget`);
      const spend = await admin.post(`/projects/${w.projectId}/budget/spend`, {
        category: 'interpreters',
        description: 'BSL interpreter',
        amount: '180',
        'spentOn-day': '3',
        'spentOn-month': '12',
        'spentOn-year': '2026',
        status: 'committed',
      });
      assert.equal(spend.statusCode, 303);
      const page = await admin.get(`/projects/${w.projectId}/budget`);
      const row = (label: string) =>
        new RegExp(`${label}</th>((?:\\s*<td[^>]*>[^<]*</td>){4})`).exec(page.body)![1]!.match(/£[\d,.-]+|-£[\d,.]+/g);
      // Payments: Mo 40 + Dennis 24 - 1.50 + Gina 40 (approved) and Fay 40 (paid).
      assert.deepEqual(row('Payments to people'), ['£500.00', '£102.50', '£40.00', '£357.50']);
      assert.deepEqual(row('Expenses'), ['£100.00', '£22.75', '£0.00', '£77.25']);
      assert.deepEqual(row('Interpreters and formats'), ['£250.00', '£180.00', '£0.00', '£70.00']);
      // P5: money for buddies and getting ready together is planned on a line of its own.
      assert.deepEqual(row('Support to take part'), ['£120.00', '£0.00', '£0.00', '£120.00']);
      const entry = await t.database.db.selectFrom('project_spend').select('id').executeTakeFirstOrThrow();
      assert.equal((await admin.post(`/projects/${w.projectId}/budget/spend/${entry.id}/paid`)).statusCode, 303);
      assert.match(
        (await admin.get(`/projects/${w.projectId}`)).body,
        /Planned £970.00. Agreed, not paid £125.25. Paid £220.00. Left £624.75./,
      );

      const mo = await signedInClient(t, 'mo@example.com');
      const seen = await mo.get(`/projects/${w.projectId}/budget`);
      assert.equal(seen.statusCode, 200);
      assert.doesNotMatch(seen.body, /Save the plan/);
      assert.equal((await mo.post(`/projects/${w.projectId}/budget/plan`, { payments: '1' })).statusCode, 403);
      const len = await signedInClient(t, 'len@example.com');
      assert.equal((await len.get(`/projects/${w.projectId}/budget`)).statusCode, 404);
    });
  });
}
