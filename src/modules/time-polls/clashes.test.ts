import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clashesFor, type PersonTimes } from './clashes.ts';

// Monday 11 January 2027, 9:30 to 11:00 London (GMT).
const mondayMorning = { startsAt: '2027-01-11T09:30:00Z', endsAt: '2027-01-11T11:00:00Z' };
const place = { comesToAPlace: true, closesAt: '2027-01-04T23:59:00Z' };

test('clashes with what people told us', () => {
  const cases: Array<[string, PersonTimes, typeof place, string]> = [
    ['nothing said', { unsuitableTimes: null, needsTravelHelp: false }, place, ''],
    ['not mornings', { unsuitableTimes: { days: [], parts: ['morning'] }, needsTravelHelp: false }, place, 'part:morning'],
    ['not evenings', { unsuitableTimes: { days: [], parts: ['evening'] }, needsTravelHelp: false }, place, ''],
    ['not Mondays', { unsuitableTimes: { days: ['mon', 'fri'], parts: [] }, needsTravelHelp: false }, place, 'day:mon'],
    ['travel help, a week after closing', { unsuitableTimes: null, needsTravelHelp: true }, place, ''],
    [
      'travel help, the day after closing',
      { unsuitableTimes: null, needsTravelHelp: true },
      { ...place, closesAt: '2027-01-10T10:00:00Z' },
      'travel:2',
    ],
    [
      'travel help online: no travel',
      { unsuitableTimes: null, needsTravelHelp: true },
      { comesToAPlace: false, closesAt: '2027-01-10T10:00:00Z' },
      '',
    ],
  ];
  for (const [name, person, meeting, expected] of cases) {
    const found = clashesFor(person, mondayMorning, meeting)
      .map((c) => `${c.kind}:${'day' in c ? c.day : 'part' in c ? c.part : c.days}`)
      .join(' ');
    assert.equal(found, expected, name);
  }
});
