// The small-number rule (V4, diversity): counts of people by perspective or characteristic
// in anything shared beyond a project are protected so nobody can be picked out.
// Default: NHS Digital's rule for published figures (HES/ECDS, from September 2018):
// 0 stays 0, 1 to 7 become "fewer than 8", every other count is rounded to the nearest 5.
// See docs/decisions/0008-small-numbers.md.

export type SmallNumberRule = {
  /** Counts from 1 up to (not including) this are shown as "fewer than hideBelow". 1 hides nothing. */
  hideBelow: number;
  /** Other counts are rounded to the nearest multiple of this. 1 leaves them as they are. */
  roundTo: number;
};

export const nhsDigitalRule: SmallNumberRule = { hideBelow: 8, roundTo: 5 };

/** The fewest people of a group whose average rating may be shown (everywhere, always). */
export const minimumForAverage = 3;

/**
 * What a reader sees for one count. 'fewer' is the primary suppression ("fewer than 8");
 * 'hidden' is secondary suppression: a figure hidden so a total cannot give a small one away.
 */
export type Shown = { kind: 'count'; value: number } | { kind: 'fewer'; below: number } | { kind: 'hidden' };

export const isSuppressed = (s: Shown) => s.kind !== 'count';

/** Half-way counts go up (13 -> 15 with 5), as people expect when rounding. */
export function roundToNearest(n: number, base: number): number {
  return base <= 1 ? n : Math.floor((n + base / 2) / base) * base;
}

/** The primary rule for one count of people. */
export function showCount(n: number, rule: SmallNumberRule = nhsDigitalRule): Shown {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('A count of people is a whole number, 0 or more');
  if (n === 0) return { kind: 'count', value: 0 };
  // A few people never round down to "0": a setting that would do that hides them instead.
  const below = Math.max(rule.hideBelow, Math.ceil(rule.roundTo / 2));
  if (n < below) return { kind: 'fewer', below };
  return { kind: 'count', value: roundToNearest(n, rule.roundTo) };
}

export type ProtectedTable = {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  grandTotal: Shown;
};

export type TableInput = {
  /** Rows of counts (e.g. one row per jigsaw piece, one column per perspective). */
  cells: number[][];
  /**
   * The true totals, when they are not the plain sums of the cells: someone with two
   * perspectives counts once in "everyone" but in both groups.
   */
  rowTotals?: number[];
  columnTotals?: number[];
  grandTotal?: number;
};

type Line = { members: Array<[number, number]>; total: ['row' | 'column' | 'grand', number] };

/**
 * Protects a table of counts: the primary rule on every cell; totals computed from the
 * rounded figures when nothing in the line is suppressed (so they add up), otherwise from
 * the true total under the same rule; then secondary suppression: wherever a shown total
 * has exactly one suppressed figure under it, the smallest other figure is hidden too, or,
 * with none left to hide, the total. Repeated until no line gives a figure away.
 */
