import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { representationGaps, type GapStatus } from './representation.ts';

const ab = ['a', 'b'];
const area = { a: 80, b: 20 };

describe('representation gaps: share against the area, more than chance and rounding', () => {
  const cases: Array<
    [
      string,
      { shown: Array<number | null>; answered: number | null; benchmark: Record<string, number> | null; hideUpTo?: number },
      { confidence: string; rows: Array<[string, number | null, number | null, number | null, GapStatus, number | null]> },
    ]
  > = [
    [
      'a clear gap: 5% against 20% of 200 people is under-represented by 15 points, about 30 people',
      { shown: [190, 10], answered: 200, benchmark: area },
      {
        confidence: 'fair',
        rows: [
          ['a', 95, 80, 15, 'over', null],
          ['b', 5, 20, -15, 'under', 30],
        ],
      },
    ],
    [
      'a small difference that chance and rounding could explain is in line',
      { shown: [165, 35], answered: 200, benchmark: area },
      {
        confidence: 'fair',
        rows: [
          ['a', 82.5, 80, 2.5, 'in-line', null],
          ['b', 17.5, 20, -2.5, 'in-line', null],
        ],
      },
    ],
    [
      'fewer than 20 answers: nothing compared, no shares at all',
      { shown: [10, null], answered: 15, benchmark: area },
      {
        confidence: 'too-small',
        rows: [
          ['a', null, 80, null, 'not-compared', null],
          ['b', null, 20, null, 'not-compared', null],
        ],
      },
    ],
    [
      'a hidden total: nothing compared',
      { shown: [null, null], answered: null, benchmark: area },
      {
        confidence: 'too-small',
        rows: [
          ['a', null, 80, null, 'not-compared', null],
          ['b', null, 20, null, 'not-compared', null],
        ],
      },
    ],
    [
      'a hidden cell stays hidden: no share is worked out for it',
      { shown: [null, 100], answered: 105, benchmark: area },
      {
        confidence: 'fair',
        rows: [
          ['a', null, 80, null, 'hidden', null],
          ['b', 95.2, 20, 75.2, 'over', null],
        ],
      },
    ],
    [
      'a hidden count that even at its most (7) is far below the area is under-represented, with no share given',
      { shown: [null, 195], answered: 200, benchmark: area, hideUpTo: 7 },
      {
        confidence: 'fair',
        rows: [
          ['a', null, 80, null, 'under', 153],
          ['b', 97.5, 20, 77.5, 'over', null],
        ],
      },
    ],
    [
      "a hidden count that could be as many as the area's share stays hidden",
      { shown: [null, 100], answered: 105, benchmark: { a: 5, b: 95 }, hideUpTo: 7 },
      {
        confidence: 'fair',
        rows: [
          ['a', null, 5, null, 'hidden', null],
          ['b', 95.2, 95, 0.2, 'in-line', null],
        ],
      },
    ],
    [
      'between 20 and 99 answers: compared, with a note that the numbers are small',
      { shown: [45, 5], answered: 50, benchmark: area },
      {
        confidence: 'low',
        rows: [
          ['a', 90, 80, 10, 'in-line', null],
          ['b', 10, 20, -10, 'in-line', null],
        ],
      },
    ],
    [
      'no benchmark: shares only',
      { shown: [150, 50], answered: 200, benchmark: null },
      {
        confidence: 'fair',
        rows: [
          ['a', 75, null, null, 'no-benchmark', null],
          ['b', 25, null, null, 'no-benchmark', null],
        ],
      },
    ],
    [
      'the area\'s "not answered" share is left out, the rest scaled to 100',
      { shown: [100, 100], answered: 200, benchmark: { a: 45, b: 45, 'prefer-not': 10 } },
      {
        confidence: 'fair',
        rows: [
          ['a', 50, 50, 0, 'in-line', null],
          ['b', 50, 50, 0, 'in-line', null],
        ],
      },
    ],
  ];
  for (const [name, given, expected] of cases) {
    test(name, () => {
      const result = representationGaps({ categories: ab, roundTo: 5, ...given });
      assert.equal(result.confidence, expected.confidence);
      assert.deepEqual(
        result.rows.map((r) => [r.category, r.sharePercent, r.benchmarkPercent, r.gapPoints, r.status, r.peopleShort]),
        expected.rows,
      );
    });
  }

  test('the margin widens for fewer people', () => {
    const margin = (answered: number) =>
      representationGaps({ categories: ab, shown: [answered / 2, answered / 2], answered, benchmark: area, roundTo: 5 }).rows[1]!
        .marginPoints!;
    assert.ok(margin(50) > margin(200));
    assert.ok(margin(200) > margin(2000));
  });
});

describe('representation gap properties', () => {
  const figures = fc.record({
    shown: fc.array(fc.option(fc.nat({ max: 500 }), { nil: null }), { minLength: 3, maxLength: 3 }),
    answered: fc.option(fc.nat({ max: 1500 }), { nil: null }),
    benchmark: fc.option(fc.tuple(fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.nat({ max: 100 })), { nil: null }),
  });
  const run = (f: { shown: Array<number | null>; answered: number | null; benchmark: [number, number, number] | null }) =>
    representationGaps({
      categories: ['x', 'y', 'z'],
      shown: f.shown,
      answered: f.answered,
      benchmark: f.benchmark ? { x: f.benchmark[0], y: f.benchmark[1], z: f.benchmark[2] } : null,
      roundTo: 5,
      hideUpTo: 7,
    });

  test('a hidden count never gets a share, and under 20 answers nothing gets one', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const result = run(f);
        result.rows.forEach((row, i) => {
          if (f.shown[i] === null) assert.equal(row.sharePercent, null);
          if (result.confidence === 'too-small') assert.equal(row.sharePercent, null);
        });
      }),
    );
  });

  test('"under" always means below the area by more than the margin, with people short; "over" above it', () => {
    fc.assert(
      fc.property(figures, (f) => {
        for (const row of run(f).rows) {
          if (row.status === 'under' && row.atMostPercent !== null) {
            assert.equal(row.shown, null);
            assert.ok(row.benchmarkPercent! - row.atMostPercent > row.marginPoints! - 0.1, 'even the most it could be is under');
            assert.ok(row.peopleShort! > 0);
          } else if (row.status === 'under') {
            assert.ok(row.gapPoints! < 0 && -row.gapPoints! >= row.marginPoints! - 0.1);
            assert.ok(row.peopleShort! > 0);
          }
          if (row.status === 'over') assert.ok(row.gapPoints! > 0);
          if (row.status !== 'under') assert.equal(row.peopleShort, null);
        }
      }),
    );
  });
});
