import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatClock, formatDate, formatDateTime, londonToday } from './time.ts';

test('times show in Europe/London across the clock changes', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-15T14:30:00Z', '15 January 2026 at 2:30pm'],
    ['2026-07-15T14:30:00Z', '15 July 2026 at 3:30pm'],
    // The night the clocks go forward (29 March 2026, 1am GMT -> 2am BST).
    ['2026-03-29T00:59:00Z', '29 March 2026 at 12:59am'],
    ['2026-03-29T01:00:00Z', '29 March 2026 at 2:00am'],
    // And back (25 October 2026, 2am BST -> 1am GMT): 1:30am happens twice.
    ['2026-10-25T00:30:00Z', '25 October 2026 at 1:30am'],
    ['2026-10-25T01:30:00Z', '25 October 2026 at 1:30am'],
  ];
  for (const [iso, shown] of cases) assert.equal(formatDateTime(iso), shown, iso);
});

test('London time worked out once a day agrees with Intl at every instant, across eight years of clock changes', () => {
  const intl = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
  });
  const expected = (ms: number) => {
    const parts = intl.formatToParts(ms);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase()}`;
  };
  const from = Date.UTC(2021, 0, 1);
  const to = Date.UTC(2029, 0, 1);
  // Every 17 minutes (so every minute of the hour comes round), and each side of each clock change.
  const instants: number[] = [];
  for (let ms = from; ms < to; ms += 17 * 60_000) instants.push(ms);
  for (let year = 2021; year < 2029; year++)
    for (const month of [2, 9])
      for (let day = 24; day <= 31; day++)
        for (const minute of [-1, 0, 1, 59, 60, 61, 119, 120]) instants.push(Date.UTC(year, month, day, 0, minute) - (minute < 0 ? 1 : 0));
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const ms of instants) {
    const at = new Date(ms);
    assert.equal(formatDateTime(at), expected(ms), at.toISOString());
    assert.equal(formatDate(at), expected(ms).split(' at ')[0], at.toISOString());
    assert.equal(londonToday(at), isoDate.format(ms), at.toISOString());
  }
});

test('dates show in the GOV.UK style, and bad values show nothing', () => {
  assert.equal(formatDate('2026-03-05'), '5 March 2026');
  assert.equal(formatDate('2026-06-30T23:30:00Z'), '1 July 2026');
  assert.equal(formatDate(''), '');
  assert.equal(formatDate(null), '');
  assert.equal(formatDate('nonsense'), '');
  assert.equal(formatDateTime('nonsense'), '');
});

test("today's date is London's, not the server's", () => {
  assert.equal(londonToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
  assert.equal(londonToday(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
});

test('clock times read the GOV.UK way, in London time across the clock changes', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-15T14:30:00Z', '2:30pm'],
    ['2026-07-15T14:30:00Z', '3:30pm'],
    ['2026-07-15T09:00:00Z', '10am'],
    ['2026-01-15T12:00:00Z', 'midday'],
    ['2026-01-15T00:00:00Z', '12am'],
    ['2026-01-15T00:05:00Z', '12:05am'],
    ['2026-03-29T01:00:00Z', '2am'],
    ['2026-10-25T01:30:00Z', '1:30am'],
  ];
  for (const [iso, shown] of cases) assert.equal(formatClock(iso), shown, iso);
  assert.equal(formatClock('nonsense'), '');
  assert.equal(formatClock(null), '');
});
