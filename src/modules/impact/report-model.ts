import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { formatMoney } from '../../platform/money.ts';
import type { Chart } from './charts.ts';
import { wholeHours, type Participation } from './participation.ts';
import { jigsawPieces, type OutcomeBeforeAfter, type ReportableStory, type Standing } from './ports.ts';
import { protectLine, showCount, shownText, shownValue, type Shown, type SmallNumberRule } from '../../platform/small-numbers.ts';

/** planned: the whole budget; committed and paid: for work and costs dated in the report's period; left: of the whole budget, now. */
export type BudgetTotals = { plannedPence: number; committedPence: number; paidPence: number; leftPence: number; over: boolean };

/**
 * Everything a report or dashboard is made from. A section another module could not
 * provide is `undefined` and left out; `null` means "none yet".
 */
export type ImpactData = {
  scopeName: string;
  period: { from: string; to: string };
  participation: Participation;
  standing?: Standing | null;
  outcomes?: OutcomeBeforeAfter[];
  /** The newest stories of the period, up to a report's bound. */
  stories?: ReportableStory[];
  /** How many stories of the period could be shared, whether shown or not. */
  storiesTotal?: number;
  /** Where every story is listed a page at a time. */
  storiesHref?: string;
  budget?: BudgetTotals | null;
};

type Row = { label: string; values: string[] };

const one = (n: number | null) => (n === null ? null : n.toFixed(1));

/** A figure with its words: "15 people", "fewer than 8 people". */
function peopleText(t: Translate, s: Shown): string {
  if (s.kind === 'count') return t('impact:people', { count: s.value });
  return t('impact:peopleSuppressed', { figure: shownText(s, t) });
}

/** Participation protected by the small-number rule: people by group, and their hours. */
export function participationModel(p: Participation, rule: SmallNumberRule, t: Translate, idPrefix: string) {
  const line = protectLine(
    perspectiveGroups.map((g) => p.byGroup[g].people),
    rule,
    p.everyone.people,
  );
  // A group's hours would describe the few people in it: shown only when its count is. The
  // count's "fewer than 8" is about people, so the hours are simply not shown.
  const hours = perspectiveGroups.map((g, i): Shown =>
    line.cells[i]!.kind === 'count' ? { kind: 'count', value: wholeHours(p.byGroup[g].minutes) } : { kind: 'hidden' },
  );
  const everyoneHours = wholeHours(p.everyone.minutes);
  const groupLabel = (g: string) => t(`impact:group.${g}`);
  const peopleChart: Chart = {
    id: `${idPrefix}-people`,
    kind: 'bar',
    title: t('impact:charts.people.title'),
    description: t('impact:charts.people.description', {
      total: shownText(line.total, t),
      largest: largestGroup(
        perspectiveGroups.map((g, i) => ({ label: groupLabel(g), shown: line.cells[i]! })),
        t,
      ),
    }),
    valueLabel: t('impact:charts.people.unit'),
    groupHeading: t('impact:charts.perspective'),
    series: [{ key: 'people', label: t('impact:charts.people.series') }],
    groups: perspectiveGroups.map((g, i) => ({
      label: groupLabel(g),
      values: [{ value: shownValue(line.cells[i]!), text: shownText(line.cells[i]!, t) }],
    })),
  };
  const hoursChart: Chart = {
    id: `${idPrefix}-hours`,
    kind: 'bar',
    title: t('impact:charts.hours.title'),
    description: t('impact:charts.hours.description', { hours: t('impact:hours', { count: everyoneHours }), count: p.meetings }),
    valueLabel: t('impact:charts.hours.unit'),
    groupHeading: t('impact:charts.perspective'),
    series: [{ key: 'hours', label: t('impact:charts.hours.series') }],
    groups: perspectiveGroups.map((g, i) => ({
      label: groupLabel(g),
      values: [{ value: shownValue(hours[i]!), text: shownText(hours[i]!, t) }],
    })),
  };
  return {
    meetings: p.meetings,
    people: line.total,
    peopleText: peopleText(t, line.total),
    hours: everyoneHours,
    rows: perspectiveGroups.map((g, i): Row => ({ label: groupLabel(g), values: [shownText(line.cells[i]!, t), shownText(hours[i]!, t)] })),
    totalRow: { label: t('impact:group.everyone'), values: [shownText(line.total, t), String(everyoneHours)] },
    peopleChart,
    hoursChart,
  };
}

