import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  assessmentPeriod,
  benefitPeriods,
  benefitsHeadroom,
  mondayWeek,
  suggestedPart,
  type BenefitLimit,
  type BenefitLine,
  type Benefits,
} from './benefits.ts';

// S2: payments can affect welfare benefits; people are helped to stay within the rules.

describe('Universal Credit assessment periods', () => {
  const cases: Array<[number, string, string, string]> = [
    // start day, payment date, period start, period end
    [1, '2026-11-01', '2026-11-01', '2026-11-30'],
    [1, '2026-11-30', '2026-11-01', '2026-11-30'],
    [1, '2026-12-31', '2026-12-01', '2026-12-31'],
    [15, '2026-11-14', '2026-10-15', '2026-11-14'],
    [15, '2026-11-15', '2026-11-15', '2026-12-14'],
    [15, '2027-01-10', '2026-12-15', '2027-01-14'],
    [28, '2027-02-28', '2027-02-28', '2027-03-27'],
    [28, '2027-02-27', '2027-01-28', '2027-02-27'],
    // 29, 30 and 31 in a short month start on its last day.
    [29, '2027-02-27', '2027-01-29', '2027-02-27'],
    [29, '2027-02-28', '2027-02-28', '2027-03-28'],
    [29, '2028-02-28', '2028-01-29', '2028-02-28'],
    [29, '2028-02-29', '2028-02-29', '2028-03-28'],
    [30, '2027-01-30', '2027-01-30', '2027-02-27'],
    [30, '2027-02-28', '2027-02-28', '2027-03-29'],
    [30, '2027-03-29', '2027-02-28', '2027-03-29'],
    [30, '2027-03-30', '2027-03-30', '2027-04-29'],
    [31, '2027-01-31', '2027-01-31', '2027-02-27'],
    [31, '2027-02-28', '2027-02-28', '2027-03-30'],
    [31, '2027-03-15', '2027-02-28', '2027-03-30'],
    [31, '2027-03-31', '2027-03-31', '2027-04-29'],
    [31, '2027-04-30', '2027-04-30', '2027-05-30'],
    [31, '2027-04-29', '2027-03-31', '2027-04-29'],
    [31, '2028-02-29', '2028-02-29', '2028-03-30'],
    [31, '2026-12-31', '2026-12-31', '2027-01-30'],
    [31, '2027-01-30', '2026-12-31', '2027-01-30'],
  ];
  for (const [day, on, start, end] of cases) {
    test(`starting on day ${day}, ${on} is in ${start} to ${end}`, () => assert.deepEqual(assessmentPeriod(day, on), { start, end }));
  }

  test('a day that is not 1 to 31, or a date that does not exist, is a mistake in code', () => {
    for (const day of [0, 32, 1.5, Number.NaN]) assert.throws(() => assessmentPeriod(day, '2026-11-01'), RangeError);
    for (const on of ['2027-02-29', '2026-13-01', '1 Nov 2026', '']) assert.throws(() => assessmentPeriod(1, on), RangeError);
  });

  test('property: periods follow one another with no gap and no overlap, and hold the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 365 * 8 }), (day, offset) => {
        const on = addDays('2024-01-01', offset);
        const p = assessmentPeriod(day, on);
        assert.ok(p.start <= on && on <= p.end);
        assert.deepEqual(assessmentPeriod(day, addDays(p.end, 1)).start, addDays(p.end, 1));
        assert.deepEqual(assessmentPeriod(day, addDays(p.start, -1)).end, addDays(p.start, -1));
        const startDay = Number(p.start.slice(8));
        assert.ok(startDay === day || startDay < day, 'starts on the day, or the last day of a shorter month');
      }),
    );
  });
});

