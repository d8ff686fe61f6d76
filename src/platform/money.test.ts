import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatMoney, maxPence, moneyForInput, parseMoney } from './money.ts';

// S2: every payment is in whole pence, and people type amounts the way they write them.
describe('parseMoney', () => {
  const good: Array<[string, number]> = [
    ['12', 1200],
    ['12.50', 1250],
    ['12.5', 1250],
    ['£12.50', 1250],
    ['£ 12.50', 1250],
    ['  £12.50  ', 1250],
    ['0', 0],
    ['0.01', 1],
    ['£0.45', 45],
    ['0.50', 50],
    ['1000.00', 100_000],
    ['007', 700],
    ['1000000', 100_000_000],
  ];
  for (const [text, pence] of good) {
    test(`"${text}" is ${pence} pence`, () => assert.deepEqual(parseMoney(text), { ok: true, pence }));
  }

  const bad: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['£', 'not-money'],
    ['£ ', 'not-money'],
    ['12.345', 'too-precise'],
    ['12.340', 'too-precise'],
    ['-1', 'negative'],
    ['-£1', 'negative'],
    ['£-1', 'negative'],
    ['1,000.00', 'commas'],
    ['1,000', 'commas'],
    ['12,50', 'commas'],
    ['abc', 'not-money'],
    ['12.', 'not-money'],
    ['.50', 'not-money'],
    ['12.50p', 'not-money'],
    ['1e3', 'not-money'],
    ['0x10', 'not-money'],
    ['12 50', 'not-money'],
    ['£12.50£', 'not-money'],
    ['$12', 'not-money'],
    ['１２', 'not-money'],
    ['1000000.01', 'too-large'],
    ['99999999999999999999', 'too-large'],
  ];
  for (const [text, problem] of bad) {
    test(`"${text}" is refused: ${problem}`, () => assert.deepEqual(parseMoney(text), { ok: false, problem }));
  }

  test('a smaller ceiling can be asked for', () => {
    assert.deepEqual(parseMoney('5.00', 500), { ok: true, pence: 500 });
    assert.deepEqual(parseMoney('5.01', 500), { ok: false, problem: 'too-large' });
  });
});

describe('formatMoney and moneyForInput', () => {
  const cases: Array<[number, string, string]> = [
    [0, '£0.00', '0.00'],
    [1, '£0.01', '0.01'],
    [45, '£0.45', '0.45'],
    [1250, '£12.50', '12.50'],
    [100_000, '£1,000.00', '1000.00'],
    [123_456_789, '£1,234,567.89', '1234567.89'],
  ];
  for (const [pence, shown, typed] of cases) {
    test(`${pence} pence reads "${shown}" and goes back into a form as "${typed}"`, () => {
      assert.equal(formatMoney(pence), shown);
      assert.equal(moneyForInput(pence), typed);
    });
  }

  test('a refund reads with a minus sign', () => assert.equal(formatMoney(-1250), '-£12.50'));
  test('nothing saved goes back as an empty box', () => {
    assert.equal(moneyForInput(null), '');
    assert.equal(moneyForInput(undefined), '');
  });
  test('part pence and negative form amounts are mistakes in code, not in input', () => {
    assert.throws(() => formatMoney(12.5), RangeError);
    assert.throws(() => formatMoney(Number.NaN), RangeError);
    assert.throws(() => moneyForInput(-1), RangeError);
  });

  test('property: what a form shows reads back as the same pence, with or without the pound sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxPence }), (pence) => {
        assert.deepEqual(parseMoney(moneyForInput(pence)), { ok: true, pence });
        assert.deepEqual(parseMoney(`£${moneyForInput(pence)}`), { ok: true, pence });
      }),
    );
  });

  test('property: any parsed amount is whole pence between 0 and the ceiling', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        const r = parseMoney(text);
        if (r.ok) assert.ok(Number.isSafeInteger(r.pence) && r.pence >= 0 && r.pence <= maxPence);
      }),
    );
  });
});
