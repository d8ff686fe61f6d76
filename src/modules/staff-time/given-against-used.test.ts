import assert from 'node:assert/strict';
import { test } from 'node:test';
import { givenAgainstUsed, mondayOf, weeksIn, type Allowances, type GroupInput } from './given-against-used.ts';

test('weeks in a period: a part week counts, never fewer than one', () => {
  const cases: Array<[string, string, number]> = [
    ['2026-12-07', '2026-12-07', 1],
    ['2026-12-07', '2026-12-13', 1],
    ['2026-12-07', '2026-12-14', 2],
    ['2026-10-01', '2026-12-31', 14],
    ['2026-12-31', '2026-12-01', 1],
  ];
  for (const [from, to, weeks] of cases) assert.equal(weeksIn(from, to), weeks, `${from}..${to}`);
});

test('the Monday of a week', () => {
  const cases: Array<[string, string]> = [
    ['2026-12-07', '2026-12-07'], // a Monday
    ['2026-12-06', '2026-11-30'], // a Sunday belongs to the week before
    ['2026-12-09', '2026-12-07'],
    ['2027-01-01', '2026-12-28'], // across the year
  ];
  for (const [day, monday] of cases) assert.equal(mondayOf(day), monday, day);
});

test('staff time given against used, by group', () => {
  const allowances: Allowances = { admin: 60, facilitator: 120 };
  const cases: Array<{ why: string; weeks: number; group: GroupInput; expect: [number, number, number | null, string] }> = [
    {
      why: 'used all it was given',
      weeks: 4,
      group: { key: 'a', staff: { facilitator: 2 }, usedMinutes: 960 },
      expect: [2, 960, 100, 'as-given'],
    },
    {
      why: 'half is still as given',
      weeks: 4,
      group: { key: 'b', staff: { facilitator: 2 }, usedMinutes: 480 },
      expect: [2, 960, 50, 'as-given'],
    },
    {
      why: 'under half is little used',
      weeks: 4,
      group: { key: 'c', staff: { facilitator: 2 }, usedMinutes: 470 },
      expect: [2, 960, 49, 'little-used'],
    },
    {
      why: '110% is as given',
      weeks: 1,
      group: { key: 'd', staff: { facilitator: 1 }, usedMinutes: 132 },
      expect: [1, 120, 110, 'as-given'],
    },
    {
      why: 'over 110% means the allowance is too small',
      weeks: 1,
      group: { key: 'e', staff: { facilitator: 1 }, usedMinutes: 140 },
      expect: [1, 120, 117, 'over'],
    },
    {
      why: 'roles mixed in a team add their own allowances',
      weeks: 2,
      group: { key: 'f', staff: { admin: 1, facilitator: 1 }, usedMinutes: 360 },
      expect: [2, 360, 100, 'as-given'],
    },
    { why: 'nothing given', weeks: 2, group: { key: 'g', staff: { admin: 0 }, usedMinutes: 30 }, expect: [0, 0, null, 'none-given'] },
  ];
  for (const c of cases) {
    const [row] = givenAgainstUsed(allowances, c.weeks, [c.group]);
    assert.deepEqual([row!.staff, row!.givenMinutes, row!.usedPercent, row!.status], c.expect, c.why);
  }
  const none = givenAgainstUsed({}, 4, [{ key: 'x', staff: { facilitator: 3 }, usedMinutes: 0 }]);
  assert.equal(none[0]!.status, 'none-given', 'an organisation that has set no allowance gives no time');
});
