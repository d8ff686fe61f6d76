import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { rankWithTies, seededOrder } from './ordering.ts';

describe('seeded order: a tie-break anyone can re-run', () => {
  test('the same seed always gives the same order', () =>
    assert.deepEqual(seededOrder('proposal-1', ['a', 'b', 'c', 'd']), seededOrder('proposal-1', ['a', 'b', 'c', 'd'])));
  test('the order does not depend on the order ids are given in', () =>
    assert.deepEqual(seededOrder('p', ['d', 'c', 'b', 'a']), seededOrder('p', ['a', 'b', 'c', 'd'])));
  test('different seeds can give different orders', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const orders = new Set(['p1', 'p2', 'p3', 'p4', 'p5'].map((s) => seededOrder(s, ids).join()));
    assert.ok(orders.size > 1);
  });
  test('property: a permutation of the ids, the same for any input order', () => {
    fc.assert(
      fc.property(fc.string(), fc.uniqueArray(fc.string()), fc.nat(), (seed, ids, k) => {
        const order = seededOrder(seed, ids);
        assert.deepEqual([...order].sort(), [...ids].sort());
        const rotated = ids.length ? [...ids.slice(k % ids.length), ...ids.slice(0, k % ids.length)] : ids;
        assert.deepEqual(seededOrder(seed, rotated), order);
      }),
    );
  });
});

describe('ranks with ties', () => {
  const cases: Array<[string, Array<[string, number]>, Array<[string, number, boolean]>]> = [
    ['nothing to rank', [], []],
    [
      'distinct scores, highest first',
      [
        ['a', 1],
        ['b', 3],
        ['c', 2],
      ],
      [
        ['b', 1, false],
        ['c', 2, false],
        ['a', 3, false],
      ],
    ],
    [
      'joint first, next is third',
      [
        ['a', 5],
        ['b', 5],
        ['c', 1],
      ],
      [
        ['a', 1, true],
        ['b', 1, true],
        ['c', 3, false],
      ],
    ],
    [
      'ties keep the given order',
      [
        ['z', 2],
        ['y', 4],
        ['x', 2],
      ],
      [
        ['y', 1, false],
        ['z', 2, true],
        ['x', 2, true],
      ],
    ],
    [
      'all equal',
      [
        ['a', 0],
        ['b', 0],
      ],
      [
        ['a', 1, true],
        ['b', 1, true],
      ],
    ],
  ];
  for (const [name, items, expected] of cases) {
    test(name, () =>
      assert.deepEqual(
        rankWithTies(items, ([, s]) => s).map((r) => [r.item[0], r.rank, r.sharedRank]),
        expected,
      ),
    );
  }
  test('property: a rank is one more than the number of items scoring strictly higher', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (scores) => {
        for (const r of rankWithTies(scores, (s) => s)) assert.equal(r.rank, 1 + scores.filter((s) => s > r.item).length);
      }),
    );
  });
});
