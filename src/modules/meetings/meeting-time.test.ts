import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addLondonDays, daysOfWeek, londonToUtc, partsOfDay, toLondon } from './meeting-time.ts';

describe('londonToUtc (P1 timing: meetings are set in London time)', () => {
  const cases: Array<[string, string, string, ReturnType<typeof londonToUtc>]> = [
    ['winter is GMT', '2026-01-15', '10:00', { ok: true, iso: '2026-01-15T10:00:00.000Z' }],
    ['summer is BST', '2026-07-01', '10:00', { ok: true, iso: '2026-07-01T09:00:00.000Z' }],
    ['midnight', '2026-07-01', '00:00', { ok: true, iso: '2026-06-30T23:00:00.000Z' }],
    ['last minute of the day', '2026-12-31', '23:59', { ok: true, iso: '2026-12-31T23:59:00.000Z' }],
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    ['just before spring forward', '2026-03-29', '00:59', { ok: true, iso: '2026-03-29T00:59:00.000Z' }],
    ['spring gap starts', '2026-03-29', '01:00', { ok: false, reason: 'does-not-exist' }],
    ['spring gap', '2026-03-29', '01:30', { ok: false, reason: 'does-not-exist' }],
    ['spring gap ends', '2026-03-29', '01:59', { ok: false, reason: 'does-not-exist' }],
    ['first BST minute', '2026-03-29', '02:00', { ok: true, iso: '2026-03-29T01:00:00.000Z' }],
    ['morning after spring forward', '2026-03-29', '10:00', { ok: true, iso: '2026-03-29T09:00:00.000Z' }],
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:00-01:59 happen twice.
    ['just before the overlap', '2026-10-25', '00:59', { ok: true, iso: '2026-10-24T23:59:00.000Z' }],
    ['overlap takes the first (BST) time', '2026-10-25', '01:00', { ok: true, iso: '2026-10-25T00:00:00.000Z' }],
    ['ambiguous 01:30 is the BST one', '2026-10-25', '01:30', { ok: true, iso: '2026-10-25T00:30:00.000Z' }],
    ['02:00 after clocks go back is GMT', '2026-10-25', '02:00', { ok: true, iso: '2026-10-25T02:00:00.000Z' }],
    ['morning after clocks go back', '2026-10-25', '10:00', { ok: true, iso: '2026-10-25T10:00:00.000Z' }],
    // 2027: 28 March and 31 October.
    ['2027 spring gap', '2027-03-28', '01:15', { ok: false, reason: 'does-not-exist' }],
    ['2027 after spring forward', '2027-03-28', '02:15', { ok: true, iso: '2027-03-28T01:15:00.000Z' }],
    ['2027 ambiguous autumn time', '2027-10-31', '01:45', { ok: true, iso: '2027-10-31T00:45:00.000Z' }],
    ['2027 the day before the change is BST', '2027-10-30', '01:45', { ok: true, iso: '2027-10-30T00:45:00.000Z' }],
    ['leap day', '2028-02-29', '12:00', { ok: true, iso: '2028-02-29T12:00:00.000Z' }],
    ['no 29 February in 2027', '2027-02-29', '12:00', { ok: false, reason: 'invalid' }],
    ['31 February', '2026-02-31', '12:00', { ok: false, reason: 'invalid' }],
    ['month 13', '2026-13-01', '12:00', { ok: false, reason: 'invalid' }],
    ['day 0', '2026-01-00', '12:00', { ok: false, reason: 'invalid' }],
    ['25:00', '2026-01-01', '25:00', { ok: false, reason: 'invalid' }],
    ['24:00 is not a time', '2026-01-01', '24:00', { ok: false, reason: 'invalid' }],
    ['minute 60', '2026-01-01', '10:60', { ok: false, reason: 'invalid' }],
    ['12-hour clock', '2026-01-01', '2:30pm', { ok: false, reason: 'invalid' }],
    ['single-digit hour', '2026-01-01', '9:30', { ok: false, reason: 'invalid' }],
    ['with seconds', '2026-01-01', '09:30:00', { ok: false, reason: 'invalid' }],
    ['UK date order', '01/01/2026', '09:30', { ok: false, reason: 'invalid' }],
    ['empty', '', '', { ok: false, reason: 'invalid' }],
  ];
  for (const [name, date, time, expected] of cases) {
    test(`${name}: ${date} ${time}`, () => assert.deepEqual(londonToUtc(date, time), expected));
  }
});

