import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  balancesFrom,
  buildReversal,
  buildTransfer,
  canPay,
  isBalanced,
  lowestAllowed,
  maxTransferMinutes,
  sumOf,
  type AccountKind,
  type AccountState,
  type Entry,
  type Floor,
} from './ledger.ts';

const person = (id: string, balance: number): AccountState => ({ id, kind: 'person', balance });
const org: AccountState = { id: 'org', kind: 'organisation', balance: 0 };

describe('S2 reciprocity: building a transfer', () => {
  const cases: Array<[string, { from: AccountState; to: AccountState; minutes: number; floor: Floor }, Entry[] | string]> = [
    [
      'one hour from one person to another',
      { from: person('a', 60), to: person('b', 0), minutes: 60, floor: 0 },
      [
        { accountId: 'a', minutes: -60 },
        { accountId: 'b', minutes: 60 },
      ],
    ],
    [
      'exactly down to the floor is allowed',
      { from: person('a', 0), to: person('b', 0), minutes: 600, floor: -600 },
      [
        { accountId: 'a', minutes: -600 },
        { accountId: 'b', minutes: 600 },
      ],
    ],
    ['one minute past the floor is refused', { from: person('a', 0), to: person('b', 0), minutes: 601, floor: -600 }, 'below-floor'],
    ['a floor of zero: only what was earned', { from: person('a', 30), to: person('b', 0), minutes: 31, floor: 0 }, 'below-floor'],
    [
      'no floor set: no limit',
      { from: person('a', -5000), to: person('b', 0), minutes: 60, floor: null },
      [
        { accountId: 'a', minutes: -60 },
        { accountId: 'b', minutes: 60 },
      ],
    ],
    [
      'the organisation may go below zero whatever the floor',
      { from: { ...org, balance: -100_000 }, to: person('b', 0), minutes: 120, floor: 0 },
      [
        { accountId: 'org', minutes: -120 },
        { accountId: 'b', minutes: 120 },
      ],
    ],
    [
      'a partner never goes below zero',
      { from: { id: 'p', kind: 'partner', balance: 30 }, to: person('b', 0), minutes: 31, floor: null },
      'below-floor',
    ],
    ['zero minutes', { from: person('a', 60), to: person('b', 0), minutes: 0, floor: null }, 'not-whole-minutes'],
    [
      'negative minutes cannot pull credits the other way',
      { from: person('a', 0), to: person('b', 60), minutes: -60, floor: null },
      'not-whole-minutes',
    ],
    ['part of a minute', { from: person('a', 60), to: person('b', 0), minutes: 1.5, floor: null }, 'not-whole-minutes'],
    ['not a number', { from: person('a', 60), to: person('b', 0), minutes: Number.NaN, floor: null }, 'not-whole-minutes'],
    [
      'more than a thousand hours at once',
      { from: org, to: person('b', 0), minutes: maxTransferMinutes + 1, floor: null },
      'too-many-minutes',
    ],
    ['to the same account', { from: person('a', 60), to: person('a', 60), minutes: 10, floor: null }, 'same-account'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const result = buildTransfer(input);
      if (typeof expected === 'string') assert.deepEqual(result, { ok: false, refusal: expected });
      else assert.deepEqual(result, { ok: true, value: expected });
    });
  }

  test('lowest allowed balance by kind of account', () => {
    assert.equal(lowestAllowed('organisation', 0), -Infinity);
    assert.equal(lowestAllowed('partner', -600), 0);
    assert.equal(lowestAllowed('person', -600), -600);
    assert.equal(lowestAllowed('person', null), -Infinity);
    assert.equal(canPay(person('a', -600), 0, -600), true);
  });
});

describe('S2 reciprocity: reversing a transaction', () => {
  const entries = [
    { accountId: 'a', minutes: -90 },
    { accountId: 'b', minutes: 90 },
  ];
  test('a reversal is the same entries the other way round', () => {
    assert.deepEqual(buildReversal({ kind: 'exchange', entries, alreadyReversed: false }), {
      ok: true,
      value: [
        { accountId: 'a', minutes: 90 },
        { accountId: 'b', minutes: -90 },
      ],
    });
  });
  test('reversing twice is refused', () =>
    assert.deepEqual(buildReversal({ kind: 'exchange', entries, alreadyReversed: true }), { ok: false, refusal: 'already-reversed' }));
  test('a reversal cannot itself be reversed', () =>
    assert.deepEqual(buildReversal({ kind: 'reversal', entries, alreadyReversed: false }), { ok: false, refusal: 'is-reversal' }));
  test('a transaction that does not add up is not reversed', () => {
    assert.deepEqual(buildReversal({ kind: 'credit', entries: [{ accountId: 'a', minutes: 5 }], alreadyReversed: false }), {
      ok: false,
      refusal: 'unbalanced',
    });
  });
  test('a reversal is not held back by the floor: mistakes can always be put right', () => {
    // b spent the credit already; undoing it takes b below any floor, by design.
    assert.equal(buildReversal({ kind: 'attendance', entries, alreadyReversed: false }).ok, true);
  });
});

