import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { busiestRecords, growCounty, pagesToVisit, type CountySizes } from '../scripts/county-data.ts';
import { demoPassword, seedDemo } from '../scripts/demo-data.ts';
import { signedInClient } from './helpers/fixtures.ts';
import { makeTestApp } from './helpers/test-app.ts';

// Issue 15: the references stored to make a claim or a time credit happen once
// ("expense:<id>", "meeting:<meeting>:<person>", "attendance:...") are codes for the
// software. A crawl of the demo as each role, following every link from every page, finds
// none on any page, nor in any cell of the finance CSV or spreadsheet; people and finance
// see a claim number instead.
const internalCode = /\b(expense|meeting|time|attendance|adjust|claim|rest):[0-9a-f-]{8,}/i;
const tiny: CountySizes = {
  people: 30,
  projects: 2,
  meetings: 10,
  attendance: 60,
  invitations: 90,
  claims: 30,
  ledgerEntries: 100,
  proposals: 3,
  ballots: 20,
  reviewAnswers: 100,
  outbox: 20,
  audit: 50,
};

const linksIn = (html: string) =>
  [...html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((href) => !href.startsWith('/sign-out'));

async function xlsxCells(file: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text))));
  return cells;
}

test('no page, for any role, and no cell of the finance files shows a stored reference', { timeout: 600_000 }, async () => {
  const t = await makeTestApp();
  try {
    const demo = await seedDemo(t.services, t.database.db, t.now);
    await growCounty(t.database.db, demo.organisationId, demo.staffPersonId, tiny, t.now());
    // The codes are there to be shown by mistake: the crawl could find them.
    const stored = [
      ...(await t.database.db.selectFrom('claims').select('reference').execute()),
      ...(await t.database.db.selectFrom('timebank_transactions').select('reference').execute()),
    ].map((r) => r.reference ?? '');
    for (const kind of ['expense', 'meeting', 'time', 'attendance'])
      assert.ok(
        stored.some((r) => r.startsWith(`${kind}:`)),
        kind,
      );

    const pages = pagesToVisit(t.app.routeTable, await busiestRecords(t.database.db, demo.organisationId));
    const council = demo.signIns.filter((s) => s.organisation === demo.signIns[0]!.organisation);
    const shown: string[] = [];
    const claimNumbersSeen = new Map<string, number>();
    for (const role of ['admin', 'facilitator', 'member']) {
      const client = await signedInClient(t, council.find((s) => s.role === role)!.email, demoPassword);
      const queue = [...pages];
      const seen = new Set(queue);
      claimNumbersSeen.set(role, 0);
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const res = await client.get(url);
        if (res.statusCode !== 200) continue;
        const type = String(res.headers['content-type']);
        const text = type.includes('spreadsheetml') ? (await xlsxCells(res.rawPayload)).join('\n') : res.body;
        const found = internalCode.exec(text);
        if (found) shown.push(`${role} ${url}: ${found[0]}`);
        if (/Claim number/.test(text)) claimNumbersSeen.set(role, claimNumbersSeen.get(role)! + 1);
        if (!type.startsWith('text/html')) continue;
        for (const href of linksIn(res.body)) {
          if (seen.has(href)) continue;
          seen.add(href);
          queue.push(href);
        }
      }
    }
    assert.deepEqual(shown, []);
    // A member's own claims, and staff's, show the claim number instead.
    for (const [role, pagesWithNumbers] of claimNumbersSeen) assert.ok(pagesWithNumbers > 0, `${role} saw no claim number`);

    // Every approved item the demo has, in both files.
    const admin = await signedInClient(t, council.find((s) => s.role === 'admin')!.email, demoPassword);
    const period = 'from=2000-01-01&to=2099-12-31';
    const csv = await admin.get(`/claims/export.csv?${period}`);
    const rows = parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    const items = rows.filter((r) => r['Claim number']);
    assert.ok(items.length > 10, `${items.length} items`);
    for (const r of items) assert.match(r['Claim number']!, /^C-[0-9A-F]{4}-[0-9A-F]{4}$/);
    for (const cell of rows.flatMap((r) => Object.values(r))) assert.doesNotMatch(cell, internalCode);
    const cells = await xlsxCells((await admin.get(`/claims/export.xlsx?${period}`)).rawPayload);
    assert.ok(cells.length > items.length * 5);
    for (const cell of cells) assert.doesNotMatch(cell, internalCode);
    for (const r of items) assert.ok(cells.includes(r['Claim number']!), `${r['Claim number']} is in the spreadsheet`);
  } finally {
    await t.close();
  }
});
