// An estimate of the level of co-production reached, from a review's results. Pure.
//
// The rule, in plain English (the same words are on the results page and in README):
// - We only estimate when at least 3 people with lived experience (people who draw on care
//   and support, and carers) rated every jigsaw piece. Otherwise: "not enough answers yet".
// - Transformative: people with lived experience give every piece 4.0 or more, at least 3
//   staff rated every piece, and on every piece staff and lived experience are no more than
//   0.5 apart. Power is shared when both sides see things the same, and see them as good.
// - Intermediate: people with lived experience give every piece 3.0 or more, and on no
//   piece do staff rate things 1.5 or more higher than they do.
// - Descriptive: anything else. People work together, but those with lived experience do
//   not yet see it running through the whole organisation.
// Averages are in whole tenths (see scoring.ts), so the boundaries are exact.
import type { PieceResult } from './scoring.ts';
import type { JigsawPiece, Level } from './vocabulary.ts';

export const levelRule = {
  transformativeLivedTenths: 40,
  transformativeMostGapTenths: 5,
  intermediateLivedTenths: 30,
  intermediateStaffAheadTenths: 15,
} as const;

export type LevelReason =
  | { kind: 'too-few-lived'; pieces: JigsawPiece[] }
  | { kind: 'lived-at-least'; level: Level; tenths: number }
  | { kind: 'lived-below'; level: Level; piece: JigsawPiece; average: number; tenths: number }
  | { kind: 'too-few-staff'; pieces: JigsawPiece[] }
  | { kind: 'gap-small'; tenths: number }
  | { kind: 'gap-too-wide'; level: Level; piece: JigsawPiece; gap: number; tenths: number }
  | { kind: 'staff-not-far-ahead'; tenths: number };

export type LevelEstimate = { level: Level | null; reasons: LevelReason[] };

const tenths = (n: number | null) => (n === null ? null : Math.round(n * 10));

export function estimateLevel(pieces: readonly PieceResult[]): LevelEstimate {
  const r = levelRule;
  const missingLived = pieces.filter((p) => p.livedExperience.average === null).map((p) => p.piece);
  if (missingLived.length > 0) return { level: null, reasons: [{ kind: 'too-few-lived', pieces: missingLived }] };
  const lived = (p: PieceResult) => tenths(p.livedExperience.average) ?? 0;
  const gap = (p: PieceResult) => tenths(p.gap);

  const transformative: LevelReason[] = [];
  for (const p of pieces)
    if (lived(p) < r.transformativeLivedTenths)
      transformative.push({
        kind: 'lived-below',
        level: 'transformative',
        piece: p.piece,
        average: lived(p) / 10,
        tenths: r.transformativeLivedTenths,
      });
  const missingStaff = pieces.filter((p) => p.staff.average === null).map((p) => p.piece);
  if (missingStaff.length > 0) transformative.push({ kind: 'too-few-staff', pieces: missingStaff });
  for (const p of pieces) {
    const g = gap(p);
    if (g !== null && Math.abs(g) > r.transformativeMostGapTenths)
      transformative.push({
        kind: 'gap-too-wide',
        level: 'transformative',
        piece: p.piece,
        gap: g / 10,
        tenths: r.transformativeMostGapTenths,
      });
  }
  if (transformative.length === 0) {
    return {
      level: 'transformative',
      reasons: [
        { kind: 'lived-at-least', level: 'transformative', tenths: r.transformativeLivedTenths },
        { kind: 'gap-small', tenths: r.transformativeMostGapTenths },
      ],
    };
  }

  const intermediate: LevelReason[] = [];
  for (const p of pieces)
    if (lived(p) < r.intermediateLivedTenths)
      intermediate.push({
        kind: 'lived-below',
        level: 'intermediate',
        piece: p.piece,
        average: lived(p) / 10,
        tenths: r.intermediateLivedTenths,
      });
  for (const p of pieces) {
    const g = gap(p);
    if (g !== null && g >= r.intermediateStaffAheadTenths)
      intermediate.push({
        kind: 'gap-too-wide',
        level: 'intermediate',
        piece: p.piece,
        gap: g / 10,
        tenths: r.intermediateStaffAheadTenths,
      });
  }
  if (intermediate.length === 0) {
    // Why it is intermediate, then why it is not transformative yet.
    return {
      level: 'intermediate',
      reasons: [
        { kind: 'lived-at-least', level: 'intermediate', tenths: r.intermediateLivedTenths },
        { kind: 'staff-not-far-ahead', tenths: r.intermediateStaffAheadTenths },
        ...transformative,
      ],
    };
  }
  return { level: 'descriptive', reasons: intermediate };
}