export function protectTable(input: TableInput, rule: SmallNumberRule = nhsDigitalRule): ProtectedTable {
  const rows = input.cells.length;
  const columns = rows ? input.cells[0]!.length : 0;
  if (input.cells.some((r) => r.length !== columns)) throw new RangeError('Every row needs the same number of cells');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const trueRow = input.rowTotals ?? input.cells.map(sum);
  const trueColumn = input.columnTotals ?? Array.from({ length: columns }, (_, c) => sum(input.cells.map((r) => r[c]!)));
  const trueGrand = input.grandTotal ?? sum(trueRow);
  const additive = {
    row: !input.rowTotals,
    column: !input.columnTotals,
    grand: input.grandTotal === undefined && !input.rowTotals && !input.columnTotals,
  };

  const cells = input.cells.map((r) => r.map((n) => showCount(n, rule)));
  const rowTotals = trueRow.map((n) => showCount(n, rule));
  const columnTotals = trueColumn.map((n) => showCount(n, rule));
  const grand = [showCount(trueGrand, rule)];
  // Grid of everything, so lines can name their members: row totals sit in column `columns`,
  // column totals in row `rows`, the grand total at [rows][columns].
  const at = (r: number, c: number): Shown =>
    r < rows ? (c < columns ? cells[r]![c]! : rowTotals[r]!) : c < columns ? columnTotals[c]! : grand[0]!;
  const set = (r: number, c: number, s: Shown) => {
    if (r < rows && c < columns) cells[r]![c] = s;
    else if (r < rows) rowTotals[r] = s;
    else if (c < columns) columnTotals[c] = s;
    else grand[0] = s;
  };
  const trueAt = (r: number, c: number) =>
    r < rows ? (c < columns ? input.cells[r]![c]! : trueRow[r]!) : c < columns ? trueColumn[c]! : trueGrand;

  const lines: Line[] = [];
  for (let r = 0; r < rows; r++)
    lines.push({ members: Array.from({ length: columns }, (_, c): [number, number] => [r, c]), total: ['row', r] });
  for (let c = 0; c < columns; c++)
    lines.push({ members: Array.from({ length: rows }, (_, r): [number, number] => [r, c]), total: ['column', c] });
  if (rows && columns) {
    lines.push({ members: Array.from({ length: rows }, (_, r): [number, number] => [r, columns]), total: ['grand', 0] });
    lines.push({ members: Array.from({ length: columns }, (_, c): [number, number] => [rows, c]), total: ['grand', 0] });
  }
  const totalPos = (t: Line['total']): [number, number] =>
    t[0] === 'row' ? [t[1], columns] : t[0] === 'column' ? [rows, t[1]] : [rows, columns];

  // Totals that add up: when nothing under them is suppressed, the sum of what is shown.
  const addUp = () => {
    for (const line of lines) {
      if (!additive[line.total[0]]) continue;
      const [tr, tc] = totalPos(line.total);
      const shown = line.members.map(([r, c]) => at(r, c));
      if (at(tr, tc).kind === 'count' && shown.every((s) => s.kind === 'count')) {
        set(tr, tc, { kind: 'count', value: sum(shown.map((s) => (s.kind === 'count' ? s.value : 0))) });
      }
    }
  };
  addUp();

  // Hide the smallest shown non-zero figure of these lines (it costs the reader least);
  // failing that, when asked, a shown 0 of theirs, then the first shown total among them.
  // False when nothing is left to hide there.
  const hideAnotherIn = (among: Line[], zerosToo = false): boolean => {
    const shownIn = among.flatMap((line) => line.members).filter(([r, c]) => at(r, c).kind === 'count');
    const bySize = (a: [number, number], b: [number, number]) => trueAt(a[0], a[1]) - trueAt(b[0], b[1]);
    const pick =
      shownIn.filter(([r, c]) => trueAt(r, c) > 0).sort(bySize)[0] ??
      (zerosToo ? shownIn[0] : undefined) ??
      among.map((line) => totalPos(line.total)).find(([r, c]) => at(r, c).kind === 'count');
    if (!pick) return false;
    set(pick[0], pick[1], { kind: 'hidden' });
    return true;
  };

  // A line's sum is a fact a reader can use only where it holds: a total given apart from
  // its cells (people in two groups) is not their sum.
  const sums = lines.filter((line) => sum(line.members.map(([r, c]) => trueAt(r, c))) === trueAt(...totalPos(line.total)));
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        const [tr, tc] = totalPos(line.total);
        if (at(tr, tc).kind !== 'count') continue;
        const suppressed = line.members.filter(([r, c]) => isSuppressed(at(r, c)));
        if (suppressed.length !== 1) continue;
        changed = hideAnotherIn([line]) || changed;
      }
    }
    // Every line may now hide two or more, yet several lines' sums together can still pin a
    // figure down (two blocks of hidden figures joined by one). Work it out as a reader could.
    const unknown: Array<[number, number]> = [];
    for (let r = 0; r <= rows; r++) for (let c = 0; c <= columns; c++) if (rows && columns && isSuppressed(at(r, c))) unknown.push([r, c]);
    const revealed = revealedBySums(
      unknown,
      sums.map((line) => ({ plus: line.members, minus: [totalPos(line.total)] })),
    );
    if (revealed.length === 0) break;
    const through = ([vr, vc]: [number, number]) =>
      lines.filter((line) => line.members.some(([r, c]) => r === vr && c === vc) || totalPos(line.total).join() === `${vr},${vc}`);
    // Something beside a given-away figure, else anything still shown: with everything
    // hidden no sum gives anything away, so this always ends.
    if (!revealed.some((v) => hideAnotherIn(through(v), true)) && !hideAnotherIn(lines, true)) break;
  }
  return { cells, rowTotals, columnTotals, grandTotal: grand[0]! };
}

