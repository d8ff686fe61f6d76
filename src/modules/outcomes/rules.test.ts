import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { change, countSeries, scaleSummary } from './results.ts';
import { canMarkForReports, consentProblems, shownName, usableInReports } from './stories.ts';
import { datesInOrder, roundState } from './survey-window.ts';

// V4: show the difference made, measuring what matters to people, and protect who they are.
describe('scaleSummary: averages only for 3 or more people', () => {
  const cases: Array<[number[], { n: number; average: number | null }]> = [
    [[], { n: 0, average: null }],
    [[5], { n: 1, average: null }],
    [[5, 1], { n: 2, average: null }],
    [[5, 1, 3], { n: 3, average: 3 }],
    [[4, 4, 5], { n: 3, average: 4.3 }],
    [[1, 2, 2, 2], { n: 4, average: 1.8 }],
    [[5, 5, 5, 5, 5], { n: 5, average: 5 }],
  ];
  for (const [scores, expected] of cases) test(`${JSON.stringify(scores)}`, () => assert.deepEqual(scaleSummary(scores), expected));

  test('change is after minus before, hidden when either side is hidden', () => {
    assert.equal(change({ n: 3, average: 2.3 }, { n: 4, average: 3.8 }), 1.5);
    assert.equal(change({ n: 3, average: 4 }, { n: 3, average: 3.7 }), -0.3);
    assert.equal(change({ n: 2, average: null }, { n: 4, average: 3.8 }), null);
    assert.equal(change({ n: 3, average: 2 }, { n: 0, average: null }), null);
  });

  test('every average shown is within 1 to 5 and never for fewer than 3 people', () => {
    for (let n = 0; n < 8; n++) {
      for (let seed = 0; seed < 20; seed++) {
        const scores = Array.from({ length: n }, (_, i) => ((seed * 7 + i * 3) % 5) + 1);
        const s = scaleSummary(scores);
        assert.equal(s.n, n);
        if (n < 3) assert.equal(s.average, null);
        else assert.ok(s.average !== null && s.average >= 1 && s.average <= 5);
      }
    }
  });
});

describe('countSeries: counts always shown, in date order', () => {
  test('sorts by date and gives first and last', () => {
    const r = countSeries([
      { on: '2026-10-01', value: 12, note: null },
      { on: '2026-09-01', value: 7, note: 'first drop-in' },
    ]);
    assert.deepEqual(
      r.series.map((e) => e.on),
      ['2026-09-01', '2026-10-01'],
    );
    assert.deepEqual([r.first, r.last], [7, 12]);
  });
  test('one entry is both first and last, even a small number', () => {
    const r = countSeries([{ on: '2026-10-01', value: 1, note: null }]);
    assert.deepEqual([r.first, r.last], [1, 1]);
  });
  test('no entries: nothing to show', () => assert.deepEqual(countSeries([]), { series: [], first: null, last: null }));
});

describe('story consent', () => {
  test('no consent, no story', () => {
    assert.deepEqual(consentProblems({ consent: false, showName: false, displayName: null }), {
      consent: 'outcomes:errors.consentRequired',
    });
  });
  test('they must choose whether their name is shown, and give the name if so', () => {
    assert.deepEqual(consentProblems({ consent: true, showName: null, displayName: null }), {
      showName: 'outcomes:errors.showNameRequired',
    });
    assert.deepEqual(consentProblems({ consent: true, showName: true, displayName: '  ' }), {
      displayName: 'outcomes:errors.displayNameRequired',
    });
    assert.deepEqual(consentProblems({ consent: true, showName: true, displayName: 'Grace' }), {});
    assert.deepEqual(consentProblems({ consent: true, showName: false, displayName: null }), {});
  });
  const story = { withdrawnAt: null, forReports: true, showName: true, displayName: 'Grace' };
  test('usable in reports only when marked and consent stands', () => {
    assert.equal(usableInReports(story), true);
    assert.equal(usableInReports({ ...story, forReports: false }), false);
    assert.equal(usableInReports({ ...story, withdrawnAt: '2026-11-23T10:00:00.000Z' }), false);
    assert.equal(canMarkForReports({ ...story, withdrawnAt: '2026-11-23T10:00:00.000Z' }), false);
    assert.equal(canMarkForReports(story), true);
  });
  test('the name shown is theirs only when they chose it', () => {
    assert.equal(shownName(story, 'Anonymous'), 'Grace');
    assert.equal(shownName({ ...story, showName: false }, 'Anonymous'), 'Anonymous');
    assert.equal(shownName({ ...story, displayName: null }, 'Anonymous'), 'Anonymous');
  });
});

describe('survey rounds open and close by date', () => {
  const round = { opensOn: '2026-11-20', closesOn: '2026-11-30' };
  for (const [today, state] of [
    ['2026-11-19', 'not-open'],
    ['2026-11-20', 'open'],
    ['2026-11-30', 'open'],
    ['2026-12-01', 'closed'],
  ] as const) {
    test(`${today}: ${state}`, () => assert.equal(roundState(round, today), state));
  }
  test('closing before opening is refused', () => {
    assert.equal(datesInOrder('2026-11-20', '2026-11-19'), false);
    assert.equal(datesInOrder('2026-11-20', '2026-11-20'), true);
  });
});
