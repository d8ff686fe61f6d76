// Words for a review's results: the level's reasons and the headline gap, from the catalogue.
import type { Translate } from '../../platform/i18n.ts';
import type { LevelEstimate, LevelReason } from './level.ts';
import type { JigsawPiece } from './vocabulary.ts';

/** 3.5, never 3.50 or 3.499999. */
export const oneDecimal = (n: number) => n.toFixed(1);

export function describeReason(t: Translate, r: LevelReason): string {
  const piece = (p: JigsawPiece) => t(`reviews:piece.${p}`);
  const list = (ps: readonly JigsawPiece[]) => ps.map(piece).join(', ');
  const needed = (tenths: number) => oneDecimal(tenths / 10);
  switch (r.kind) {
    case 'too-few-lived':
      return t('reviews:reason.too-few-lived', { pieces: list(r.pieces) });
    case 'too-few-staff':
      return t('reviews:reason.too-few-staff', { pieces: list(r.pieces) });
    case 'lived-at-least':
      return t('reviews:reason.lived-at-least', { needed: needed(r.tenths) });
    case 'lived-below':
      return t('reviews:reason.lived-below', {
        piece: piece(r.piece),
        average: oneDecimal(r.average),
        level: t(`reviews:level.${r.level}`),
        needed: needed(r.tenths),
      });
    case 'gap-small':
      return t('reviews:reason.gap-small', { needed: needed(r.tenths) });
    case 'gap-too-wide':
      return t(`reviews:reason.gap-too-wide-${r.level === 'transformative' ? 'transformative' : 'intermediate'}`, {
        piece: piece(r.piece),
        gap: oneDecimal(Math.abs(r.gap)),
        needed: needed(r.tenths),
      });
    case 'staff-not-far-ahead':
      return t('reviews:reason.staff-not-far-ahead', { needed: needed(r.tenths) });
  }
}

export const describeReasons = (t: Translate, estimate: LevelEstimate) => estimate.reasons.map((r) => describeReason(t, r));

/** The headline: which group rates things higher, and by how much. */
export function headlineGap(t: Translate, gap: number | null): string {
  if (gap === null) return t('reviews:results.gapUnknown');
  if (gap === 0) return t('reviews:results.gapNone');
  return t(gap > 0 ? 'reviews:results.gapStaffHigher' : 'reviews:results.gapLivedHigher', { gap: oneDecimal(Math.abs(gap)) });
}

// ---- Tables for the results and comparison pages: every figure already in words ----

type Shown = { average: number | null; answered: number; dontKnow: number };
type Compared = {
  livedExperience: Shown;
  staff: Shown;
  everyone: Shown;
  gap: number | null;
  flagged: boolean;
  byPerspective: Record<string, Shown>;
};

export function figures(t: Translate) {
  const avg = (g: Shown) => (g.average === null ? t('reviews:results.hidden') : oneDecimal(g.average));
  const gap = (c: Pick<Compared, 'gap'>) => (c.gap === null ? t('reviews:results.noGap') : `${c.gap > 0 ? '+' : ''}${oneDecimal(c.gap)}`);
  const row = (c: Compared) => ({
    lived: avg(c.livedExperience),
    livedCount: c.livedExperience.answered,
    staff: avg(c.staff),
    staffCount: c.staff.answered,
    everyone: avg(c.everyone),
    gap: gap(c),
    flagged: c.flagged,
    dontKnow: c.everyone.dontKnow,
    perspectives: Object.fromEntries(Object.entries(c.byPerspective).map(([g, v]) => [g, avg(v)])),
  });
  return { avg, gap, row };
}