describe('ESA permitted work weeks, Monday to Sunday in London', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a Monday', '2026-11-23', '2026-11-23', '2026-11-29'],
    ['a Sunday', '2026-11-29', '2026-11-23', '2026-11-29'],
    ['the Sunday the clocks go forward', '2026-03-29', '2026-03-23', '2026-03-29'],
    ['the Monday after the clocks go forward', '2026-03-30', '2026-03-30', '2026-04-05'],
    ['the Saturday before the clocks go back', '2026-10-24', '2026-10-19', '2026-10-25'],
    ['the Sunday the clocks go back', '2026-10-25', '2026-10-19', '2026-10-25'],
    ["New Year's Eve", '2026-12-31', '2026-12-28', '2027-01-03'],
    ['a leap day', '2028-02-29', '2028-02-28', '2028-03-05'],
  ];
  for (const [what, on, start, end] of cases) {
    test(`${what} (${on}) is in ${start} to ${end}`, () => assert.deepEqual(mondayWeek(on), { start, end }));
  }

  test('property: a week is seven dates from a Monday and holds the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 8 }), (offset) => {
        const on = addDays('2024-01-01', offset);
        const w = mondayWeek(on);
        assert.equal(new Date(`${w.start}T12:00:00Z`).getUTCDay(), 1);
        assert.equal(addDays(w.start, 6), w.end);
        assert.ok(w.start <= on && on <= w.end);
      }),
    );
  });
});

describe('benefitPeriods', () => {
  test('one period for each benefit with a limit; other benefits have none', () => {
    const both: Benefits = { universalCredit: { assessmentStartDay: 10 }, esaPermittedWork: true, other: "Carer's Allowance" };
    assert.deepEqual(benefitPeriods(both, '2026-11-23'), [
      { kind: 'universal-credit', start: '2026-11-10', end: '2026-12-09' },
      { kind: 'esa-permitted-work', start: '2026-11-23', end: '2026-11-29' },
    ]);
    assert.deepEqual(benefitPeriods({ universalCredit: null, esaPermittedWork: false, other: 'PIP' }, '2026-11-23'), []);
  });
});

