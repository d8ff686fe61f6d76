import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { seededOrder } from './ordering.ts';
import {
  fundByAllocation,
  fundByApproval,
  type AllocationBallot,
  type ApprovalBallot,
  type BudgetOption,
  type BudgetResult,
} from './participatory-budget.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const approvals = (...lists: string[][]): ApprovalBallot[] => lists.map((approve, i) => ({ voterId: `v${i}`, approve }));
const lines = (r: BudgetResult) => r.lines.map((l) => [l.option, l.support, l.outcome, l.leftWhenReached]);
const seed = 'proposal-7';
// Costs in pence: £80, £50, £20.
const options: BudgetOption[] = [
  { id: 'garden', cost: 8000 },
  { id: 'minibus', cost: 5000 },
  { id: 'cafe', cost: 2000 },
];

describe('participatory budget by approval, principle of equality: one approval per person per option', () => {
  const cases: Array<[string, number, ApprovalBallot[], unknown[], number]> = [
    [
      'S4: each outcome is shown with why: funded in order of support, skipping what does not fit and carrying on with cheaper ones',
      10000,
      approvals(['garden', 'minibus', 'cafe'], ['garden', 'minibus'], ['garden']),
      [
        ['garden', 3, 'funded', 10000],
        ['minibus', 2, 'did-not-fit', 2000],
        ['cafe', 1, 'funded', 2000],
      ],
      0,
    ],
    [
      'everything fits',
      20000,
      approvals(['garden', 'minibus', 'cafe']),
      [
        ['cafe', 1, 'funded', 20000],
        ['minibus', 1, 'funded', 18000],
        ['garden', 1, 'funded', 13000],
      ],
      5000,
    ],
    [
      'no votes: nothing funded, all money left',
      20000,
      [],
      [
        ['cafe', 0, 'no-support', 20000],
        ['minibus', 0, 'no-support', 20000],
        ['garden', 0, 'no-support', 20000],
      ],
      20000,
    ],
    [
      'budget 0: supported options did not fit',
      0,
      approvals(['cafe'], ['minibus']),
      [
        ['cafe', 1, 'did-not-fit', 0],
        ['minibus', 1, 'did-not-fit', 0],
        ['garden', 0, 'no-support', 0],
      ],
      0,
    ],
    [
      'an option costing more than the whole budget never fits, the rest still can',
      6000,
      approvals(['garden', 'cafe'], ['garden']),
      [
        ['garden', 2, 'did-not-fit', 6000],
        ['cafe', 1, 'funded', 6000],
        ['minibus', 0, 'no-support', 4000],
      ],
      4000,
    ],
    [
      'equal support: the cheaper option goes first, so the money reaches more',
      8000,
      approvals(['garden', 'minibus']),
      [
        ['minibus', 1, 'funded', 8000],
        ['garden', 1, 'did-not-fit', 3000],
        ['cafe', 0, 'no-support', 3000],
      ],
      3000,
    ],
    [
      'an unsupported option is never funded, even with money left',
      100000,
      approvals(['cafe']),
      [
        ['cafe', 1, 'funded', 100000],
        ['minibus', 0, 'no-support', 98000],
        ['garden', 0, 'no-support', 98000],
      ],
      98000,
    ],
  ];
  for (const [name, budget, ballots, expected, left] of cases) {
    test(name, () => {
      const r = fundByApproval(options, ballots, { budget, seed });
      assert.deepEqual(lines(r), expected);
      assert.deepEqual(
        [r.left, r.spent, r.funded],
        [left, budget - left, r.lines.filter((l) => l.outcome === 'funded').map((l) => l.option)],
      );
    });
  }
  test("equal support and equal cost: the caller's seeded order decides", () => {
    const twins: BudgetOption[] = [
      { id: 'a', cost: 500 },
      { id: 'b', cost: 500 },
    ];
    const r = fundByApproval(twins, approvals(['a', 'b']), { budget: 500, seed });
    const first = seededOrder(seed, ['a', 'b'])[0]!;
    assert.deepEqual(r.funded, [first]);
    assert.deepEqual(fundByApproval([...twins].reverse(), approvals(['b', 'a']), { budget: 500, seed }).funded, [first]);
  });
  test('invalid ballots are reported: an unknown option, an option twice, two ballots; approving nothing is fine', () => {
    const r = fundByApproval(
      options,
      [
        { voterId: 'a', approve: ['pool'] },
        { voterId: 'b', approve: ['cafe', 'cafe'] },
        { voterId: 'c', approve: ['cafe'] },
        { voterId: 'c', approve: [] },
        { voterId: 'd', approve: [] },
      ],
      { budget: 1, seed },
    );
    assert.deepEqual(
      r.invalid.map((i) => [i.voterId, i.reason]),
      [
        ['a', 'unknown-option'],
        ['b', 'duplicate-option'],
        ['c', 'more-than-one-ballot'],
        ['c', 'more-than-one-ballot'],
      ],
    );
    assert.equal(r.valid, 1);
  });
  test('wrong settings throw: a negative budget, a cost in fractions of a penny, repeated options', () => {
    assert.throws(() => fundByApproval(options, [], { budget: -1, seed }), RangeError);
    assert.throws(() => fundByApproval([{ id: 'a', cost: 10.5 }], [], { budget: 100, seed }), RangeError);
    assert.throws(
      () =>
        fundByApproval(
          [
            { id: 'a', cost: 1 },
            { id: 'a', cost: 2 },
          ],
          [],
          { budget: 100, seed },
        ),
      RangeError,
    );
    assert.throws(() => fundByAllocation(options, [], { budget: 100, seed, share: -5 }), RangeError);
  });
});