describe('S2 reciprocity: balances', () => {
  test('a balance is the sum of its entries', () => {
    const b = balancesFrom([
      { accountId: 'a', minutes: -30 },
      { accountId: 'b', minutes: 30 },
      { accountId: 'a', minutes: 45 },
      { accountId: 'c', minutes: -45 },
    ]);
    assert.deepEqual([...b].sort(), [
      ['a', 15],
      ['b', 30],
      ['c', -45],
    ]);
  });
  test('balanced means two or more whole, non-zero entries adding up to zero', () => {
    assert.equal(
      isBalanced([
        { accountId: 'a', minutes: -1 },
        { accountId: 'b', minutes: 1 },
      ]),
      true,
    );
    assert.equal(
      isBalanced([
        { accountId: 'a', minutes: 0 },
        { accountId: 'b', minutes: 0 },
      ]),
      false,
    );
    assert.equal(
      isBalanced([
        { accountId: 'a', minutes: -2 },
        { accountId: 'b', minutes: 1 },
      ]),
      false,
    );
    assert.equal(isBalanced([]), false);
  });
});

// A model ledger driven only by the pure rules: any run of transfers and reversals.
type Op = { type: 'transfer'; from: number; to: number; minutes: number } | { type: 'reverse'; index: number };
const kinds: AccountKind[] = ['organisation', 'person', 'person', 'person', 'partner'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('transfer' as const),
      from: fc.nat(kinds.length - 1),
      to: fc.nat(kinds.length - 1),
      minutes: fc.integer({ min: -30, max: 900 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reverse' as const), index: fc.nat(60) }) },
);
const floorArb = fc.oneof(fc.constant(null), fc.integer({ min: -1200, max: 0 }));

function run(ops: Op[], floor: Floor) {
  const transactions: Array<{ kind: string; entries: Entry[]; reversed: boolean }> = [];
  const all: Entry[] = [];
  const running = new Map<string, number>();
  const breaches: string[] = [];
  let refusedReversals = 0;
  for (const op of ops) {
    if (op.type === 'transfer') {
      const account = (i: number): AccountState => ({ id: `acc${i}`, kind: kinds[i]!, balance: running.get(`acc${i}`) ?? 0 });
      const from = account(op.from);
      const result = buildTransfer({ from, to: account(op.to), minutes: op.minutes, floor });
      if (!result.ok) continue;
      for (const e of result.value) running.set(e.accountId, (running.get(e.accountId) ?? 0) + e.minutes);
      if ((running.get(from.id) ?? 0) < lowestAllowed(from.kind, floor)) breaches.push(`${from.id} went below its floor`);
      transactions.push({ kind: 'exchange', entries: result.value, reversed: false });
      all.push(...result.value);
    } else {
      const original = transactions[op.index];
      if (!original) continue;
      const result = buildReversal({ kind: original.kind, entries: original.entries, alreadyReversed: original.reversed });
      if (!result.ok) {
        refusedReversals++;
        continue;
      }
      original.reversed = true;
      for (const e of result.value) running.set(e.accountId, (running.get(e.accountId) ?? 0) + e.minutes);
      transactions.push({ kind: 'reversal', entries: result.value, reversed: false });
      all.push(...result.value);
    }
  }
  return { transactions, all, running, breaches, refusedReversals };
}

describe('S2 reciprocity: properties of any run of transfers and reversals', () => {
  test('every transaction and the whole ledger add up to zero', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), floorArb, (ops, floor) => {
        const { transactions, all } = run(ops, floor);
        for (const tx of transactions) assert.equal(isBalanced(tx.entries), true);
        assert.equal(sumOf(all), 0);
        assert.equal(sumOf([...balancesFrom(all).values()].map((minutes) => ({ minutes }))), 0);
      }),
    );
  });

  test('every balance equals the sum of its own entries', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), floorArb, (ops, floor) => {
        const { all, running } = run(ops, floor);
        const fromEntries = balancesFrom(all);
        for (const [id, balance] of running) assert.equal(fromEntries.get(id) ?? 0, balance, id);
        for (const [id, balance] of fromEntries) assert.equal(sumOf(all.filter((e) => e.accountId === id)), balance);
      }),
    );
  });

  test('no transfer ever takes an account below its floor', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 80 }), floorArb, (ops, floor) => assert.deepEqual(run(ops, floor).breaches, [])));
  });

  test('a transaction can be reversed once only, and a reversal never', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), floorArb, (ops, floor) => {
        const { transactions } = run(ops, floor);
        for (const tx of transactions) {
          const again = buildReversal({ kind: tx.kind, entries: tx.entries, alreadyReversed: tx.reversed });
          if (tx.kind === 'reversal') assert.deepEqual(again, { ok: false, refusal: 'is-reversal' });
          else if (tx.reversed) assert.deepEqual(again, { ok: false, refusal: 'already-reversed' });
          else assert.equal(again.ok, true);
        }
      }),
    );
  });

  test('reversing puts every balance back as if the transfer never happened', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 20 }), (amounts) => {
        const entries = amounts.flatMap((m, i) =>
          buildTransfer({ from: { ...org }, to: person(`p${i % 3}`, 0), minutes: m, floor: null }).ok
            ? [
                { accountId: 'org', minutes: -m },
                { accountId: `p${i % 3}`, minutes: m },
              ]
            : [],
        );
        const undo = buildReversal({ kind: 'credit', entries, alreadyReversed: false });
        assert.ok(undo.ok, 'the credits can be undone');
        for (const balance of balancesFrom([...entries, ...undo.value]).values()) assert.equal(balance, 0);
      }),
    );
  });
});
