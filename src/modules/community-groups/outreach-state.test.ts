import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { outreachState, type OutreachState } from './outreach-state.ts';
import type { OutreachResult } from '../../db/schema/community-groups.ts';

// S5: an outreach action to close a gap is overdue the day after its due date, until
// someone records what came of it.
const cases: Array<[string, { dueOn: string; result: OutreachResult | null }, string, OutreachState]> = [
  ['due today is not overdue yet', { dueOn: '2026-12-10', result: null }, '2026-12-10', 'due-soon'],
  ['the day after the due date is overdue', { dueOn: '2026-12-10', result: null }, '2026-12-11', 'overdue'],
  ['a month late is overdue', { dueOn: '2026-11-10', result: null }, '2026-12-10', 'overdue'],
  ['six days ahead is due soon', { dueOn: '2026-12-16', result: null }, '2026-12-10', 'due-soon'],
  ['seven days ahead is planned', { dueOn: '2026-12-17', result: null }, '2026-12-10', 'planned'],
  ['across the clocks going forward', { dueOn: '2027-03-28', result: null }, '2027-03-29', 'overdue'],
  ['across a year end', { dueOn: '2026-12-31', result: null }, '2027-01-01', 'overdue'],
  ['reached, even if late, is reached', { dueOn: '2026-11-10', result: 'reached' }, '2026-12-10', 'reached'],
  ['not reached is closed, not overdue', { dueOn: '2026-11-10', result: 'not-reached' }, '2026-12-10', 'not-reached'],
  ['closed early stays closed', { dueOn: '2027-01-10', result: 'reached' }, '2026-12-10', 'reached'],
];

for (const [name, action, today, expected] of cases) {
  test(`outreach state: ${name}`, () => assert.equal(outreachState(action, today), expected));
}

const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));

test('an open action is overdue exactly when its due date is before today (the SQL count: due_on < today)', () => {
  fc.assert(fc.property(day, day, (dueOn, today) => (outreachState({ dueOn, result: null }, today) === 'overdue') === dueOn < today));
});

test('a closed action is never overdue', () => {
  fc.assert(
    fc.property(day, day, fc.constantFrom<OutreachResult>('reached', 'not-reached'), (dueOn, today, result) => {
      assert.equal(outreachState({ dueOn, result }, today), result);
    }),
  );
});