function largestGroup(groups: Array<{ label: string; shown: Shown }>, t: Translate): string {
  const counted = groups.filter((g) => g.shown.kind === 'count' && g.shown.value > 0) as Array<{
    label: string;
    shown: { kind: 'count'; value: number };
  }>;
  if (counted.length === 0) return t('impact:charts.people.noLargest');
  const top = counted.reduce((a, b) => (b.shown.value > a.shown.value ? b : a));
  return t('impact:charts.people.largest', { group: top.label });
}

/** Where the organisation stands on each jigsaw piece, staff beside lived experience. */
export function standingModel(standing: Standing, t: Translate, idPrefix: string) {
  const avg = (a: { average: number | null }) => ({ value: a.average, text: a.average === null ? t('impact:notEnough') : one(a.average)! });
  const pieces = jigsawPieces.map((piece) => standing.pieces.find((p) => p.piece === piece)).filter((p) => p !== undefined);
  const widest = pieces.filter((p) => p.gap !== null).sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!))[0];
  const chart: Chart = {
    id: `${idPrefix}-gap`,
    kind: 'grouped',
    title: t('impact:charts.gap.title'),
    description: [
      gapSentence(standing.overall.gap, t),
      widest
        ? t('impact:charts.gap.widest', { piece: t(`impact:piece.${widest.piece}`), gap: one(Math.abs(widest.gap!)) })
        : t('impact:charts.gap.noWidest'),
    ].join(' '),
    max: 5,
    valueLabel: t('impact:charts.gap.unit'),
    groupHeading: t('impact:charts.piece'),
    series: [
      { key: 'lived', label: t('impact:group.livedExperience') },
      { key: 'staff', label: t('impact:group.staff') },
    ],
    groups: pieces.map((p) => ({ label: t(`impact:piece.${p.piece}`), values: [avg(p.livedExperience), avg(p.staff)] })),
  };
  return {
    cycleTitle: standing.cycle.title,
    cycleId: standing.cycle.id,
    status: standing.cycle.status,
    gapSentence: gapSentence(standing.overall.gap, t),
    level: standing.level.level ? t(`impact:level.${standing.level.level}`) : t('impact:level.unknown'),
    levelReasons: standing.levelReasons,
    flagged: standing.flagged.length,
    rows: pieces.map((p): Row => ({
      label: t(`impact:piece.${p.piece}`),
      values: [
        avg(p.livedExperience).text,
        avg(p.staff).text,
        p.gap === null ? t('impact:notEnough') : signed(p.gap),
        p.flagged ? t('impact:yes') : t('impact:no'),
      ],
    })),
    chart,
  };
}

const signed = (gap: number) => (gap > 0 ? `+${gap.toFixed(1)}` : gap.toFixed(1));

/** The headline gap in plain words. Staff minus lived experience, as the reviews work it out. */
export function gapSentence(gap: number | null, t: Translate): string {
  if (gap === null) return t('impact:gap.unknown');
  if (Math.abs(gap) < 0.05) return t('impact:gap.same');
  return t(gap > 0 ? 'impact:gap.staffHigher' : 'impact:gap.livedHigher', { gap: Math.abs(gap).toFixed(1) });
}

/** Outcomes measured on a scale, before and after, and counts from first to last. */
export function outcomesModel(outcomes: OutcomeBeforeAfter[], rule: SmallNumberRule, t: Translate, idPrefix: string) {
  const scale = outcomes.filter((o) => o.measure === 'scale');
  const counts = outcomes.filter((o) => o.measure === 'count');
  const avg = (a: { average: number | null }) => ({ value: a.average, text: a.average === null ? t('impact:notEnough') : one(a.average)! });
  const better = scale.filter((o) => o.change !== null && o.change > 0).length;
  const chart: Chart | null = scale.length
    ? {
        id: `${idPrefix}-outcomes`,
        kind: 'before-after',
        title: t('impact:charts.outcomes.title'),
        description: t('impact:charts.outcomes.description', { count: scale.length, better }),
        max: 5,
        valueLabel: t('impact:charts.outcomes.unit'),
        groupHeading: t('impact:charts.outcome'),
        series: [
          { key: 'before', label: t('impact:before') },
          { key: 'after', label: t('impact:after') },
        ],
        groups: scale.map((o) => ({ label: o.title, values: [avg(o.before), avg(o.after)] })),
      }
    : null;
  return {
    chart,
    better,
    scaleRows: scale.map((o): Row => ({
      label: o.title,
      values: [
        o.projectTitle,
        avg(o.before).text,
        avg(o.after).text,
        o.change === null ? t('impact:notEnough') : signed(o.change),
        shownText(showCount(o.before.n, rule), t),
        shownText(showCount(o.after.n, rule), t),
      ],
    })),
    countRows: counts.map((o): Row => ({
      label: o.title,
      values: [
        o.projectTitle,
        o.unit,
        o.first === null ? t('impact:none') : String(o.first),
        o.last === null ? t('impact:none') : String(o.last),
      ],
    })),
  };
}

