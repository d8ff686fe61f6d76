import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionTiming, daysAfter, daysBetween, doneNeedsWhatChanged, dueWindowFilter } from './due.ts';

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

describe('dueWindowFilter', () => {
  // The database picks the actions of a window by due date; each case must agree with actionTiming.
  const today = '2026-11-23';
  const inWindow = (f: ReturnType<typeof dueWindowFilter>, dueOn: string) =>
    (!f.dueBefore || dueOn < f.dueBefore) && (!f.dueFrom || dueOn >= f.dueFrom) && (!f.dueTo || dueOn <= f.dueTo);
  for (const dueOn of ['2026-10-23', '2026-11-22', '2026-11-23', '2026-12-07', '2026-12-08', '2027-01-01']) {
    test(`an open action due on ${dueOn}`, () => {
      const timing = actionTiming({ status: 'in-progress', dueOn }, today);
      assert.equal(inWindow(dueWindowFilter('overdue', today), dueOn), timing.overdue);
      assert.equal(inWindow(dueWindowFilter('soon', today), dueOn), timing.dueSoon);
    });
  }

  test('both windows are of open actions only', () => {
    assert.equal(dueWindowFilter('overdue', today).openOnly, true);
    assert.equal(dueWindowFilter('soon', today).openOnly, true);
  });

  test('counts days on across month and year ends', () => {
    assert.equal(daysAfter('2026-12-25', 14), '2027-01-08');
    assert.equal(daysAfter('2026-10-20', 14), '2026-11-03');
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
