import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateLevel } from './level.ts';
import type { GroupAverage, PieceResult } from './scoring.ts';
import { jigsawPieces, type JigsawPiece } from './vocabulary.ts';

const group = (average: number | null): GroupAverage => ({ average, answered: average === null ? 1 : 5, dontKnow: 0 });
const none = group(null);
/** Pieces with the given lived experience and staff averages (null: fewer than 3 answered). */
function pieces(
  lived: number | null | Partial<Record<JigsawPiece, number | null>>,
  staff: number | null | Partial<Record<JigsawPiece, number | null>>,
): PieceResult[] {
  const pick = (v: typeof lived, p: JigsawPiece) => (v !== null && typeof v === 'object' ? (v[p] === undefined ? 4 : v[p]!) : v);
  return jigsawPieces.map((piece) => {
    const l = pick(lived, piece);
    const s = pick(staff, piece);
    const gap = l === null || s === null ? null : Math.round((s - l) * 10) / 10;
    return {
      piece,
      livedExperience: group(l),
      staff: group(s),
      everyone: none,
      byPerspective: { 'draws-on-care': none, carer: none, 'family-community': none, 'staff-partners': none },
      gap,
      flagged: false,
    };
  });
}
const kinds = (e: ReturnType<typeof estimateLevel>) => e.reasons.map((r) => r.kind);

test('the level rule at its boundaries', () => {
  const cases: Array<[string, ReturnType<typeof pieces>, string | null]> = [
    ['lived 4.0 everywhere, staff 4.5: transformative (gap 0.5 is allowed)', pieces(4, 4.5), 'transformative'],
    ['lived 4.0, staff 3.5: transformative (gap -0.5 either way)', pieces(4, 3.5), 'transformative'],
    ['lived 4.0, staff 4.6: gap 0.6 is too wide, intermediate', pieces(4, 4.6), 'intermediate'],
    ['lived 3.9 on Review only: intermediate', pieces({ review: 3.9 }, 4), 'intermediate'],
    ['lived 5, staff 3.9: gap -1.1 too wide for transformative', pieces(5, 3.9), 'intermediate'],
    ['lived 3.0 everywhere, staff 4.4: intermediate (staff 1.4 ahead)', pieces(3, 4.4), 'intermediate'],
    ['lived 3.0, staff 4.5: staff 1.5 ahead is descriptive', pieces(3, 4.5), 'descriptive'],
    ['lived 2.9 on Culture: descriptive', pieces({ culture: 2.9 }, 3), 'descriptive'],
    ['lived 1 everywhere: descriptive', pieces(1, 1), 'descriptive'],
    ['lived much higher than staff is no bar to intermediate', pieces(4, 1), 'intermediate'],
    ['fewer than 3 staff anywhere: at most intermediate', pieces(5, null), 'intermediate'],
    ['fewer than 3 with lived experience on one piece: no estimate', pieces({ practice: null }, 4), null],
  ];
  for (const [name, input, level] of cases) assert.equal(estimateLevel(input).level, level, name);
});

test('each level gives its reasons: what it meets and what holds it back', () => {
  const t = estimateLevel(pieces(4.2, 4.4));
  assert.deepEqual(kinds(t), ['lived-at-least', 'gap-small']);

  const i = estimateLevel(pieces({ review: 3.5 }, { practice: null }));
  assert.equal(i.level, 'intermediate');
  assert.deepEqual(kinds(i), ['lived-at-least', 'staff-not-far-ahead', 'lived-below', 'too-few-staff']);
  assert.deepEqual(i.reasons[2], { kind: 'lived-below', level: 'transformative', piece: 'review', average: 3.5, tenths: 40 });
  assert.deepEqual(i.reasons[3], { kind: 'too-few-staff', pieces: ['practice'] });

  const d = estimateLevel(pieces({ culture: 2.5, structure: 3 }, { culture: 3, structure: 4.8 }));
  assert.equal(d.level, 'descriptive');
  assert.deepEqual(d.reasons, [
    { kind: 'lived-below', level: 'intermediate', piece: 'culture', average: 2.5, tenths: 30 },
    { kind: 'gap-too-wide', level: 'intermediate', piece: 'structure', gap: 1.8, tenths: 15 },
  ]);

  assert.deepEqual(estimateLevel(pieces({ culture: null, review: null }, 4)).reasons, [
    { kind: 'too-few-lived', pieces: ['culture', 'review'] },
  ]);
});
