import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countScores, type ScoreSheet, type ScoringSettings } from './scoring.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const options = ['north', 'south'];
const settings: ScoringSettings = {
  criteria: [
    { id: 'quality', weight: 2 },
    { id: 'cost', weight: 1 },
  ],
  scale: { min: 0, max: 5 },
};
const sheet = (voterId: string, scores: ScoreSheet['scores']): ScoreSheet => ({ voterId, scores });
// Amy draws on care and support, Bob commissions, Cy is a carer: the function is never told.
const panel = [
  sheet('amy', { north: { quality: 4, cost: 3 }, south: { quality: 2, cost: 5 } }),
  sheet('bob', { north: { quality: 1, cost: 1 }, south: { quality: 5, cost: 5 } }),
  sheet('cy', { north: { quality: 3, cost: 2 }, south: { quality: 3, cost: 4 } }),
];

describe('P7 co-produced commissioning: scoring against weighted criteria, principle of equality', () => {
  test("S4: every member's weighted totals are shown openly, by voter", () => {
    assert.deepEqual(countScores(options, panel, settings).members, [
      {
        voterId: 'amy',
        totals: [
          { option: 'north', total: 11 },
          { option: 'south', total: 9 },
        ],
      },
      {
        voterId: 'bob',
        totals: [
          { option: 'north', total: 3 },
          { option: 'south', total: 15 },
        ],
      },
      {
        voterId: 'cy',
        totals: [
          { option: 'north', total: 8 },
          { option: 'south', total: 10 },
        ],
      },
    ]);
  });
  test("the result is the plain mean of members' totals: a commissioner counts the same as anyone", () => {
    const r = countScores(options, panel, settings);
    assert.deepEqual(
      r.options.map((o) => [o.option, o.scoredBy, o.meanTotal, o.moderatedTotal, o.rank]),
      [
        ['north', 3, 22 / 3, 22 / 3, 2],
        ['south', 3, 34 / 3, 34 / 3, 1],
      ],
    );
    assert.deepEqual(r.options[0]!.criteria, [
      { criterion: 'quality', weight: 2, mean: 8 / 3, agreed: null },
      { criterion: 'cost', weight: 1, mean: 2, agreed: null },
    ]);
    assert.equal(r.maxTotal, 15);
  });
  test('an agreed moderated score replaces the mean for that criterion only, and both are shown', () => {
    const r = countScores(options, panel, { ...settings, agreed: { north: { quality: 5 } } });
    const north = r.options[0]!;
    assert.deepEqual(north.criteria[0], { criterion: 'quality', weight: 2, mean: 8 / 3, agreed: 5 });
    assert.deepEqual([north.meanTotal, north.moderatedTotal], [22 / 3, 12]);
    assert.deepEqual(
      r.options.map((o) => o.rank),
      [1, 2],
    );
  });
  test('a member who did not score an option is left out of its mean, and it is reported', () => {
    const r = countScores(
      options,
      [...panel.slice(0, 2), sheet('cy', { north: { quality: 3, cost: 2 }, south: { quality: 3 } })],
      settings,
    );
    assert.deepEqual(r.missing, [{ voterId: 'cy', option: 'south', criteria: ['cost'] }]);
    assert.deepEqual([r.options[1]!.scoredBy, r.options[1]!.meanTotal], [2, 12]);
    assert.equal(r.members[2]!.totals[1]!.total, null);
  });
  test('nobody scored an option: no mean and no rank, unless the panel agreed every criterion', () => {
    const r = countScores(options, [sheet('amy', { north: { quality: 1, cost: 1 } })], settings);
    assert.deepEqual([r.options[1]!.meanTotal, r.options[1]!.moderatedTotal, r.options[1]!.rank], [null, null, null]);
    const agreed = countScores(options, [sheet('amy', { north: { quality: 1, cost: 1 } })], {
      ...settings,
      agreed: { south: { quality: 2, cost: 2 } },
    });
    assert.deepEqual([agreed.options[1]!.meanTotal, agreed.options[1]!.moderatedTotal, agreed.options[1]!.rank], [null, 6, 1]);
  });
  test('no sheets: no members, nothing missing, no means', () => {
    const r = countScores(options, [], settings);
    assert.deepEqual([r.valid, r.members, r.missing, r.options.map((o) => o.meanTotal)], [0, [], [], [null, null]]);
  });
  test('equal totals share a rank', () => {
    const r = countScores(options, [sheet('a', { north: { quality: 2, cost: 1 }, south: { quality: 1, cost: 3 } })], settings);
    assert.deepEqual(
      r.options.map((o) => [o.rank, o.sharedRank]),
      [
        [1, true],
        [1, true],
      ],
    );
  });
  const invalidCases: Array<[string, ScoreSheet['scores'], string]> = [
    ['a score above the scale', { north: { quality: 6 } }, 'score-not-on-scale'],
    ['a score below the scale', { north: { quality: -1 } }, 'score-not-on-scale'],
    ['half a point', { north: { quality: 2.5 } }, 'score-not-on-scale'],
    ['an option not on the list', { east: { quality: 2 } }, 'unknown-option'],
    ['a criterion not on the list', { north: { taste: 2 } }, 'unknown-criterion'],
    ['a key every object has', { constructor: { quality: 2 } }, 'unknown-option'],
  ];
  for (const [name, scores, reason] of invalidCases) {
    test(`a sheet with ${name} is reported and not counted`, () => {
      const r = countScores(options, [sheet('x', scores), panel[0]!], settings);
      assert.deepEqual([r.invalid, r.valid], [[{ voterId: 'x', reason }], 1]);
    });
  }
  test('wrong settings throw: no criteria, a weight of 0 or 1.5, a reversed scale, an agreed score off the scale, repeated criteria', () => {
    assert.throws(() => countScores(options, [], { ...settings, criteria: [] }), RangeError);
    assert.throws(() => countScores(options, [], { ...settings, criteria: [{ id: 'q', weight: 0 }] }), RangeError);
    assert.throws(() => countScores(options, [], { ...settings, criteria: [{ id: 'q', weight: 1.5 }] }), RangeError);
    assert.throws(() => countScores(options, [], { ...settings, scale: { min: 5, max: 0 } }), RangeError);
    assert.throws(() => countScores(options, [], { ...settings, agreed: { north: { quality: 9 } } }), RangeError);
    assert.throws(() => countScores(options, [], { ...settings, agreed: { east: { quality: 1 } } }), RangeError);
    assert.throws(
      () =>
        countScores(options, [], {
          ...settings,
          criteria: [
            { id: 'q', weight: 1 },
            { id: 'q', weight: 2 },
          ],
        }),
      RangeError,
    );
  });
});

