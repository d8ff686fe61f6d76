import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { makeTranslator } from '../../platform/i18n.ts';
import { budgetLines } from './budget.ts';
import { itemType, type Claim } from './claim.ts';
import { financeCsv } from './finance-files.ts';
import { statementOf } from './statement.ts';
import { decimalHours, decimalPounds, forFinance, moneyTotals } from './totals.ts';

const t = makeTranslator('en');
let n = 0;
function claim(over: Partial<Claim>): Claim {
  n++;
  const base: Claim = {
    id: `c${n}`,
    reference: `ref-${n}`,
    kind: 'payment',
    type: 'payment',
    personId: 'p1',
    personName: 'Ann Able',
    projectId: null,
    meetingId: null,
    correctsClaimId: null,
    splitFromClaimId: null,
    category: 'meeting',
    onDate: '2026-11-10',
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
    approvedByName: null,
    approvedOn: '2026-11-12',
    paidAt: null,
    paymentReference: null,
    rejectedAt: null,
    rejectionReason: null,
  };
  const merged = { ...base, ...over };
  return { ...merged, type: itemType(merged) };
}

// S2, S3: what finance pays adds up, whatever the mix of payments, expenses and corrections.
describe('finance totals', () => {
  test('only approved and paid items that move money go to finance', () => {
    const items = [
      claim({ status: 'approved' }),
      claim({ status: 'paid' }),
      claim({ status: 'submitted' }),
      claim({ status: 'rejected' }),
      claim({ status: 'draft' }),
      claim({ status: 'approved', way: 'time-credits', amountPence: 0, creditMinutes: 120 }),
      claim({ status: 'approved', way: 'volunteer', amountPence: 0 }),
    ];
    assert.deepEqual(
      forFinance(items).map((c) => c.status),
      ['approved', 'paid'],
    );
  });

  test('payments, expenses and corrections are summed apart and together', () => {
    const items = [
      claim({ amountPence: 4000 }),
      claim({ kind: 'expense', category: 'taxi', amountPence: 1850 }),
      claim({ amountPence: -500, correctsClaimId: 'c1' }),
      claim({ kind: 'expense', category: 'mileage', amountPence: 1058, mileTenths: 235, ratePence: 45 }),
    ];
    assert.deepEqual(moneyTotals(items), { payment: 4000, expense: 2908, adjustment: -500, total: 6408, count: 4 });
  });

  const pounds: Array<[number, string]> = [
    [0, '0.00'],
    [5, '0.05'],
    [1250, '12.50'],
    [-305, '-3.05'],
    [100000000, '1000000.00'],
  ];
  for (const [pence, text] of pounds) test(`${pence} pence is ${text} in a file`, () => assert.equal(decimalPounds(pence), text));

  test('hours have two decimals: 105 minutes is 1.75', () => assert.equal(decimalHours(105), 1.75));

  test('property: the CSV rows add up, to the penny, to the totals the screen shows', () => {
    const item = fc.record({
      kind: fc.constantFrom('payment' as const, 'expense' as const),
      amountPence: fc.integer({ min: -50_000, max: 500_000 }).filter((a) => a !== 0),
      correctsClaimId: fc.option(fc.constant('c1'), { nil: null }),
      personName: fc.constantFrom('Ann Able', '=cmd|calc', 'Zoë, "Zed"', 'Bob\nBrown'),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (raw) => {
        const items = forFinance(raw.map((r) => claim(r)));
        const totals = moneyTotals(items);
        const rows = parse(financeCsv(items, totals, t), { bom: true, columns: true }) as Array<Record<string, string>>;
        const amount = t('claims:export.column.amount');
        const person = t('claims:export.column.person');
        const itemRows = rows.slice(0, items.length);
        const toPence = (s: string) => Math.round(Number(s) * 100);
        assert.equal(
          itemRows.reduce((sum, r) => sum + toPence(r[amount]!), 0),
          totals.total,
        );
        const totalRow = rows.find((r) => r[person] === t('claims:export.totalRow.total'))!;
        assert.equal(toPence(totalRow[amount]!), totals.total);
        // A name that looks like a formula is kept as text.
        for (const r of itemRows) assert.doesNotMatch(r[person]!, /^[=+\-@]/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('statement', () => {
  test('hours given, money, expenses, time credits and training are told apart; waiting claims are not counted', () => {
    const s = statementOf(
      [
        claim({ status: 'paid', amountPence: 3000, minutes: 120 }),
        claim({ status: 'approved', amountPence: 1500, minutes: 60 }),
        claim({ status: 'approved', way: 'time-credits', amountPence: 0, creditMinutes: 90, minutes: 60, preparationMinutes: 30 }),
        claim({ status: 'approved', way: 'volunteer', amountPence: 0, minutes: 45 }),
        claim({ status: 'approved', category: 'training', amountPence: 1200, minutes: 60 }),
        claim({ status: 'paid', way: 'donation', charity: 'Food bank', amountPence: 700, minutes: 30 }),
        claim({ status: 'paid', kind: 'expense', category: 'taxi', amountPence: 900, minutes: 0 }),
        claim({ status: 'approved', kind: 'expense', category: 'public-transport', amountPence: 420, minutes: 0 }),
        claim({ status: 'approved', amountPence: -500, correctsClaimId: 'c0', minutes: 0 }),
        claim({ status: 'submitted', amountPence: 9999, minutes: 600 }),
        claim({ status: 'rejected', amountPence: 9999, minutes: 600 }),
      ],
      { creditedMinutes: 90, attendance: [] },
    );
    assert.equal(s.minutesGiven, 120 + 60 + 90 + 45 + 60 + 30);
    assert.equal(s.paidPence, 3000);
    assert.equal(s.owedPence, 1500 + 1200 - 500);
    assert.equal(s.donatedPence, 700);
    assert.equal(s.expensesPaidPence, 900);
    assert.equal(s.expensesOwedPence, 420);
    assert.equal(s.creditMinutes, 90);
    assert.equal(s.volunteeredMinutes, 45);
    assert.equal(s.trainingMinutes, 60);
    assert.equal(s.waiting.length, 1);
  });

  test('time credits are what the ledger holds; a meeting credited from attendance counts as time given unless a claim counts it', () => {
    const s = statementOf(
      [
        claim({ status: 'approved', amountPence: 3000, minutes: 120, meetingId: 'm1' }),
        claim({ status: 'submitted', minutes: 60, meetingId: 'm2' }),
      ],
      {
        creditedMinutes: 150,
        attendance: [
          { meetingId: 'm1', minutes: 120 },
          { meetingId: 'm2', minutes: 60 },
          { meetingId: 'm3', minutes: 30 },
        ],
      },
    );
    // m1 is counted once, from its claim; m2's claim is only waiting, so its attendance counts.
    assert.equal(s.minutesGiven, 120 + 60 + 30);
    assert.equal(s.creditMinutes, 150);
  });
});

// S3: the cost of co-production is visible, overspends included.
describe('budget', () => {
  test('planned against committed and paid, by kind of cost, with an overspend shown', () => {
    const { lines, total } = budgetLines({ payments: 50_000, expenses: 10_000, interpreters: 20_000 }, [
      { category: 'payments', status: 'committed', amountPence: 4000 },
      { category: 'payments', status: 'paid', amountPence: 6000 },
      { category: 'expenses', status: 'paid', amountPence: 12_000 },
      { category: 'venues', status: 'committed', amountPence: 3000 },
    ]);
    const by = Object.fromEntries(lines.map((l) => [l.category, l]));
    assert.deepEqual([by.payments!.committedPence, by.payments!.paidPence, by.payments!.leftPence], [4000, 6000, 40_000]);
    assert.equal(by.expenses!.leftPence, -2000);
    assert.equal(by.expenses!.over, true);
    assert.equal(by.venues!.leftPence, -3000);
    assert.deepEqual(total, { plannedPence: 80_000, committedPence: 7000, paidPence: 18_000, leftPence: 55_000, over: false });
  });
});
