import type { Translate } from '../../platform/i18n.ts';
import type { WhoIsMissing } from './who-is-missing.ts';

/** Whole-number widths for the CSS bars (app-bar--0 to app-bar--100): no inline styles under the CSP. */
const width = (percent: number | null, max: number) =>
  percent === null || max <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((percent / max) * 100)));

/**
 * "Who is missing" in words for the page: for each question a sentence saying which groups
 * are under-represented and by how much, a note when numbers are small, bars and a table
 * with the same protected figures.
 */
export function presentMissing(result: Extract<WhoIsMissing, { shown: true }>, t: Translate) {
  const count = (n: number | null) => (n === null ? t('equality:missing.hidden') : String(n));
  const percent = (n: number | null) => (n === null ? '' : t('equality:missing.percent', { n }));
  const sections = result.groupings.map((g) => {
    const label = (c: string) => t(`equality:a.${g.grouping}.${c}`);
    const max = Math.max(0, ...g.rows.flatMap((r) => [r.sharePercent ?? 0, r.benchmarkPercent ?? 0]));
    const under = g.rows.filter((r) => r.status === 'under');
    const summary = under.length
      ? under.map((r) =>
          t(r.atMostPercent === null ? 'equality:missing.underRow' : 'equality:missing.underHiddenRow', {
            most: result.rule.hideUpTo,
            atMost: r.atMostPercent,
            group: label(r.category),
            share: r.sharePercent,
            area: r.benchmarkPercent,
            points: Math.abs(r.gapPoints ?? 0),
            people: r.peopleShort,
          }),
        )
      : g.benchmark && g.confidence !== 'too-small'
        ? [t('equality:missing.summaryNone')]
        : [];
    return {
      id: `q-${g.grouping}`,
      title: t(`equality:grouping.${g.grouping}`),
      summary,
      confidence: t(`equality:missing.confidence.${g.confidence}`),
      benchmark: g.benchmark ? t('equality:missing.benchmark', g.benchmark) : t('equality:missing.noBenchmark'),
      notGiven: t('equality:missing.notGiven', { preferNot: count(g.preferNot), notAnswered: count(g.notAnswered) }),
      chartLabel: t('equality:missing.chartLabel', { question: t(`equality:grouping.${g.grouping}`) }),
      showChart: g.confidence !== 'too-small',
      rows: g.rows.map((r) => ({
        label: label(r.category),
        shown: count(r.shown),
        share: percent(r.sharePercent),
        area: percent(r.benchmarkPercent),
        gap: r.gapPoints === null ? '' : t('equality:missing.points', { n: r.gapPoints > 0 ? `+${r.gapPoints}` : r.gapPoints }),
        status: t(`equality:missing.st.${r.status}`),
        under: r.status === 'under',
        // The gap's key in the directory of community groups, to plan outreach from it (S5).
        reach: `${g.grouping}.${r.category}`,
        hereWidth: width(r.sharePercent, max),
        areaWidth: width(r.benchmarkPercent, max),
      })),
    };
  });
  const c = result.combination;
  return {
    people: result.people === null ? t('equality:missing.peopleHidden') : t('equality:missing.people', { count: result.people }),
    rule: t('equality:missing.rule', result.rule),
    sections,
    circumstances: {
      answered: t('equality:missing.circumstancesAnswered', { count: count(result.circumstances.answered) }),
      rows: result.circumstances.categories.map((cat, i) => ({
        label: t(`equality:a.circumstances.${cat}`),
        shown: count(result.circumstances.cells[i] ?? null),
      })),
    },
    combination: {
      rowsTitle: t(`equality:grouping.${c.rows}`),
      colsTitle: t(`equality:grouping.${c.cols}`),
      colLabels: c.colCategories.map((cat) => t(`equality:a.${c.cols}.${cat}`)),
      rows: c.rowCategories.map((cat, i) => ({
        label: t(`equality:a.${c.rows}.${cat}`),
        cells: c.cells[i]!.map(count),
        total: count(c.rowTotals[i] ?? null),
      })),
      colTotals: c.colTotals.map(count),
      total: count(c.total),
    },
  };
}