describe('benefitsHeadroom', () => {
  const limits: BenefitLimit[] = [
    { kind: 'universal-credit', effectiveFrom: '2026-04-06', limitPence: 40_000 },
    { kind: 'universal-credit', effectiveFrom: '2027-04-05', limitPence: 41_000 },
    { kind: 'esa-permitted-work', effectiveFrom: '2026-04-06', limitPence: 20_000 },
  ];
  const uc: Benefits = { universalCredit: { assessmentStartDay: 1 }, esaPermittedWork: false, other: null };
  const esa: Benefits = { universalCredit: null, esaPermittedWork: true, other: null };
  type Paid = { on: string; amountPence: number };
  /** What the caller would pass: payments that fall within each benefit's period. */
  const earnedIn = (benefits: Benefits, on: string, paid: Paid[]) =>
    Object.fromEntries(
      benefitPeriods(benefits, on).map((p) => [
        p.kind,
        paid.filter((x) => x.on >= p.start && x.on <= p.end).reduce((s, x) => s + x.amountPence, 0),
      ]),
    );
  const check = (
    benefits: Benefits,
    proposal: { amountPence: number; on: string; method: 'bank-transfer' | 'voucher' },
    paid: Paid[] = [],
    vouchersCountAsEarnings = true,
  ) => benefitsHeadroom({ benefits, limits, vouchersCountAsEarnings, proposal, earnedSoFar: earnedIn(benefits, proposal.on, paid) });

  // At and around the limit: £400 a month for Universal Credit, £200 a week for ESA.
  const table: Array<[string, Benefits, number, Paid[], boolean, number, number]> = [
    ['UC: well under', uc, 10_000, [], false, 10_000, 40_000],
    ['UC: exactly at the limit is within it', uc, 40_000, [], false, 40_000, 40_000],
    ['UC: a penny over', uc, 40_001, [], true, 40_001, 40_000],
    ['UC: earlier pay in the period leaves a penny', uc, 1, [{ on: '2026-11-02', amountPence: 39_999 }], false, 40_000, 1],
    ['UC: earlier pay in the period and a penny too much', uc, 2, [{ on: '2026-11-02', amountPence: 39_999 }], true, 40_001, 1],
    ['UC: pay in the last period does not count', uc, 40_000, [{ on: '2026-10-31', amountPence: 39_999 }], false, 40_000, 40_000],
    ['UC: pay in the next period does not count', uc, 40_000, [{ on: '2026-12-01', amountPence: 39_999 }], false, 40_000, 40_000],
    ['ESA: exactly at the limit', esa, 5_000, [{ on: '2026-11-23', amountPence: 15_000 }], false, 20_000, 5_000],
    ['ESA: a penny over', esa, 5_001, [{ on: '2026-11-29', amountPence: 15_000 }], true, 20_001, 5_000],
    ['ESA: the Sunday before is another week', esa, 20_000, [{ on: '2026-11-22', amountPence: 15_000 }], false, 20_000, 20_000],
  ];
  for (const [what, benefits, amount, paid, over, withPayment, headroom] of table) {
    test(what, () => {
      const result = check(benefits, { amountPence: amount, on: '2026-11-25', method: 'bank-transfer' }, paid);
      const [line] = result.lines;
      assert.equal(line!.wouldGoOver, over);
      assert.equal(line!.earnedWithPaymentPence, withPayment);
      assert.equal(line!.headroomPence, headroom);
      assert.equal(result.anyOver, over);
    });
  }

  test('the result names the period, what is earned so far, the limit and the headroom', () => {
    const result = check(uc, { amountPence: 5_000, on: '2026-11-25', method: 'bank-transfer' }, [
      { on: '2026-11-03', amountPence: 38_000 },
    ]);
    assert.deepEqual(result.lines, [
      {
        kind: 'universal-credit',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        earnedSoFarPence: 38_000,
        earnedWithPaymentPence: 43_000,
        limitPence: 40_000,
        headroomPence: 2_000,
        alreadyOver: false,
        wouldGoOver: true,
      },
    ]);
    assert.equal(result.paymentCounts, true);
  });

  test('a voucher counts as earnings only when the organisation says so', () => {
    const paid = [{ on: '2026-11-02', amountPence: 39_000 }];
    const counted = check(uc, { amountPence: 5_000, on: '2026-11-25', method: 'voucher' }, paid, true);
    assert.equal(counted.lines[0]!.wouldGoOver, true);
    assert.equal(counted.paymentCounts, true);
    const notCounted = check(uc, { amountPence: 5_000, on: '2026-11-25', method: 'voucher' }, paid, false);
    assert.equal(notCounted.lines[0]!.wouldGoOver, false);
    assert.equal(notCounted.lines[0]!.earnedWithPaymentPence, 39_000);
    assert.equal(notCounted.paymentCounts, false);
    // A bank transfer is earnings whatever the voucher setting.
    assert.equal(check(uc, { amountPence: 5_000, on: '2026-11-25', method: 'bank-transfer' }, paid, false).lines[0]!.wouldGoOver, true);
  });

  test('already over: shown, but a payment that does not count does not push them over', () => {
    const paid = [{ on: '2026-11-02', amountPence: 45_000 }];
    const voucher = check(uc, { amountPence: 100, on: '2026-11-25', method: 'voucher' }, paid, false).lines[0]!;
    assert.deepEqual([voucher.alreadyOver, voucher.wouldGoOver, voucher.headroomPence], [true, false, 0]);
    const transfer = check(uc, { amountPence: 100, on: '2026-11-25', method: 'bank-transfer' }, paid).lines[0]!;
    assert.deepEqual([transfer.alreadyOver, transfer.wouldGoOver], [true, true]);
    const nothing = check(uc, { amountPence: 0, on: '2026-11-25', method: 'bank-transfer' }, paid).lines[0]!;
    assert.equal(nothing.wouldGoOver, false);
  });

  test('new figures apply from the first period starting on or after the day they change', () => {
    const mid: Benefits = { universalCredit: { assessmentStartDay: 20 }, esaPermittedWork: false, other: null };
    // The period of 20 March to 19 April 2027 began before 5 April: the old £400.
    assert.equal(check(mid, { amountPence: 1, on: '2027-04-10', method: 'bank-transfer' }).lines[0]!.limitPence, 40_000);
    assert.equal(check(mid, { amountPence: 1, on: '2027-04-19', method: 'bank-transfer' }).lines[0]!.limitPence, 40_000);
    assert.equal(check(mid, { amountPence: 1, on: '2027-04-20', method: 'bank-transfer' }).lines[0]!.limitPence, 41_000);
    // A period starting on the day of the change takes the new figure.
    const onTheDay: Benefits = { universalCredit: { assessmentStartDay: 5 }, esaPermittedWork: false, other: null };
    assert.equal(check(onTheDay, { amountPence: 1, on: '2027-04-05', method: 'bank-transfer' }).lines[0]!.limitPence, 41_000);
    assert.equal(check(onTheDay, { amountPence: 1, on: '2027-04-04', method: 'bank-transfer' }).lines[0]!.limitPence, 40_000);
  });

  test('with no limit set for the period, nothing can be said to go over', () => {
    const line = check(uc, { amountPence: 99_999, on: '2026-01-15', method: 'bank-transfer' }).lines[0]!;
    assert.deepEqual([line.limitPence, line.headroomPence, line.wouldGoOver, line.alreadyOver], [null, null, false, false]);
  });

  test('both benefits are checked, each in its own period; other benefits are passed on, unchecked', () => {
    const both: Benefits = { universalCredit: { assessmentStartDay: 1 }, esaPermittedWork: true, other: 'Personal Independence Payment' };
    const paid = [
      { on: '2026-11-02', amountPence: 30_000 },
      { on: '2026-11-24', amountPence: 10_000 },
    ];
    const result = check(both, { amountPence: 10_001, on: '2026-11-25', method: 'bank-transfer' }, paid);
    assert.deepEqual(
      result.lines.map((l) => [l.kind, l.earnedSoFarPence, l.wouldGoOver]),
      [
        ['universal-credit', 40_000, true],
        ['esa-permitted-work', 10_000, true],
      ],
    );
    assert.equal(result.other, 'Personal Independence Payment');
    const small = check(both, { amountPence: 0, on: '2026-11-25', method: 'bank-transfer' }, paid);
    assert.equal(small.anyOver, false);
  });

  test('a proposal that is not whole pence is a mistake in code', () => {
    for (const amountPence of [-1, 1.5, Number.NaN]) {
      assert.throws(() => check(uc, { amountPence, on: '2026-11-25', method: 'bank-transfer' }), RangeError);
    }
  });

  test('property: going over is exactly "counted earnings with this payment are more than the limit"', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80_000 }),
        fc.integer({ min: 0, max: 80_000 }),
        fc.boolean(),
        fc.boolean(),
        (soFar, amount, voucher, vouchersCount) => {
          const result = benefitsHeadroom({
            benefits: uc,
            limits,
            vouchersCountAsEarnings: vouchersCount,
            proposal: { amountPence: amount, on: '2026-11-25', method: voucher ? 'voucher' : 'bank-transfer' },
            earnedSoFar: { 'universal-credit': soFar },
          });
          const counts = !voucher || vouchersCount;
          const line = result.lines[0]!;
          assert.equal(line.wouldGoOver, counts && amount > 0 && soFar + amount > 40_000);
          assert.equal(line.headroomPence, Math.max(0, 40_000 - soFar));
          // Paying exactly the headroom never goes over.
          const exact = benefitsHeadroom({
            benefits: uc,
            limits,
            vouchersCountAsEarnings: true,
            proposal: { amountPence: line.headroomPence!, on: '2026-11-25', method: 'bank-transfer' },
            earnedSoFar: { 'universal-credit': soFar },
          });
          assert.equal(exact.lines[0]!.wouldGoOver, false);
        },
      ),
    );
  });
});

