import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeTranslator } from '../../platform/i18n.ts';
import { renderChartSvg } from './charts.ts';
import { participation } from './participation.ts';
import { lastTwelveMonths, periodFrom, scopeFrom } from './period.ts';
import type { OutcomeBeforeAfter, Standing } from './ports.ts';
import { budgetModel, gapSentence, outcomesModel, participationModel, reportModel, ruleText } from './report-model.ts';
import { nhsDigitalRule } from '../../platform/small-numbers.ts';

// V4: the report's words and figures, worked out without a database.
const t = makeTranslator('en');
const avg = (average: number | null, answered = 5) => ({ average, answered, dontKnow: 0 });
const comparison = (lived: number | null, staff: number | null, gap: number | null) => ({
  livedExperience: avg(lived),
  staff: avg(staff),
  everyone: avg(null),
  byPerspective: { 'draws-on-care': avg(lived), carer: avg(null), 'family-community': avg(null), 'staff-partners': avg(staff) },
  gap,
  flagged: gap !== null && Math.abs(gap) >= 1,
});

describe('who took part', () => {
  test('people are counted once per group and once overall; minutes add up', () => {
    const perspectives = new Map([
      ['ann', ['draws-on-care', 'carer']],
      ['bob', ['practitioner']],
      ['cat', ['family']],
    ]);
    const p = participation(
      ['m1', 'm2'],
      [
        { meetingId: 'm1', personId: 'ann', minutes: 120 },
        { meetingId: 'm2', personId: 'ann', minutes: 60 },
        { meetingId: 'm1', personId: 'bob', minutes: 90 },
        { meetingId: 'm1', personId: 'cat', minutes: 30 },
        { meetingId: 'elsewhere', personId: 'cat', minutes: 999 },
      ],
      perspectives,
    );
    assert.equal(p.meetings, 2);
    assert.deepEqual(p.everyone, { people: 3, minutes: 300 });
    assert.deepEqual(p.byGroup['draws-on-care'], { people: 1, minutes: 180 });
    assert.deepEqual(p.byGroup.carer, { people: 1, minutes: 180 });
    assert.deepEqual(p.byGroup['staff-partners'], { people: 1, minutes: 90 });
    assert.deepEqual(p.byGroup['family-community'], { people: 1, minutes: 30 });
  });

  test('the chart, table and words follow the small-number rule, hours hidden with their group', () => {
    const people = (n: number, group: string) => Array.from({ length: n }, (_, i) => `${group}-${i}`);
    const lived = people(13, 'lived');
    const carers = people(3, 'carer');
    const staff = people(10, 'staff');
    const perspectives = new Map<string, string[]>([
      ...lived.map((id): [string, string[]] => [id, ['draws-on-care']]),
      ...carers.map((id): [string, string[]] => [id, ['carer']]),
      ...staff.map((id): [string, string[]] => [id, ['practitioner']]),
    ]);
    const p = participation(
      ['m'],
      [...lived, ...carers, ...staff].map((personId) => ({ meetingId: 'm', personId, minutes: 120 })),
      perspectives,
    );
    const model = participationModel(p, nhsDigitalRule, t, 'x');
    assert.equal(model.peopleText, '25 people');
    assert.deepEqual(
      model.rows.map((r) => [r.label, ...r.values]),
      [
        ['People who draw on care and support', '15', '26'],
        ['Carers', 'fewer than 8', 'not shown'],
        ['Family and community', '0', '0'],
        ['Staff and partners', 'not shown', 'not shown'],
      ],
    );
    assert.deepEqual(model.totalRow.values, ['25', '52']);
    assert.deepEqual(
      model.peopleChart.groups.map((g) => g.values[0]!.value),
      [15, null, 0, null],
    );
    assert.match(
      model.peopleChart.description,
      /^25 people took part in meetings\. The biggest group was People who draw on care and support\./,
    );
    assert.match(renderChartSvg(model.peopleChart), /<title id="x-people-title">People who took part in meetings, by perspective<\/title>/);
  });

  test('nobody big enough to show: the description says so', () => {
    const p = participation(['m'], [{ meetingId: 'm', personId: 'a', minutes: 60 }], new Map([['a', ['carer']]]));
    const model = participationModel(p, nhsDigitalRule, t, 'x');
    assert.equal(model.peopleText, 'fewer than 8 people');
    assert.match(model.peopleChart.description, /No group was big enough to show\./);
  });
});

