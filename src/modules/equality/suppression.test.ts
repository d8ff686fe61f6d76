import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nhsDefault, protectCounts, protectTable } from './suppression.ts';

// Equality figures use the one small-number rule; this file only reads it as numbers.
test('counts by group: 1 to 7 hidden, the next smallest hidden with them, others rounded to 5', () => {
  assert.deepEqual(nhsDefault, { hideUpTo: 7, roundTo: 5 });
  assert.deepEqual(protectCounts([3, 41, 12, 0]), { cells: [null, 40, null, 0], total: 55 });
  assert.deepEqual(protectCounts([20, 30]), { cells: [20, 30], total: 50 });
});

test('a table of combinations keeps every hidden figure hidden from its totals', () => {
  const t = protectTable([
    [2, 30],
    [25, 40],
  ]);
  assert.equal(t.cells[0]![0], null);
  // Row 0 and column 0 each hide a second figure, so no total gives the 2 away.
  assert.equal(t.cells[0]!.filter((x) => x === null).length + (t.rowTotals[0] === null ? 1 : 0) >= 2, true);
  assert.equal(t.cells.map((r) => r[0]).filter((x) => x === null).length + (t.colTotals[0] === null ? 1 : 0) >= 2, true);
});
