import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  averageIfEnough,
  isSuppressed,
  nhsDigitalRule,
  protectLine,
  protectTable,
  roundToNearest,
  showCount,
  shownText,
  type Shown,
  type SmallNumberRule,
} from './small-numbers.ts';

// V4 and diversity: counts of people shared beyond a project never let anyone be picked out.
const c = (value: number): Shown => ({ kind: 'count', value });
const fewer: Shown = { kind: 'fewer', below: 8 };
const hidden: Shown = { kind: 'hidden' };

describe('the primary rule (NHS Digital by default)', () => {
  const cases: Array<[number, Shown]> = [
    [0, c(0)],
    [1, fewer],
    [2, fewer],
    [5, fewer],
    [7, fewer],
    [8, c(10)],
    [9, c(10)],
    [10, c(10)],
    [11, c(10)],
    [12, c(10)],
    [13, c(15)],
    [14, c(15)],
    [15, c(15)],
    [17, c(15)],
    [18, c(20)],
    [22, c(20)],
    [23, c(25)],
    [102, c(100)],
    [103, c(105)],
  ];
  for (const [n, expected] of cases)
    test(`${n} people show as ${JSON.stringify(expected)}`, () => assert.deepEqual(showCount(n), expected));

  test('every count from 1 to 7 is hidden, whatever else', () => {
    for (let n = 1; n <= 7; n++) assert.equal(showCount(n).kind, 'fewer');
  });

  test('a count is a whole number, 0 or more', () => {
    assert.throws(() => showCount(-1), RangeError);
    assert.throws(() => showCount(2.5), RangeError);
  });

  test('an organisation can choose other settings, or show exact counts', () => {
    const ten: SmallNumberRule = { hideBelow: 10, roundTo: 10 };
    assert.deepEqual(
      [showCount(9, ten), showCount(10, ten), showCount(14, ten), showCount(15, ten)],
      [{ kind: 'fewer', below: 10 }, c(10), c(10), c(20)],
    );
    const exact: SmallNumberRule = { hideBelow: 1, roundTo: 1 };
    for (const n of [0, 1, 3, 7, 13]) assert.deepEqual(showCount(n, exact), c(n));
    // Rounding to 10 with nothing hidden would show 4 people as 0: they are hidden instead.
    assert.deepEqual(
      [showCount(4, { hideBelow: 1, roundTo: 10 }), showCount(5, { hideBelow: 1, roundTo: 10 })],
      [{ kind: 'fewer', below: 5 }, c(10)],
    );
  });

  test('rounding goes half up and leaves multiples alone', () => {
    assert.deepEqual([roundToNearest(12, 5), roundToNearest(12.5, 5), roundToNearest(25, 5), roundToNearest(7, 1)], [10, 15, 25, 7]);
  });

  test('figures read as words', () => {
    const t = (key: string, vars?: Record<string, unknown>) => `${key}${vars ? JSON.stringify(vars) : ''}`;
    assert.equal(shownText(c(15), t), '15');
    assert.equal(shownText(fewer, t), 'impact:small.fewer{"below":8}');
    assert.equal(shownText(hidden, t), 'impact:small.hidden');
  });
});

