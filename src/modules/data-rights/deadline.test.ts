import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isOverdue, monthsBefore, oneMonthAfter } from './deadline.ts';

describe('one calendar month to answer a request', () => {
  const cases: Array<[string, string, string]> = [
    ['the same day next month', '2026-09-03', '2026-10-03'],
    ['31 January: the last day of February', '2027-01-31', '2027-02-28'],
    ['31 January in a leap year: 29 February', '2028-01-31', '2028-02-29'],
    ['30 March: 30 April', '2026-03-30', '2026-04-30'],
    ['31 March: 30 April, as April has 30 days', '2026-03-31', '2026-04-30'],
    ['December: January the next year', '2026-12-15', '2027-01-15'],
    ['31 December: 31 January', '2026-12-31', '2027-01-31'],
  ];
  for (const [name, received, due] of cases) test(name, () => assert.equal(oneMonthAfter(received), due));

  test('the deadline is always after the day received and at most 31 days later', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const received = d.toISOString().slice(0, 10);
        const due = oneMonthAfter(received);
        const days = (Date.parse(due) - Date.parse(received)) / 86_400_000;
        assert.ok(days >= 28 && days <= 31, `${received} -> ${due}`);
      }),
    );
  });

  test('overdue only after the due date, and only while open', () => {
    assert.equal(isOverdue({ status: 'open', dueOn: '2026-12-01' }, '2026-12-01'), false);
    assert.equal(isOverdue({ status: 'open', dueOn: '2026-12-01' }, '2026-12-02'), true);
    assert.equal(isOverdue({ status: 'done', dueOn: '2026-12-01' }, '2026-12-02'), false);
  });

  test('months before a date, for how long records are kept', () => {
    assert.equal(monthsBefore('2026-12-06', 24), '2024-12-06');
    assert.equal(monthsBefore('2026-03-31', 1), '2026-02-28');
    assert.equal(monthsBefore('2026-01-15', 1), '2025-12-15');
    assert.equal(monthsBefore('2028-02-29', 12), '2027-02-28');
  });
});
