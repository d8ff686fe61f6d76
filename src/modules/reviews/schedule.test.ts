import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addMonths, nextCycleDates } from './schedule.ts';

test('dates move on by whole months; a day the month lacks becomes its last day', () => {
  const cases: Array<[string, number, string]> = [
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-10-01', 12, '2027-10-01'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-12-31', 3, '2027-03-31'],
    ['2026-05-31', 1, '2026-06-30'],
  ];
  for (const [from, months, to] of cases) assert.equal(addMonths(from, months), to, `${from} + ${months}`);
});

test('the next cycle keeps the schedule: quarterly, six-monthly and yearly; none does not repeat', () => {
  const cycle = { opensOn: '2026-12-01', closesOn: '2026-12-31' };
  assert.deepEqual(nextCycleDates({ ...cycle, schedule: 'quarterly' }), { opensOn: '2027-03-01', closesOn: '2027-03-31' });
  assert.deepEqual(nextCycleDates({ ...cycle, schedule: 'six-monthly' }), { opensOn: '2027-06-01', closesOn: '2027-06-30' });
  assert.deepEqual(nextCycleDates({ ...cycle, schedule: 'yearly' }), { opensOn: '2027-12-01', closesOn: '2027-12-31' });
  assert.equal(nextCycleDates({ ...cycle, schedule: 'none' }), null);
});

test('property: the next cycle always opens after this one opened and never closes before it opens', () => {
  const day = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(
      day,
      fc.integer({ min: 0, max: 200 }),
      fc.constantFrom('quarterly', 'six-monthly', 'yearly') as fc.Arbitrary<'quarterly' | 'six-monthly' | 'yearly'>,
      (opensOn, length, schedule) => {
        const closesOn = new Date(Date.parse(opensOn) + length * 86_400_000).toISOString().slice(0, 10);
        const next = nextCycleDates({ opensOn, closesOn, schedule });
        assert.ok(next);
        assert.ok(next.opensOn > opensOn);
        assert.ok(next.closesOn >= next.opensOn);
        assert.match(next.opensOn, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(!Number.isNaN(Date.parse(next.closesOn)));
      },
    ),
  );
});
