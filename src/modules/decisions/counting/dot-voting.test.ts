import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countDots, type DotBallot } from './dot-voting.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const options = ['garden', 'cafe', 'bus'];
const dots = (...spreads: Array<Record<string, number>>): DotBallot[] => spreads.map((d, i) => ({ voterId: `v${i}`, dots: d }));
const table = (r: ReturnType<typeof countDots>) => r.ranking.map((x) => [x.option, x.dots, x.rank, x.sharedRank]);

describe('dot voting, principle of equality: everyone has the same number of dots', () => {
  const cases: Array<[string, DotBallot[], unknown[]]> = [
    [
      'no ballots: every option shares first place with 0',
      [],
      [
        ['garden', 0, 1, true],
        ['cafe', 0, 1, true],
        ['bus', 0, 1, true],
      ],
    ],
    [
      'totals sorted, most first',
      dots({ bus: 2, cafe: 1 }, { bus: 1, garden: 2 }),
      [
        ['bus', 3, 1, false],
        ['garden', 2, 2, false],
        ['cafe', 1, 3, false],
      ],
    ],
    [
      'several dots on one option are allowed',
      dots({ cafe: 3 }),
      [
        ['cafe', 3, 1, false],
        ['garden', 0, 2, true],
        ['bus', 0, 2, true],
      ],
    ],
    [
      'ties share a rank and the next rank is skipped',
      dots({ garden: 2, cafe: 1 }, { cafe: 1, bus: 1 }),
      [
        ['garden', 2, 1, true],
        ['cafe', 2, 1, true],
        ['bus', 1, 3, false],
      ],
    ],
    [
      'using fewer dots than you have is fine',
      dots({ bus: 1 }, {}),
      [
        ['bus', 1, 1, false],
        ['garden', 0, 2, true],
        ['cafe', 0, 2, true],
      ],
    ],
    [
      'zero dots on an option is the same as leaving it out',
      dots({ bus: 0, cafe: 1 }),
      [
        ['cafe', 1, 1, false],
        ['garden', 0, 2, true],
        ['bus', 0, 2, true],
      ],
    ],
  ];
  for (const [name, ballots, expected] of cases)
    test(name, () => assert.deepEqual(table(countDots(options, ballots, { dotsEach: 3 })), expected));

  const invalidCases: Array<[string, Record<string, number>, string]> = [
    ['more dots than everyone has', { garden: 2, cafe: 2 }, 'too-many-dots'],
    ['a negative dot', { garden: 3, cafe: -1 }, 'negative-dots'],
    ['half a dot', { garden: 0.5 }, 'not-whole-dots'],
    ['not a number', { garden: Number.NaN }, 'not-whole-dots'],
    ['an option that is not on the list', { pool: 1 }, 'unknown-option'],
    ['a key that only exists on every object', { constructor: 1 }, 'unknown-option'],
  ];
  for (const [name, spread, reason] of invalidCases) {
    test(`invalid and reported, not trimmed: ${name}`, () => {
      const r = countDots(
        options,
        [
          { voterId: 'a', dots: spread },
          { voterId: 'b', dots: { bus: 1 } },
        ],
        { dotsEach: 3 },
      );
      assert.deepEqual([r.invalid, r.valid, r.dotsUsed], [[{ voterId: 'a', reason }], 1, 1]);
    });
  }
  test('two ballots from one person: both set aside', () => {
    const r = countDots(
      options,
      [
        { voterId: 'a', dots: { bus: 3 } },
        { voterId: 'a', dots: { bus: 3 } },
      ],
      { dotsEach: 3 },
    );
    assert.deepEqual([r.valid, r.dotsUsed, r.invalid.length], [0, 0, 2]);
  });
  test('wrong settings throw: no dots, fractional dots, repeated options', () => {
    assert.throws(() => countDots(options, [], { dotsEach: 0 }), RangeError);
    assert.throws(() => countDots(options, [], { dotsEach: 1.5 }), RangeError);
    assert.throws(() => countDots(['a', 'a'], [], { dotsEach: 3 }), RangeError);
  });
});

const dotArb = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 4) });
const spreadArb = fc.dictionary(fc.constantFrom('garden', 'cafe', 'bus', 'bus', 'pool'), dotArb, { maxKeys: 3 });
const dotBallotsArb = ballotsArb(fc.record({ dots: spreadArb }));

describe('dot voting properties, principle of equality', () => {
  test('property: the totals are exactly the dots on valid ballots, never more than dots each times valid ballots', () => {
    fc.assert(
      fc.property(dotBallotsArb, (ballots) => {
        const r = countDots(options, ballots, { dotsEach: 3 });
        assert.equal(r.valid + r.invalid.length, ballots.length);
        assert.equal(
          r.ranking.reduce((n, x) => n + x.dots, 0),
          r.dotsUsed,
        );
        assert.ok(r.dotsUsed <= r.valid * 3);
        const bad = new Set(r.invalid.map((i) => i.voterId));
        const expected = ballots
          .filter((b) => !bad.has(b.voterId))
          .reduce((n, b) => n + Object.values(b.dots).reduce((m, d) => m + d, 0), 0);
        assert.equal(r.dotsUsed, expected);
      }),
    );
  });
  test('property: ranks never go up as totals go down', () => {
    fc.assert(
      fc.property(dotBallotsArb, (ballots) => {
        const { ranking } = countDots(options, ballots, { dotsEach: 3 });
        for (let i = 1; i < ranking.length; i++) {
          assert.ok(ranking[i]!.dots <= ranking[i - 1]!.dots);
          assert.equal(ranking[i]!.rank === ranking[i - 1]!.rank, ranking[i]!.dots === ranking[i - 1]!.dots);
        }
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(dotBallotsArb), ({ ballots, reworked, rename }) => {
        const before = countDots(options, ballots, { dotsEach: 3 });
        const after = countDots(options, reworked, { dotsEach: 3 });
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
  });
});