const scoreArb = fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constant(7) });
const byCriterionArb = fc.dictionary(fc.constantFrom('quality', 'cost'), scoreArb);
const scoresArb = fc.oneof(
  { weight: 20, arbitrary: fc.dictionary(fc.constantFrom('north', 'south'), byCriterionArb) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('east'), byCriterionArb) },
);
const sheetsArb = ballotsArb(fc.record({ scores: scoresArb }), 8);
const agreedArb = fc.dictionary(
  fc.constantFrom('north', 'south'),
  fc.dictionary(fc.constantFrom('quality', 'cost'), fc.integer({ min: 0, max: 5 })),
);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

describe('P7 scoring properties, principle of equality', () => {
  test("property: one member row per valid sheet, and each option's mean is the plain mean of the full totals", () => {
    fc.assert(
      fc.property(sheetsArb, (sheets) => {
        const r = countScores(options, sheets, settings);
        assert.equal(r.valid + r.invalid.length, sheets.length);
        assert.equal(r.members.length, r.valid);
        for (const [i, o] of r.options.entries()) {
          const totals = r.members.map((m) => m.totals[i]!.total).filter((t): t is number => t !== null);
          assert.equal(o.scoredBy, totals.length);
          assert.equal(o.meanTotal, mean(totals));
          assert.equal(o.moderatedTotal, o.meanTotal);
        }
        assert.equal(r.missing.length, r.valid * options.length - r.options.reduce((n, o) => n + o.scoredBy, 0));
      }),
    );
  });
  test("property: agreed scores replace only their own criterion's mean", () => {
    fc.assert(
      fc.property(sheetsArb, agreedArb, (sheets, agreed) => {
        const r = countScores(options, sheets, { ...settings, agreed });
        for (const o of r.options) {
          if (o.criteria.some((c) => c.mean === null && c.agreed === null)) assert.equal(o.moderatedTotal, null);
          else assert.ok(Math.abs(o.moderatedTotal! - o.criteria.reduce((n, c) => n + c.weight * (c.agreed ?? c.mean!), 0)) < 1e-9);
        }
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(sheetsArb), agreedArb, ({ ballots, reworked, rename }, agreed) => {
        const before = countScores(options, ballots, { ...settings, agreed });
        const after = countScores(options, reworked, { ...settings, agreed });
        assert.deepEqual(after.options, before.options);
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
        const renamed = (r: typeof before, ids: (id: string) => string) =>
          r.members.map((m) => JSON.stringify({ ...m, voterId: ids(m.voterId) })).sort();
        assert.deepEqual(
          renamed(after, (id) => id),
          renamed(before, (id) => rename.get(id)!),
        );
        assert.deepEqual(
          after.missing.map((m) => JSON.stringify(m)).sort(),
          before.missing.map((m) => JSON.stringify({ ...m, voterId: rename.get(m.voterId) })).sort(),
        );
      }),
    );
  });
});