describe('toLondon', () => {
  const cases: Array<[string, ReturnType<typeof toLondon>]> = [
    ['2026-01-15T10:00:00.000Z', { date: '2026-01-15', time: '10:00', weekday: 'thu', minutesOfDay: 600 }],
    ['2026-06-30T23:30:00.000Z', { date: '2026-07-01', time: '00:30', weekday: 'wed', minutesOfDay: 30 }],
    ['2026-03-29T00:59:00Z', { date: '2026-03-29', time: '00:59', weekday: 'sun', minutesOfDay: 59 }],
    ['2026-03-29T01:00:00Z', { date: '2026-03-29', time: '02:00', weekday: 'sun', minutesOfDay: 120 }],
    ['2026-10-25T00:30:00Z', { date: '2026-10-25', time: '01:30', weekday: 'sun', minutesOfDay: 90 }],
    ['2026-10-25T01:30:00Z', { date: '2026-10-25', time: '01:30', weekday: 'sun', minutesOfDay: 90 }],
    ['2026-11-02T00:00:00+01:00', { date: '2026-11-01', time: '23:00', weekday: 'sun', minutesOfDay: 1380 }],
  ];
  for (const [iso, expected] of cases) test(`${iso} is ${expected.date} ${expected.time}`, () => assert.deepEqual(toLondon(iso), expected));
  test('a bad ISO string is refused', () => assert.throws(() => toLondon('not a date'), RangeError));
});