describe('where we stand', () => {
  test('the gap in plain words, either way, or not known', () => {
    assert.equal(gapSentence(1.2, t), 'Staff rated things 1.2 points higher than people with lived experience did.');
    assert.equal(gapSentence(-0.5, t), 'People with lived experience rated things 0.5 points higher than staff did.');
    assert.equal(gapSentence(0, t), 'Staff and people with lived experience gave the same average rating.');
    assert.equal(
      gapSentence(null, t),
      'There are not enough answers yet to compare how staff and people with lived experience see things.',
    );
  });

  const standing: Standing = {
    cycle: {
      id: 'c1',
      title: 'Spring review',
      projectId: null,
      projectTitle: null,
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      schedule: 'yearly',
      status: 'closed',
      pastClosing: false,
      answerable: false,
      closedAt: '2026-03-31T17:00:00.000Z',
      invitationsSentAt: '2026-03-01T09:00:00.000Z',
      gapThresholdTenths: 10,
      followsCycleId: null,
    },
    overall: comparison(2.5, 3.9, 1.4),
    pieces: [
      { piece: 'review', ...comparison(null, 4, null) },
      { piece: 'culture', ...comparison(2, 4.1, 2.1) },
      { piece: 'structure', ...comparison(3, 3.5, 0.5) },
    ],
    statements: [],
    flagged: ['C1', 'C2'],
    respondents: { livedExperience: 5, staff: 5, everyone: 10 },
    level: { level: 'intermediate', reasons: [] },
    levelReasons: ['Because.'],
  };

  test('the report puts pieces in jigsaw order, names the widest gap, and hides averages from too few people', async () => {
    const model = reportModel(
      {
        scopeName: 'Northshire',
        period: { from: '2026-01-01', to: '2026-12-31' },
        participation: participation([], [], new Map()),
        standing,
      },
      nhsDigitalRule,
      t,
    );
    const s = model.standing!;
    assert.deepEqual(
      s.rows.map((r) => [r.label, ...r.values]),
      [
        ['Culture', '2.0', '4.1', '+2.1', 'Yes'],
        ['Structure', '3.0', '3.5', '+0.5', 'No'],
        ['Review', 'Not enough answers', '4.0', 'Not enough answers', 'No'],
      ],
    );
    assert.equal(s.chart.kind, 'grouped');
    assert.equal(s.chart.max, 5);
    assert.deepEqual(
      s.chart.series.map((x) => x.label),
      ['People with lived experience', 'Staff'],
    );
    assert.match(s.chart.description, /Staff rated things 1\.4 points higher.*The biggest gap is in Culture: 2\.1 points\./);
    assert.equal(s.level, 'Intermediate');
    assert.equal(s.flagged, 2);
    assert.deepEqual(model.summary, [
      'This report covers Northshire from 1 January 2026 to 31 December 2026.',
      'No meetings were held in this time.',
      'In the review "Spring review": Staff rated things 1.4 points higher than people with lived experience did.',
      'The level of co-production reached is estimated as: Intermediate.',
    ]);
  });

  test('a section another part could not give is left out; "none yet" is said', () => {
    const base = { scopeName: 'X', period: { from: '2026-01-01', to: '2026-01-31' }, participation: participation([], [], new Map()) };
    const left = reportModel(base, nhsDigitalRule, t);
    assert.deepEqual([left.standingShown, left.outcomesShown, left.storiesShown, left.budgetShown], [false, false, false, false]);
    const none = reportModel({ ...base, standing: null, outcomes: [], stories: [], budget: null }, nhsDigitalRule, t);
    assert.deepEqual([none.standingShown, none.outcomesShown, none.storiesShown, none.budgetShown], [true, true, true, true]);
    assert.ok(none.summary.includes('No review took place in this time.'));
    assert.ok(none.summary.includes('No stories of what changed can be shared yet.'));
  });
});

describe('outcomes before and after', () => {
  const outcomes: OutcomeBeforeAfter[] = [
    {
      outcomeId: 'o1',
      projectId: 'p',
      projectTitle: 'Lunches',
      title: 'I feel listened to',
      measure: 'scale',
      question: 'Do you feel listened to?',
      before: { n: 9, average: 2.4 },
      after: { n: 12, average: 3.8 },
      change: 1.4,
    },
    {
      outcomeId: 'o2',
      projectId: 'p',
      projectTitle: 'Lunches',
      title: 'I enjoy lunch',
      measure: 'scale',
      question: 'Do you enjoy lunch?',
      before: { n: 2, average: null },
      after: { n: 4, average: 4 },
      change: null,
    },
    {
      outcomeId: 'o3',
      projectId: 'p',
      projectTitle: 'Lunches',
      title: 'People at the drop-in',
      measure: 'count',
      unit: 'people',
      series: [
        { on: '2026-01-01', value: 5, note: null },
        { on: '2026-03-01', value: 9, note: null },
      ],
      first: 5,
      last: 9,
    },
  ];

  test('a before/after chart of averages, with people who answered shown by the small-number rule', () => {
    const m = outcomesModel(outcomes, nhsDigitalRule, t, 'r');
    assert.equal(m.chart!.kind, 'before-after');
    assert.deepEqual(
      m.chart!.series.map((s) => s.label),
      ['Before', 'After'],
    );
    assert.deepEqual(
      m.chart!.groups.map((g) => g.values.map((v) => v.text)),
      [
        ['2.4', '3.8'],
        ['Not enough answers', '4.0'],
      ],
    );
    assert.equal(m.chart!.description, '2 outcomes were measured on a scale from 1 to 5 before and after. 1 went up.');
    assert.deepEqual(
      m.scaleRows.map((r) => [r.label, ...r.values]),
      [
        ['I feel listened to', 'Lunches', '2.4', '3.8', '+1.4', '10', '10'],
        ['I enjoy lunch', 'Lunches', 'Not enough answers', '4.0', 'Not enough answers', 'fewer than 8', 'fewer than 8'],
      ],
    );
    assert.deepEqual(
      m.countRows.map((r) => [r.label, ...r.values]),
      [['People at the drop-in', 'Lunches', 'people', '5', '9']],
    );
    const svg = renderChartSvg(m.chart!);
    assert.match(svg, /role="img"/);
    assert.match(svg, /Before: 2\.4/);
    assert.match(svg, /After: 3\.8/);
  });

  test('only counted outcomes: no chart', () => {
    assert.equal(outcomesModel([outcomes[2]!], nhsDigitalRule, t, 'r').chart, null);
  });
});

