import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { makeTranslator } from '../../platform/i18n.ts';
import type { Claim } from './claim.ts';
import { claimNumber } from './claim-number.ts';
import { financeCsv, financeCsvStream, financeXlsxStream } from './finance-files.ts';
import { moneyTotals } from './totals.ts';

// Issue 15: the finance files say what finance wrote and what a person sees. A payment
// reference keeps its leading zeros as text, a value that looks like a formula is never
// run as one, and each item carries its claim number, never the stored reference.

const t = makeTranslator('en');
/** The stored references' shape: a code for the software, never for people. */
const internalCode = /\b(expense|meeting|time|attendance|adjust|claim|rest):[0-9a-f-]{8,}/i;

const ids = ['1353cdbe-9461-45c0-be1f-f05c1437b235', '810bde55-3944-4706-a373-439e2d059998', 'ff0e15ca-41f2-47a0-a0d9-a3eb439ad352'];
function item(n: number, over: Partial<Claim>): Claim {
  return {
    id: ids[n]!,
    reference: `expense:${ids[n]}`,
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
    status: 'paid',
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
    ...over,
  };
}

const items = [
  item(0, { paymentReference: '000123', reference: `meeting:${ids[2]}:${ids[0]}` }),
  item(1, { paymentReference: '=HYPERLINK("http://x.test","pay")', personName: '@SUM(A1)', reference: `expense:${ids[1]}` }),
  item(2, { paymentReference: '+441234', charity: '-2+3', reference: `adjust:${ids[2]}`, kind: 'expense', type: 'expense' }),
];
const totals = moneyTotals(items);
const formulaLooking = ['=HYPERLINK("http://x.test","pay")', '@SUM(A1)', '+441234', '-2+3'];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks);
}
async function* oneBatch() {
  yield items;
}

/**
 * Reads a CSV as a finance system with typed columns does: a quoted value is text, an
 * unquoted one that looks like a number becomes one (csv-parse's own `cast: true` would
 * make even a quoted "000123" a number, so it is no test of what the file says).
 */
const typedRows = (csv: string) =>
  parse(csv, {
    bom: true,
    columns: true,
    cast: (value, context) => (context.header || context.quoting || value === '' || Number.isNaN(Number(value)) ? value : Number(value)),
  }) as Array<Record<string, string | number>>;

describe('finance CSV', () => {
  test('a payment reference "000123" is kept as text, zeros and all, and nothing else is added to it', () => {
    const csv = financeCsv(items, totals, t);
    const [first] = typedRows(csv);
    assert.equal(first!['Payment reference'], '000123');
    // Read plainly, it is the very value finance wrote: no ="..." trick, no apostrophe.
    const [plain] = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    assert.equal(plain!['Payment reference'], '000123');
    // Numbers are still numbers to the same reader.
    assert.equal(first!.Amount, 30);
    assert.equal(first!.Hours, 2);
  });

  test('a value that looks like a formula (= + - @) is still written as words', () => {
    const rows = typedRows(financeCsv(items, totals, t));
    const cells = rows.flatMap((r) => Object.values(r)).filter((v): v is string => typeof v === 'string');
    for (const value of formulaLooking) {
      assert.ok(!cells.includes(value), `${value} is in the file as it is`);
      assert.ok(cells.includes(`'${value}`), `${value} is not kept as words`);
    }
    for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@]/);
  });

  test('each item has its claim number; no cell holds a stored reference', async () => {
    const csv = (await bytesOf(financeCsvStream(oneBatch(), totals, t))).toString('utf8');
    assert.equal(csv, financeCsv(items, totals, t), 'the streamed file is the same');
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r['Claim number']),
      ids.map(claimNumber),
    );
    assert.doesNotMatch(csv, internalCode);
    assert.ok(!ids.some((id) => csv.includes(id)), 'no id in the file');
  });
});

describe('finance spreadsheet', () => {
  async function readBack() {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(financeXlsxStream(oneBatch(), totals, t))) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name));
    return { sheet, cell };
  }

  test('a payment reference "000123" is a text cell, formatted as text', async () => {
    const { cell } = await readBack();
    const reference = cell(2, 'Payment reference');
    assert.equal(reference.type, ExcelJS.ValueType.String);
    assert.equal(reference.value, '000123');
    assert.equal(reference.numFmt, '@');
    // Numbers and dates keep their own formats.
    assert.equal(cell(2, 'Amount').type, ExcelJS.ValueType.Number);
    assert.equal(cell(2, 'Date').numFmt, 'dd/mm/yyyy');
  });

  test('a value that looks like a formula is a text cell, never a formula', async () => {
    const { sheet } = await readBack();
    const seen = new Set<string>();
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${c.address} is a formula`);
        if (typeof c.value === 'string' && formulaLooking.includes(c.value)) {
          assert.equal(c.type, ExcelJS.ValueType.String);
          assert.equal(c.numFmt, '@', `${c.address} is not formatted as text`);
          seen.add(c.value);
        }
      }),
    );
    assert.deepEqual([...seen].sort(), [...formulaLooking].sort());
  });

  test('each item has its claim number; no cell holds a stored reference', async () => {
    const { sheet, cell } = await readBack();
    assert.deepEqual(
      [2, 3, 4].map((row) => cell(row, 'Claim number').value),
      ids.map(claimNumber),
    );
    sheet.eachRow((row) => row.eachCell((c) => assert.doesNotMatch(String(c.value), internalCode, c.address)));
  });
});