describe('participatory budget by allocation, principle of equality: everyone shares out the same amount', () => {
  const alloc = (voterId: string, allocate: Record<string, number>): AllocationBallot => ({ voterId, allocate });
  test('support is the money allocated; funded by the same rule', () => {
    const r = fundByAllocation(
      options,
      [alloc('a', { cafe: 3000 }), alloc('b', { garden: 2000, cafe: 1000 }), alloc('c', { minibus: 2500 })],
      { budget: 9000, seed, share: 3000 },
    );
    assert.deepEqual(lines(r), [
      ['cafe', 4000, 'funded', 9000],
      ['minibus', 2500, 'funded', 7000],
      ['garden', 2000, 'did-not-fit', 2000],
    ]);
  });
  const invalidCases: Array<[string, Record<string, number>, string]> = [
    ['more than their share', { cafe: 2000, garden: 1001 }, 'over-share'],
    ['a negative amount', { cafe: 3000, garden: -1 }, 'negative-amount'],
    ['part of a penny', { cafe: 0.5 }, 'not-whole-pence'],
    ['an option not on the list', { pool: 10 }, 'unknown-option'],
  ];
  for (const [name, allocate, reason] of invalidCases) {
    test(`an allocation of ${name} is reported and not counted`, () => {
      const r = fundByAllocation(options, [alloc('x', allocate)], { budget: 9000, seed, share: 3000 });
      assert.deepEqual([r.invalid, r.valid, r.funded], [[{ voterId: 'x', reason }], 0, []]);
    });
  }
});

const optionsArb = fc.tuple(...['a', 'b', 'c', 'd', 'e'].map((id) => fc.nat(3000).map((cost) => ({ id, cost }))));
const approvalsArb = ballotsArb(
  fc.record({
    approve: fc.oneof(
      { weight: 6, arbitrary: fc.subarray(['a', 'b', 'c', 'd', 'e']) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'b', 'z'), { maxLength: 3 }) },
    ),
  }),
);
const allocationsArb = ballotsArb(
  fc.record({ allocate: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: -10, max: 600 }), { maxKeys: 3 }) }),
);

function assertFair(r: BudgetResult) {
  assert.ok(r.spent <= r.budget, 'the funded total never exceeds the budget');
  assert.equal(
    r.spent,
    r.lines.filter((l) => l.outcome === 'funded').reduce((n, l) => n + l.cost, 0),
  );
  assert.equal(r.left, r.budget - r.spent);
  for (const [i, l] of r.lines.entries()) {
    assert.equal(l.outcome === 'no-support', l.support === 0, 'unfunded with support only when it did not fit');
    if (l.outcome === 'did-not-fit') assert.ok(l.cost > l.leftWhenReached);
    if (l.outcome === 'funded') assert.ok(l.cost <= l.leftWhenReached);
    const prev = r.lines[i - 1];
    if (prev)
      assert.ok(prev.support > l.support || (prev.support === l.support && prev.cost <= l.cost), 'ranked by support, then cheaper first');
  }
}

describe('participatory budget properties, principle of equality', () => {
  test('property (approval): within budget; unfunded with support means it did not fit when reached; support adds up', () => {
    fc.assert(
      fc.property(optionsArb, approvalsArb, fc.nat(8000), (opts, ballots, budget) => {
        const r = fundByApproval(opts, ballots, { budget, seed });
        assertFair(r);
        assert.equal(r.valid + r.invalid.length, ballots.length);
        const bad = new Set(r.invalid.map((i) => i.voterId));
        assert.equal(
          r.lines.reduce((n, l) => n + l.support, 0),
          ballots.filter((b) => !bad.has(b.voterId)).reduce((n, b) => n + b.approve.length, 0),
        );
      }),
    );
  });
  test('property (allocation): within budget; no valid ballot gives more than the share', () => {
    fc.assert(
      fc.property(optionsArb, allocationsArb, fc.nat(8000), (opts, ballots, budget) => {
        const r = fundByAllocation(opts, ballots, { budget, seed, share: 1000 });
        assertFair(r);
        assert.equal(r.valid + r.invalid.length, ballots.length);
        assert.ok(r.lines.reduce((n, l) => n + l.support, 0) <= r.valid * 1000);
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(optionsArb, withReworked(approvalsArb), fc.nat(8000), (opts, { ballots, reworked, rename }, budget) => {
        const before = fundByApproval(opts, ballots, { budget, seed });
        const after = fundByApproval(opts, reworked, { budget, seed });
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
    fc.assert(
      fc.property(optionsArb, withReworked(allocationsArb), (opts, { ballots, reworked, rename }) => {
        const before = fundByAllocation(opts, ballots, { budget: 5000, seed, share: 1000 });
        const after = fundByAllocation(opts, reworked, { budget: 5000, seed, share: 1000 });
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
  });
});