describe('secondary suppression: totals never give a hidden figure away', () => {
  test('a line with nothing small adds up from the rounded figures', () => {
    assert.deepEqual(protectLine([12, 13, 20]), { cells: [c(10), c(15), c(20)], total: c(45) });
  });

  test('one small figure under a shown total: the next smallest is hidden too', () => {
    // 40 true, 40 shown: without more hiding, 40 - 15 - 20 would point at the 3.
    assert.deepEqual(protectLine([3, 15, 22]), { cells: [fewer, hidden, c(20)], total: c(40) });
  });

  test('two small figures already hide each other', () => {
    assert.deepEqual(protectLine([3, 4, 22]), { cells: [fewer, fewer, c(20)], total: c(30) });
  });

  test('nothing else to hide: the total is hidden instead', () => {
    assert.deepEqual(protectLine([3, 0, 0]), { cells: [fewer, c(0), c(0)], total: fewer });
    assert.deepEqual(protectLine([6, 0, 9]), { cells: [fewer, c(0), hidden], total: c(15) });
    assert.deepEqual(protectLine([5, 5, 0]), { cells: [fewer, fewer, c(0)], total: c(10) });
    assert.deepEqual(protectLine([5, 0], nhsDigitalRule, 12), { cells: [fewer, c(0)], total: hidden });
  });

  test('a total given apart from the cells (people with two perspectives) is protected the same way', () => {
    assert.deepEqual(protectLine([20, 2], nhsDigitalRule, 21), { cells: [hidden, fewer], total: c(20) });
  });

  test('hiding a cell for its row is checked again for its column', () => {
    const table = protectTable({
      cells: [
        [3, 15],
        [20, 30],
      ],
    });
    assert.deepEqual(table.cells, [
      [fewer, hidden],
      [hidden, hidden],
    ]);
    assert.deepEqual(table.rowTotals, [c(20), c(50)]);
    assert.deepEqual(table.columnTotals, [c(25), c(45)]);
    assert.deepEqual(table.grandTotal, c(70));
  });

  test('a table with nothing small is left alone and adds up', () => {
    const table = protectTable({
      cells: [
        [10, 20],
        [30, 40],
      ],
    });
    assert.deepEqual(table, {
      cells: [
        [c(10), c(20)],
        [c(30), c(40)],
      ],
      rowTotals: [c(30), c(70)],
      columnTotals: [c(40), c(60)],
      grandTotal: c(100),
    });
  });

  test('rows must be the same length; an empty table is empty', () => {
    assert.throws(() => protectTable({ cells: [[1, 2], [3]] }), RangeError);
    assert.deepEqual(protectTable({ cells: [] }).grandTotal, c(0));
  });

  const rules = fc.record({ hideBelow: fc.integer({ min: 1, max: 12 }), roundTo: fc.integer({ min: 1, max: 10 }) });
  const tables = fc
    .integer({ min: 1, max: 4 })
    .chain((columns) =>
      fc.array(fc.array(fc.nat({ max: 40 }), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 4 }),
    );

  test('property: no small count is ever shown, and shown counts are near the truth', () => {
    fc.assert(
      fc.property(tables, rules, (cells, rule) => {
        const table = protectTable({ cells }, rule);
        cells.forEach((row, r) =>
          row.forEach((n, col) => {
            const s = table.cells[r]![col]!;
            if (n > 0 && n < rule.hideBelow) assert.notEqual(s.kind, 'count');
            if (s.kind === 'count') {
              assert.equal(s.value % rule.roundTo, 0);
              assert.ok(Math.abs(s.value - n) <= rule.roundTo / 2);
              assert.equal(s.value === 0, n === 0);
            }
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  test('property: no shown total has exactly one suppressed figure under it, in any row, column or the totals', () => {
    fc.assert(
      fc.property(tables, rules, (cells, rule) => {
        const t = protectTable({ cells }, rule);
        const lines: Array<[Shown[], Shown]> = [
          ...t.cells.map((row, r): [Shown[], Shown] => [row, t.rowTotals[r]!]),
          ...t.columnTotals.map((total, col): [Shown[], Shown] => [t.cells.map((row) => row[col]!), total]),
          [t.rowTotals, t.grandTotal],
          [t.columnTotals, t.grandTotal],
        ];
        for (const [members, total] of lines) {
          if (total.kind === 'count') assert.notEqual(members.filter(isSuppressed).length, 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('property: no hidden figure can be worked out exactly by adding and taking away the figures of its table', () => {
    // An oracle apart from the code under test: a figure x is fixed by the sums exactly when
    // every solution of them has the same x, that is when taking x's column out of the
    // system lowers its rank by one (rank by Gaussian elimination over fractions).
    const rank = (m: bigint[][][]): number => {
      // Rows of fractions [numerator, denominator]; reduce to echelon form and count.
      const rowsF = m.map((row) => row.map(([n, d]) => [n, d] as [bigint, bigint]));
      let r = 0;
      const cols = rowsF[0]?.length ?? 0;
      for (let c = 0; c < cols && r < rowsF.length; c++) {
        const p = rowsF.findIndex((row, i) => i >= r && row[c]![0] !== 0n);
        if (p < 0) continue;
        [rowsF[r], rowsF[p]] = [rowsF[p]!, rowsF[r]!];
        for (let i = r + 1; i < rowsF.length; i++) {
          const [an, ad] = rowsF[i]![c]!;
          if (an === 0n) continue;
          const [pn, pd] = rowsF[r]![c]!;
          // row_i = row_i - (a/p) row_r, with fractions kept whole
          const fn = an * pd;
          const fd = ad * pn;
          rowsF[i] = rowsF[i]!.map(([xn, xd], j) => {
            const [yn, yd] = rowsF[r]![j]!;
            const n = xn * yd * fd - fn * yn * xd;
            const d = xd * yd * fd;
            return [n, d === 0n ? 1n : d] as [bigint, bigint];
          });
        }
        r++;
      }
      return r;
    };
    fc.assert(
      fc.property(tables, rules, (cells, rule) => {
        const t = protectTable({ cells }, rule);
        const rows = cells.length;
        const columns = cells[0]!.length;
        const shown = (r: number, c: number): Shown =>
          r < rows ? (c < columns ? t.cells[r]![c]! : t.rowTotals[r]!) : c < columns ? t.columnTotals[c]! : t.grandTotal;
        const unknown: Array<[number, number]> = [];
        for (let r = 0; r <= rows; r++) for (let c = 0; c <= columns; c++) if (isSuppressed(shown(r, c))) unknown.push([r, c]);
        if (unknown.length === 0) return;
        // Every row, column, the row totals and the column totals sum to their total.
        const lines: Array<Array<[number, number, bigint]>> = [];
        for (let r = 0; r < rows; r++)
          lines.push([...Array.from({ length: columns }, (_, c): [number, number, bigint] => [r, c, 1n]), [r, columns, -1n]]);
        for (let c = 0; c < columns; c++)
          lines.push([...Array.from({ length: rows }, (_, r): [number, number, bigint] => [r, c, 1n]), [rows, c, -1n]]);
        lines.push([...Array.from({ length: rows }, (_, r): [number, number, bigint] => [r, columns, 1n]), [rows, columns, -1n]]);
        lines.push([...Array.from({ length: columns }, (_, c): [number, number, bigint] => [rows, c, 1n]), [rows, columns, -1n]]);
        const matrix = (without: number) =>
          lines.map((line) =>
            unknown.flatMap(([r, c], i) =>
              i === without ? [] : [[line.find(([lr, lc]) => lr === r && lc === c)?.[2] ?? 0n, 1n] as [bigint, bigint]],
            ),
          );
        const full = rank(matrix(-1));
        unknown.forEach(([r, c], i) => {
          assert.notEqual(rank(matrix(i)) + 1, full, `the figure at row ${r}, column ${c} can be worked out: ${JSON.stringify(cells)}`);
        });
      }),
      { numRuns: 500 },
    );
  });

  test('two blocks of hidden figures joined by one: the joining figure is protected too', () => {
    // Rows 0-1 hide each other in columns 0-1; without more, sums over the whole table can
    // pin down a figure that every line alone leaves open.
    const t = protectTable({
      cells: [
        [3, 4, 50, 60],
        [5, 6, 70, 80],
        [40, 45, 2, 3],
        [55, 65, 4, 5],
      ],
    });
    const hiddenCells = t.cells.flat().filter(isSuppressed).length;
    assert.ok(hiddenCells >= 8, `hidden: ${hiddenCells}`);
  });

  test('property: a total over figures that are all shown is their sum', () => {
    fc.assert(
      fc.property(tables, rules, (cells, rule) => {
        const t = protectTable({ cells }, rule);
        t.cells.forEach((row, r) => {
          const total = t.rowTotals[r]!;
          if (total.kind === 'count' && row.every((s) => s.kind === 'count')) {
            assert.equal(
              total.value,
              row.reduce((a, s) => a + (s.kind === 'count' ? s.value : 0), 0),
            );
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  test('property: with exact counts (hide nothing, round to 1) nothing is hidden', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const t = protectTable({ cells }, { hideBelow: 1, roundTo: 1 });
        assert.deepEqual(
          t.cells,
          cells.map((row) => row.map(c)),
        );
      }),
    );
  });
});

describe('averages only for groups of 3 or more', () => {
  test('fewer than 3 answers: no average', () => {
    assert.equal(averageIfEnough([]), null);
    assert.equal(averageIfEnough([5]), null);
    assert.equal(averageIfEnough([4, 5]), null);
  });
  test('3 or more: the mean', () => {
    assert.equal(averageIfEnough([3, 4, 5]), 4);
    assert.equal(averageIfEnough([1, 2, 3, 4]), 2.5);
  });
  test('property: shown exactly when at least 3 answered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 8 }), (xs) =>
        assert.equal(averageIfEnough(xs) === null, xs.length < 3),
      ),
    );
  });
});
