import type { Db } from '../../db/connection.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import type { ProjectService } from '../projects/service.ts';
import type { BenchmarkService } from './benchmarks.ts';
import { countPopulation, type Population } from './counting.ts';
import { minimumToCompare, representationGaps, type Confidence, type GapRow } from './representation.ts';
import { fromSmallNumberRule, nhsDefault, protectCounts, protectTable, type SuppressionRule } from './suppression.ts';
import type { SmallNumberRule } from '../../platform/small-numbers.ts';
import { circumstances, groupingNames, groupings, preferNot, type Grouping } from './vocabulary.ts';

export type MissingFilter = {
  scope: 'organisation' | 'project' | 'meeting';
  projectId: string | null;
  from: string;
  to: string;
  who: 'involved' | 'attended';
  rows: Grouping;
  cols: Grouping;
};

export type GroupingFigures = {
  grouping: Grouping;
  benchmark: { area: string; source: string } | null;
  answered: number | null;
  confidence: Confidence;
  rows: GapRow[];
  /** "Prefer not to say" and not answered, protected as a pair. */
  preferNot: number | null;
  notAnswered: number | null;
};

export type Combination = {
  rows: Grouping;
  cols: Grouping;
  rowCategories: string[];
  colCategories: string[];
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  colTotals: Array<number | null>;
  total: number | null;
};

export type WhoIsMissing =
  | { shown: false; why: 'meeting' | 'too-few' }
  | {
      shown: true;
      people: number | null;
      groupings: GroupingFigures[];
      circumstances: { categories: string[]; cells: Array<number | null>; answered: number | null };
      combination: Combination;
      rule: SuppressionRule;
    };

/**
 * Who is missing (issue 19): for the organisation or a project over a period, how many of
 * the people involved (or who came to meetings) are in each group, against the area's
 * figures. Every figure shown passes through small-number protection; the gaps are worked
 * out from the protected figures only. A single meeting is always too small to show.
 */
export function makeWhoIsMissing({
  db,
  projects,
  benchmarks,
  smallNumberRule,
  keep,
}: {
  db: Db;
  projects: Pick<ProjectService, 'exists'>;
  benchmarks: BenchmarkService;
  /** The organisation's own small-number rule, set with the impact report's (NHS Digital's by default). */
  smallNumberRule?: (organisationId: string) => Promise<SmallNumberRule>;
  /** Counts kept until the people, meetings or answers under them change (decision 0014). */
  keep?: KeepFigure;
}) {
  async function figures(actor: RoleActor, filter: MissingFilter): Promise<WhoIsMissing> {
    if (!isStaff(actor)) throw new Forbidden();
    const rule = smallNumberRule ? fromSmallNumberRule(await smallNumberRule(actor.organisationId)) : nhsDefault;
    if (filter.scope === 'meeting') return { shown: false, why: 'meeting' };
    if (filter.scope === 'project' && !(filter.projectId && (await projects.exists(actor.organisationId, filter.projectId))))
      throw new NotFound();
    const population: Population = {
      organisationId: actor.organisationId,
      projectId: filter.scope === 'project' ? filter.projectId : null,
      from: filter.from,
      to: filter.to,
      who: filter.who,
    };
    const count = () => countPopulation(db, population, filter.rows, filter.cols);
    const key = `who-is-missing|${JSON.stringify([population.projectId, population.from, population.to, population.who, filter.rows, filter.cols])}`;
    const counts = keep ? await keep(actor.organisationId, key, count) : await count();
    const everyone = counts.everyone;
    // Rather than a page of hidden cells: say there are too few people to show anything.
    if (everyone < minimumToCompare) return { shown: false, why: 'too-few' };
    const current = await benchmarks.current(actor.organisationId);

    const byGrouping = groupingNames.map((grouping): GroupingFigures => {
      const counted = counts.byGrouping.get(grouping)!;
      const categories = [...groupings[grouping]];
      const protectedCounts = protectCounts(
        categories.map((c) => counted.get(c) ?? 0),
        rule,
      );
      const notGiven = protectCounts([counted.get(preferNot) ?? 0, counted.get(null) ?? 0], rule);
      const benchmark = current.get(grouping) ?? null;
      const gaps = representationGaps({
        categories,
        shown: protectedCounts.cells,
        answered: protectedCounts.total,
        benchmark: benchmark?.percents ?? null,
        roundTo: rule.roundTo,
        hideUpTo: rule.hideUpTo,
      });
      return {
        grouping,
        benchmark: benchmark ? { area: benchmark.area, source: benchmark.source } : null,
        answered: protectedCounts.total,
        confidence: gaps.confidence,
        rows: gaps.rows,
        preferNot: notGiven.cells[0] ?? null,
        notAnswered: notGiven.cells[1] ?? null,
      };
    });

    const pairs = counts.pairs;
    const rowCategories = [...groupings[filter.rows]];
    const colCategories = [...groupings[filter.cols]];
    const table = rowCategories.map((r) => colCategories.map((c) => pairs.find((p) => p.row === r && p.col === c)?.n ?? 0));
    const combined = protectTable(table, rule);
    const circumstanceCounts = protectCounts(
      [...circumstances].map((c) => counts.byCircumstance.get(c) ?? 0),
      rule,
    );
    return {
      shown: true,
      people: protectCounts([everyone], rule).total,
      groupings: byGrouping,
      circumstances: {
        categories: [...circumstances],
        cells: circumstanceCounts.cells,
        answered: protectCounts([counts.circumstancesAnswered], rule).total,
      },
      combination: { rows: filter.rows, cols: filter.cols, rowCategories, colCategories, ...combined },
      rule,
    };
  }

  return {
    figures,

    /** The aggregate figures only, as CSV rows: the same protected numbers as the page. */
    async csvRows(
      actor: RoleActor,
      filter: MissingFilter,
      words: (grouping: Grouping | 'circumstances', category: string) => [string, string],
    ) {
      const result = await figures(actor, filter);
      if (!result.shown) return null;
      const cell = (n: number | null) => n;
      const lines: Array<[string, string, number | null, number | null, number | null, number | null, string]> = [];
      for (const g of result.groupings)
        for (const row of g.rows) {
          const [question, answer] = words(g.grouping, row.category);
          lines.push([
            question,
            answer,
            cell(row.shown),
            cell(row.sharePercent),
            cell(row.benchmarkPercent),
            cell(row.gapPoints),
            row.status,
          ]);
        }
      result.circumstances.categories.forEach((c, i) => {
        const [question, answer] = words('circumstances', c);
        lines.push([question, answer, cell(result.circumstances.cells[i] ?? null), null, null, null, '']);
      });
      return lines;
    },
  };
}

export type WhoIsMissingService = ReturnType<typeof makeWhoIsMissing>;