/**
 * Which unknown figures the sums of lines give away exactly. Each sum says: the figures in
 * `plus` add up to the one in `minus`. Reduced to row echelon form over the unknowns (the
 * known figures only move the right-hand side), an unknown is given away when its row
 * names no other unknown that is still free.
 */
export function revealedBySums(
  unknown: ReadonlyArray<readonly [number, number]>,
  equations: ReadonlyArray<{ plus: ReadonlyArray<readonly [number, number]>; minus: ReadonlyArray<readonly [number, number]> }>,
): Array<[number, number]> {
  const index = new Map(unknown.map(([r, c], i) => [`${r},${c}`, i]));
  const matrix = equations
    .map((eq) => {
      const row = new Array<number>(unknown.length).fill(0);
      for (const [r, c] of eq.plus) if (index.has(`${r},${c}`)) row[index.get(`${r},${c}`)!]! += 1;
      for (const [r, c] of eq.minus) if (index.has(`${r},${c}`)) row[index.get(`${r},${c}`)!]! -= 1;
      return row;
    })
    .filter((row) => row.some((x) => x !== 0));
  const pivots: number[] = [];
  let top = 0;
  for (let col = 0; col < unknown.length && top < matrix.length; col++) {
    const found = matrix.findIndex((row, i) => i >= top && Math.abs(row[col]!) > 1e-9);
    if (found < 0) continue;
    [matrix[top], matrix[found]] = [matrix[found]!, matrix[top]!];
    const lead = matrix[top]![col]!;
    matrix[top] = matrix[top]!.map((x) => x / lead);
    for (let i = 0; i < matrix.length; i++) {
      if (i === top || Math.abs(matrix[i]![col]!) < 1e-9) continue;
      const factor = matrix[i]![col]!;
      matrix[i] = matrix[i]!.map((x, j) => x - factor * matrix[top]![j]!);
    }
    pivots.push(col);
    top++;
  }
  const isPivot = new Set(pivots);
  return pivots.flatMap((col, i) =>
    matrix[i]!.every((x, j) => j === col || isPivot.has(j) || Math.abs(x) < 1e-9)
      ? [[unknown[col]![0], unknown[col]![1]] as [number, number]]
      : [],
  );
}

/** One line of counts with its total (a bar chart's bars), protected the same way. */
export function protectLine(
  counts: number[],
  rule: SmallNumberRule = nhsDigitalRule,
  trueTotal?: number,
): { cells: Shown[]; total: Shown } {
  const table = protectTable({ cells: [counts], ...(trueTotal === undefined ? {} : { rowTotals: [trueTotal] }) }, rule);
  return { cells: table.cells[0]!, total: table.rowTotals[0]! };
}

/** A group's average rating, only when at least 3 of them answered; otherwise null. */
export function averageIfEnough(ratings: readonly number[], minimum = minimumForAverage): number | null {
  if (ratings.length < minimum) return null;
  return ratings.reduce((a, b) => a + b, 0) / ratings.length;
}

/** A figure as words for pages, tables and the PDF: "0", "15", "fewer than 8", "not shown". */
export function shownText(s: Shown, t: (key: string, vars?: Record<string, unknown>) => string): string {
  if (s.kind === 'count') return String(s.value);
  if (s.kind === 'fewer') return t('impact:small.fewer', { below: s.below });
  return t('impact:small.hidden');
}

/** The number a chart draws for a shown figure: suppressed figures draw no bar. */
export const shownValue = (s: Shown): number | null => (s.kind === 'count' ? s.value : null);