export function budgetModel(b: BudgetTotals, t: Translate) {
  return {
    rows: [
      { label: t('impact:budget.planned'), value: formatMoney(b.plannedPence) },
      { label: t('impact:budget.committed'), value: formatMoney(b.committedPence) },
      { label: t('impact:budget.paid'), value: formatMoney(b.paidPence) },
      { label: b.over ? t('impact:budget.over') : t('impact:budget.left'), value: formatMoney(Math.abs(b.leftPence)) },
    ],
    sentence: t(b.over ? 'impact:budget.sentenceOver' : 'impact:budget.sentence', {
      planned: formatMoney(b.plannedPence),
      spent: formatMoney(b.committedPence + b.paidPence),
      paid: formatMoney(b.paidPence),
      left: formatMoney(Math.abs(b.leftPence)),
    }),
  };
}

/** The whole report: a plain-English summary first, then each section's figures. */
export function reportModel(data: ImpactData, rule: SmallNumberRule, t: Translate) {
  const participation = participationModel(data.participation, rule, t, 'report');
  const standing = data.standing ? standingModel(data.standing, t, 'report') : null;
  const outcomes = data.outcomes ? outcomesModel(data.outcomes, rule, t, 'report') : null;
  const budget = data.budget ? budgetModel(data.budget, t) : null;
  const summary = [
    t('impact:summary.period', { scope: data.scopeName, from: formatDate(data.period.from), to: formatDate(data.period.to) }),
    data.participation.meetings === 0
      ? t('impact:summary.noMeetings')
      : t('impact:summary.meetings', {
          count: data.participation.meetings,
          people: participation.peopleText,
          hours: t('impact:hours', { count: participation.hours }),
        }),
  ];
  if (data.standing !== undefined) {
    summary.push(
      standing ? `${t('impact:summary.review', { title: standing.cycleTitle })} ${standing.gapSentence}` : t('impact:summary.noReview'),
    );
    if (standing) summary.push(t('impact:summary.level', { level: standing.level }));
  }
  if (outcomes && data.outcomes!.length) {
    const scaleCount = outcomes.scaleRows.length;
    summary.push(
      scaleCount
        ? t('impact:summary.outcomes', { count: scaleCount, better: outcomes.better })
        : t('impact:summary.countOutcomes', { count: outcomes.countRows.length }),
    );
  }
  const storiesTotal = Math.max(data.storiesTotal ?? 0, data.stories?.length ?? 0);
  if (data.stories) summary.push(t('impact:summary.stories', { count: storiesTotal }));
  if (budget) summary.push(budget.sentence);
  return {
    scopeName: data.scopeName,
    period: data.period,
    summary,
    participation,
    standingShown: data.standing !== undefined,
    standing,
    outcomesShown: data.outcomes !== undefined,
    outcomes,
    hasOutcomes: (data.outcomes?.length ?? 0) > 0,
    storiesShown: data.stories !== undefined,
    stories: data.stories ?? [],
    storiesTotal,
    /** "Showing the newest 20 of 64 stories", when the report leaves some out. */
    storiesPart:
      data.stories && storiesTotal > data.stories.length
        ? t('impact:report.storiesPart', { shown: data.stories.length, count: storiesTotal })
        : null,
    storiesHref: data.storiesHref ?? null,
    budgetShown: data.budget !== undefined,
    budget,
  };
}

export type ReportModel = ReturnType<typeof reportModel>;

/** The organisation's small-number rule in plain words, for the page and the PDF. */
export function ruleText(rule: SmallNumberRule, t: Translate): string {
  const below = Math.max(rule.hideBelow, Math.ceil(rule.roundTo / 2));
  if (below <= 1 && rule.roundTo <= 1) return t('impact:rule.exact');
  if (rule.hideBelow <= 1) return t('impact:rule.roundOnly', { roundTo: rule.roundTo, below });
  if (rule.roundTo <= 1) return t('impact:rule.noRounding', { last: below - 1, below });
  return t('impact:rule.nhs', { last: below - 1, below, roundTo: rule.roundTo });
}