describe('money, the rule in words, and the period', () => {
  test('the budget against what is agreed and paid, and an overspend said plainly', () => {
    const under = budgetModel({ plannedPence: 80000, committedPence: 4000, paidPence: 1000, leftPence: 75000, over: false }, t);
    assert.equal(
      under.sentence,
      'The budget for co-production is £800.00. In these dates £50.00 was agreed or spent, and £10.00 of it was paid. £750.00 of the whole budget is left.',
    );
    const over = budgetModel({ plannedPence: 1000, committedPence: 1500, paidPence: 0, leftPence: -500, over: true }, t);
    assert.match(over.sentence, /Everything so far is £5\.00 over the budget\.$/);
    assert.deepEqual(over.rows.at(-1), { label: 'Over budget by (whole project)', value: '£5.00' });
    assert.deepEqual(
      under.rows.map((r) => r.label),
      ['Planned (whole project)', 'Agreed but not paid yet (these dates)', 'Paid (these dates)', 'Left to spend (whole project)'],
    );
  });

  test('the rule in words for each kind of setting', () => {
    assert.match(
      ruleText(nhsDigitalRule, t),
      /A count from 1 to 7 is shown as "fewer than 8"\. Other counts are rounded to the nearest 5\./,
    );
    assert.match(ruleText({ hideBelow: 10, roundTo: 1 }, t), /A count from 1 to 9 is shown as "fewer than 10"\. Sometimes/);
    assert.match(
      ruleText({ hideBelow: 1, roundTo: 10 }, t),
      /rounded to the nearest 10, and small counts that would round to 0 are shown as "fewer than 5"/,
    );
    assert.match(ruleText({ hideBelow: 1, roundTo: 1 }, t), /shown exactly/);
  });

  test('the last 12 months, and periods from the address', () => {
    assert.deepEqual(lastTwelveMonths('2026-11-23'), { from: '2025-11-24', to: '2026-11-23' });
    assert.deepEqual(lastTwelveMonths('2026-01-01'), { from: '2025-01-02', to: '2026-01-01' });
    assert.deepEqual(lastTwelveMonths('2028-02-29'), { from: '2027-03-01', to: '2028-02-29' });
    const defaults = { from: '2026-01-01', to: '2026-01-31' };
    assert.deepEqual(periodFrom({ from: '2026-04-01', to: '2026-06-30' }, defaults).period, { from: '2026-04-01', to: '2026-06-30' });
    const boxes = periodFrom(
      { 'from-day': '1', 'from-month': '4', 'from-year': '2026', 'to-day': '30', 'to-month': '6', 'to-year': '2026' },
      defaults,
    );
    assert.deepEqual([boxes.period, boxes.errors], [{ from: '2026-04-01', to: '2026-06-30' }, undefined]);
    const bad = periodFrom({ 'from-day': '30', 'from-month': '2', 'from-year': '2026' }, defaults);
    assert.deepEqual(
      [bad.period, bad.errors, bad.values.from],
      [defaults, { from: 'impact:errors.fromInvalid' }, { day: '30', month: '2', year: '2026' }],
    );
    assert.deepEqual(periodFrom({ from: '2026-06-01', to: '2026-05-01' }, defaults).errors, { to: 'impact:errors.toBeforeFrom' });
    assert.deepEqual(periodFrom({ from: 'soon' }, defaults).errors, { from: 'impact:errors.fromInvalid' });
  });

  test('the scope: the organisation by default, a project id, or nothing', () => {
    assert.deepEqual(scopeFrom({}), { kind: 'organisation' });
    assert.deepEqual(scopeFrom({ scope: 'organisation' }), { kind: 'organisation' });
    assert.deepEqual(scopeFrom({ scope: 'AAAAAAAA-0000-4000-8000-000000000000' }), {
      kind: 'project',
      projectId: 'aaaaaaaa-0000-4000-8000-000000000000',
    });
    assert.equal(scopeFrom({ scope: 'x' }), null);
    assert.equal(scopeFrom({ scope: ['a', 'b'] }), null);
  });
});