describe('addLondonDays (P2 notice periods keep the wall-clock time)', () => {
  const cases: Array<[string, string, number, string]> = [
    ['plain week back in winter', '2026-01-15T10:00:00.000Z', -7, '2026-01-08T10:00:00.000Z'],
    ['back across the October change lands on the change day (GMT)', '2026-11-01T10:00:00.000Z', -7, '2026-10-25T10:00:00.000Z'],
    ['back across the October change into BST', '2026-10-30T10:00:00.000Z', -7, '2026-10-23T09:00:00.000Z'],
    ['forward across the October change', '2026-10-23T09:00:00.000Z', 7, '2026-10-30T10:00:00.000Z'],
    ['back across the March change into GMT', '2026-04-02T09:00:00.000Z', -7, '2026-03-26T10:00:00.000Z'],
    ['forward across the March change', '2026-03-26T10:00:00.000Z', 7, '2026-04-02T09:00:00.000Z'],
    ['zero days', '2026-03-29T09:00:00.000Z', 0, '2026-03-29T09:00:00.000Z'],
    ['into the spring gap: moves to when the clocks jump', '2026-03-22T01:30:00.000Z', 7, '2026-03-29T01:00:00.000Z'],
    ['into the autumn overlap: first occurrence', '2026-10-18T00:30:00.000Z', 7, '2026-10-25T00:30:00.000Z'],
    ['from the second 01:30 back a day', '2026-10-25T01:30:00.000Z', -1, '2026-10-24T00:30:00.000Z'],
    ['a year on, 2027', '2026-10-30T10:00:00.000Z', 365, '2027-10-30T09:00:00.000Z'],
    ['across the 2027 March change', '2027-03-27T10:00:00.000Z', 1, '2027-03-28T09:00:00.000Z'],
    ['14 days back over the October change', '2026-11-05T18:30:00.000Z', -14, '2026-10-22T17:30:00.000Z'],
  ];
  for (const [name, iso, days, expected] of cases) test(`${name}: ${iso} ${days}`, () => assert.equal(addLondonDays(iso, days), expected));

  test('property: the London time of day is kept (unless it falls in the spring gap)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -400, max: 400 }), (iso, days) => {
        const before = toLondon(iso);
        const after = toLondon(addLondonDays(iso, days));
        const target = new Date(Date.parse(`${before.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        assert.equal(after.date, target);
        if (londonToUtc(target, before.time).ok) assert.equal(after.time, before.time);
      }),
    );
  });
});

describe('partsOfDay and daysOfWeek (P1 timing that suits people)', () => {
  const cases: Array<[string, string, string, string[], string[]]> = [
    ['morning only', '2026-01-15T09:00:00Z', '2026-01-15T11:00:00Z', ['morning'], ['thu']],
    ['ends exactly at noon', '2026-01-15T10:00:00Z', '2026-01-15T12:00:00Z', ['morning'], ['thu']],
    ['crosses noon', '2026-01-15T11:30:00Z', '2026-01-15T12:30:00Z', ['morning', 'afternoon'], ['thu']],
    ['starts exactly at 17:00', '2026-01-15T17:00:00Z', '2026-01-15T19:00:00Z', ['evening'], ['thu']],
    ['BST: 11:30Z is 12:30 London', '2026-07-01T11:30:00Z', '2026-07-01T13:00:00Z', ['afternoon'], ['wed']],
    ['BST: 16:30Z is 17:30 London', '2026-07-01T15:30:00Z', '2026-07-01T16:30:00Z', ['afternoon', 'evening'], ['wed']],
    ['overnight', '2026-01-15T22:00:00Z', '2026-01-16T01:00:00Z', ['morning', 'evening'], ['thu', 'fri']],
    ['BST evening UTC-same-day is next London day', '2026-07-01T23:15:00Z', '2026-07-01T23:45:00Z', ['morning'], ['thu']],
    ['weekend residential', '2026-01-16T16:00:00Z', '2026-01-18T11:00:00Z', ['morning', 'afternoon', 'evening'], ['fri', 'sat', 'sun']],
    [
      'a whole week',
      '2026-01-12T09:00:00Z',
      '2026-01-19T09:00:00Z',
      ['morning', 'afternoon', 'evening'],
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    ],
    ['ends at London midnight', '2026-01-15T20:00:00Z', '2026-01-16T00:00:00Z', ['evening'], ['thu']],
    ['zero length counts as its start', '2026-01-15T12:00:00Z', '2026-01-15T12:00:00Z', ['afternoon'], ['thu']],
    ['through the spring gap', '2026-03-29T00:30:00Z', '2026-03-29T02:00:00Z', ['morning'], ['sun']],
    ['through the autumn overlap', '2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z', ['morning'], ['sun']],
    ['across midnight on the October change', '2026-10-24T22:00:00Z', '2026-10-25T11:30:00Z', ['morning', 'evening'], ['sat', 'sun']],
  ];
  for (const [name, start, end, parts, days] of cases) {
    test(`${name}`, () => {
      assert.deepEqual(partsOfDay(start, end), parts);
      assert.deepEqual(daysOfWeek(start, end), days);
    });
  }

  test('property: the start and the last minute are always touched', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 3 * 24 * 60 }), (start, minutes) => {
        const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
        const last = new Date(Date.parse(end) - 60_000).toISOString();
        for (const at of [start, last]) {
          const london = toLondon(at);
          assert.ok(daysOfWeek(start, end).includes(london.weekday));
          const part = london.minutesOfDay < 720 ? 'morning' : london.minutesOfDay < 1020 ? 'afternoon' : 'evening';
          assert.ok(partsOfDay(start, end).includes(part));
        }
      }),
    );
  });
});

// Minute-aligned instants from 2025 to 2028, so every clock change in between is in play.
const instant = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z') / 60_000, max: Date.parse('2028-12-31T00:00:00Z') / 60_000 })
  .map((m) => new Date(m * 60_000).toISOString());

// Since 1981 the UK changes its clocks at 01:00 UTC on the last Sundays of March and October.
const anyDate = fc
  .integer({ min: Date.parse('1981-01-01T00:00:00Z') / 86_400_000, max: Date.parse('2060-12-31T00:00:00Z') / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const changeDate = fc.constantFrom(
  '2025-03-30',
  '2025-10-26',
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29',
);
const wallTime = fc.record({
  date: fc.oneof(anyDate, changeDate),
  time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
});

test('property: any wall time that exists comes back unchanged through toLondon', () => {
  fc.assert(
    fc.property(wallTime, ({ date, time }) => {
      const utc = londonToUtc(date, time);
      if (!utc.ok) {
        assert.equal(utc.reason, 'does-not-exist');
        // Only the hour after 01:00 on a spring Sunday can be missing.
        assert.ok(time.startsWith('01:') && date.slice(5, 7) === '03');
        return;
      }
      assert.deepEqual([toLondon(utc.iso).date, toLondon(utc.iso).time], [date, time]);
    }),
    { numRuns: 500 },
  );
});

test('property: every minute-aligned instant maps back to itself or an earlier twin', () => {
  fc.assert(
    fc.property(instant, (iso) => {
      const { date, time } = toLondon(iso);
      const back = londonToUtc(date, time);
      assert.ok(back.ok);
      const diff = Date.parse(iso) - Date.parse(back.iso);
      // Equal, or the second 01:xx of an October night, which maps to the first.
      assert.ok(diff === 0 || diff === 3_600_000, `${iso} -> ${back.iso}`);
    }),
  );
});

test('nothing depends on the server time zone (process.env.TZ)', () => {
  const run = () => [
    londonToUtc('2026-03-29', '02:30'),
    londonToUtc('2026-10-25', '01:30'),
    londonToUtc('2026-07-01', '23:30'),
    toLondon('2026-10-25T01:30:00Z'),
    toLondon('2026-06-30T23:30:00Z'),
    addLondonDays('2026-10-30T10:00:00.000Z', -7),
    addLondonDays('2026-03-22T01:30:00.000Z', 7),
    partsOfDay('2026-07-01T10:30:00Z', '2026-07-01T16:30:00Z'),
    daysOfWeek('2026-07-01T22:30:00Z', '2026-07-01T23:30:00Z'),
  ];
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'Europe/London';
    const expected = run();
    for (const zone of ['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      // Proves the change of zone really took effect, so the comparison means something.
      assert.notEqual(new Date('2026-07-01T12:00:00Z').getTimezoneOffset(), -60, zone);
      assert.deepEqual(run(), expected, zone);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
