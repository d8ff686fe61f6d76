import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addMonths, isOverdue, likelihoods, reviewDue, severities } from './review-due.ts';

// The worse the risk, the sooner it is looked at again; a chosen date always wins.
test('when to look again, from how likely and how bad', () => {
  const cases: Array<[string, (typeof likelihoods)[number], (typeof severities)[number], string | null, string, string]> = [
    // today, likelihood, severity, chosen, due, why
    ['2026-12-10', 'unlikely', 'minor', null, '2027-12-10', 'mildest: a year'],
    ['2026-12-10', 'possible', 'minor', null, '2027-06-10', 'one step worse: six months'],
    ['2026-12-10', 'unlikely', 'serious', null, '2027-06-10', 'one step worse the other way: six months'],
    ['2026-12-10', 'possible', 'serious', null, '2027-03-10', 'two steps: three months'],
    ['2026-12-10', 'unlikely', 'very-serious', null, '2027-03-10', 'very serious but unlikely: three months'],
    ['2026-12-10', 'likely', 'minor', null, '2027-03-10', 'likely but minor: three months'],
    ['2026-12-10', 'likely', 'serious', null, '2027-01-10', 'three steps: a month'],
    ['2026-12-10', 'possible', 'very-serious', null, '2027-01-10', 'three steps the other way: a month'],
    ['2026-12-10', 'likely', 'very-serious', null, '2026-12-24', 'worst: two weeks'],
    ['2026-12-25', 'likely', 'very-serious', null, '2027-01-08', 'two weeks over the new year'],
    ['2027-01-31', 'likely', 'serious', null, '2027-02-28', 'a month from the 31st: the end of February'],
    ['2027-08-31', 'possible', 'minor', null, '2028-02-29', 'six months into a leap-year February'],
    ['2028-02-29', 'unlikely', 'minor', null, '2029-02-28', 'a year from 29 February'],
    ['2026-12-10', 'likely', 'very-serious', '2027-05-01', '2027-05-01', 'a date someone chose wins'],
  ];
  for (const [today, l, s, chosen, due, why] of cases) assert.equal(reviewDue(today, l, s, chosen), due, why);
});

test('overdue only from the day after the date, and never once closed', () => {
  const cases: Array<[string, string, boolean, boolean, string]> = [
    // review on, today, closed, overdue, why
    ['2026-12-10', '2026-12-09', false, false, 'before the date'],
    ['2026-12-10', '2026-12-10', false, false, 'on the date: still on time'],
    ['2026-12-10', '2026-12-11', false, true, 'the day after'],
    ['2026-12-10', '2027-03-01', false, true, 'months after'],
    ['2026-12-10', '2027-03-01', true, false, 'closed risks are not looked at again'],
  ];
  for (const [reviewOn, today, closed, overdue, why] of cases) assert.equal(isOverdue(reviewOn, today, closed), overdue, why);
});

test('a worse risk is never looked at later than a milder one', () => {
  const day = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 }), (today, l, s, l2) => {
      const due = reviewDue(today, likelihoods[l]!, severities[s]!);
      assert.ok(reviewDue(today, likelihoods[l]!, severities[s + 1]!) <= due, 'worse severity');
      assert.ok(
        reviewDue(today, likelihoods[Math.max(l, l2)]!, severities[s]!) <= reviewDue(today, likelihoods[Math.min(l, l2)]!, severities[s]!),
      );
      assert.ok(due > today, 'always after today');
    }),
  );
});

test('months land on real dates', () => {
  assert.equal(addMonths('2026-03-31', 1), '2026-04-30');
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  assert.throws(() => addMonths('31/01/2026', 1), RangeError);
});
