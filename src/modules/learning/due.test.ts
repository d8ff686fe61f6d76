import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionTiming, daysBetween, doneNeedsWhatChanged } from './due.ts';

// V3: findings become actions, and overdue ones are seen.
describe('actionTiming', () => {
  const today = '2026-11-23';
  const cases: Array<
    [string, 'not-started' | 'in-progress' | 'done', string, { overdue: boolean; daysOverdue: number; dueSoon: boolean }]
  > = [
    ['due yesterday', 'not-started', '2026-11-22', { overdue: true, daysOverdue: 1, dueSoon: false }],
    ['due a month ago, in progress', 'in-progress', '2026-10-23', { overdue: true, daysOverdue: 31, dueSoon: false }],
    ['due today', 'not-started', '2026-11-23', { overdue: false, daysOverdue: 0, dueSoon: true }],
    ['due in 14 days', 'in-progress', '2026-12-07', { overdue: false, daysOverdue: 0, dueSoon: true }],
    ['due in 15 days', 'in-progress', '2026-12-08', { overdue: false, daysOverdue: 0, dueSoon: false }],
    ['done, was due last week', 'done', '2026-11-16', { overdue: false, daysOverdue: 0, dueSoon: false }],
    ['done, due tomorrow', 'done', '2026-11-24', { overdue: false, daysOverdue: 0, dueSoon: false }],
  ];
  for (const [name, status, dueOn, expected] of cases) {
    test(name, () => assert.deepEqual(actionTiming({ status, dueOn }, today), expected));
  }

  test('counts whole days across the clocks changing and month ends', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-10-24', '2026-10-26'), 2);
    assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
    assert.equal(daysBetween('2026-11-23', '2026-11-20'), -3);
  });
});

describe('doneNeedsWhatChanged', () => {
  test('done needs words about what changed; other statuses do not', () => {
    assert.equal(doneNeedsWhatChanged('done', null), false);
    assert.equal(doneNeedsWhatChanged('done', '   '), false);
    assert.equal(doneNeedsWhatChanged('done', 'Agendas now go out a week early'), true);
    assert.equal(doneNeedsWhatChanged('in-progress', null), true);
    assert.equal(doneNeedsWhatChanged('not-started', null), true);
  });
});