describe('the part staff are offered to pay when a payment would go over a limit', () => {
  const line = (kind: BenefitLine['kind'], headroomPence: number | null, wouldGoOver: boolean): BenefitLine => ({
    kind,
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    earnedSoFarPence: 0,
    earnedWithPaymentPence: 0,
    limitPence: headroomPence,
    headroomPence,
    alreadyOver: false,
    wouldGoOver,
  });
  const cases: Array<[string, Parameters<typeof suggestedPart>[0], number | null]> = [
    ['no check at all (no consent, or no benefits)', null, null],
    ['nothing would go over', { anyOver: false, lines: [line('universal-credit', 5000, false)] }, null],
    ['one limit would be passed: the room left under it', { anyOver: true, lines: [line('universal-credit', 4100, true)] }, 4100],
    [
      'two would be passed: the smaller room, so both stay within',
      { anyOver: true, lines: [line('universal-credit', 4100, true), line('esa-permitted-work', 2000, true)] },
      2000,
    ],
    [
      'a limit not passed does not count',
      { anyOver: true, lines: [line('universal-credit', 100, false), line('esa-permitted-work', 2000, true)] },
      2000,
    ],
    ['already at the limit: nothing more', { anyOver: true, lines: [line('universal-credit', 0, true)] }, 0],
    ['over, but no limit says how much room: no suggestion', { anyOver: true, lines: [line('universal-credit', null, true)] }, null],
  ];
  for (const [name, check, expected] of cases) test(name, () => assert.equal(suggestedPart(check), expected));
});
