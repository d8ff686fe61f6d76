import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acknowledgeBy, isOverdue } from './handling-time.ts';

// A concern must be picked up within the organisation's target, counted in working days.
test('acknowledgement deadlines, in working days, London time', () => {
  const cases: Array<[string, number, string, string]> = [
    // raised (UTC), working days, due (UTC), why
    ['2026-12-02T10:00:00.000Z', 1, '2026-12-03T10:00:00.000Z', 'Wednesday morning: Thursday morning'],
    ['2026-12-04T15:00:00.000Z', 1, '2026-12-07T15:00:00.000Z', 'Friday afternoon: Monday afternoon, the weekend skipped'],
    ['2026-12-05T11:00:00.000Z', 1, '2026-12-08T00:00:00.000Z', 'Saturday: by the end of Monday'],
    ['2026-12-06T23:30:00.000Z', 1, '2026-12-08T00:00:00.000Z', 'late Sunday: by the end of Monday'],
    ['2026-12-04T15:00:00.000Z', 3, '2026-12-09T15:00:00.000Z', 'three working days from a Friday: Wednesday'],
    ['2026-12-07T09:00:00.000Z', 5, '2026-12-14T09:00:00.000Z', 'five working days: a week'],
    // British Summer Time: 10am in London is 9am UTC, on both sides of the weekend.
    ['2026-06-05T09:00:00.000Z', 1, '2026-06-08T09:00:00.000Z', 'Friday in summer: Monday, same London time'],
    // The clocks go back on Sunday 25 October 2026: Friday 10am BST, due Monday 10am GMT.
    ['2026-10-23T09:00:00.000Z', 1, '2026-10-26T10:00:00.000Z', 'over the clocks going back: same London time'],
    // Christmas Day 2026 is a Friday and counts as a working day (on the safe side).
    ['2026-12-24T12:00:00.000Z', 1, '2026-12-25T12:00:00.000Z', 'bank holidays are not skipped'],
  ];
  for (const [raised, days, due, why] of cases) assert.equal(acknowledgeBy(raised, days), due, why);
});

test('a target is at least one whole working day', () => {
  assert.throws(() => acknowledgeBy('2026-12-02T10:00:00.000Z', 0), RangeError);
  assert.throws(() => acknowledgeBy('2026-12-02T10:00:00.000Z', 1.5), RangeError);
});

test('overdue only after the deadline has passed', () => {
  const due = '2026-12-03T10:00:00.000Z';
  assert.equal(isOverdue(due, new Date('2026-12-03T10:00:00.000Z')), false);
  assert.equal(isOverdue(due, new Date('2026-12-03T10:00:01.000Z')), true);
});
