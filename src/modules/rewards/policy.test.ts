import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { preparationMinutes, versionInForce, type Preparation } from './policy.ts';

// S2, S3: rates change each year; every day has exactly the rate that applied on it.
describe('versionInForce', () => {
  const versions = [
    { effectiveFrom: '2027-04-01', rate: 1600 },
    { effectiveFrom: '2025-04-01', rate: 1400 },
    { effectiveFrom: '2026-04-01', rate: 1500 },
  ];
  const cases: Array<[string, number | null]> = [
    ['2025-03-31', null],
    ['2025-04-01', 1400],
    ['2026-03-31', 1400],
    ['2026-04-01', 1500],
    ['2026-04-02', 1500],
    ['2027-03-31', 1500],
    ['2027-04-01', 1600],
    ['2099-12-31', 1600],
  ];
  for (const [date, rate] of cases) {
    test(`on ${date} the rate is ${rate ?? 'not set'}`, () => assert.equal(versionInForce(versions, date)?.rate ?? null, rate));
  }

  test('no versions means nothing is in force', () => assert.equal(versionInForce([], '2026-11-23'), null));

  test('property: the version in force started on or before the date, and no later one did', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(day, { maxLength: 8 }), day, (starts, date) => {
        const found = versionInForce(
          starts.map((effectiveFrom) => ({ effectiveFrom })),
          date,
        );
        const earlier = starts.filter((s) => s <= date);
        assert.equal(found?.effectiveFrom ?? null, earlier.length ? earlier.sort().at(-1)! : null);
      }),
    );
  });
});

describe('preparationMinutes', () => {
  const none: Preparation = { kind: 'none' };
  const halfHourPerHour: Preparation = { kind: 'per-meeting-hour', minutes: 30 };
  const fixedHour: Preparation = { kind: 'fixed', minutes: 60 };
  const cases: Array<[string, Preparation, number, number]> = [
    ['none, for a two-hour meeting', none, 120, 0],
    ['30 minutes an hour, for two hours', halfHourPerHour, 120, 60],
    ['30 minutes an hour, for 90 minutes', halfHourPerHour, 90, 45],
    ['30 minutes an hour, for 61 minutes: rounded up for the person', halfHourPerHour, 61, 31],
    ['30 minutes an hour, for 1 minute', halfHourPerHour, 1, 1],
    ['20 minutes an hour, for 50 minutes', { kind: 'per-meeting-hour', minutes: 20 }, 50, 17],
    ['a fixed hour, for a short meeting', fixedHour, 15, 60],
    ['a fixed hour, for a long meeting', fixedHour, 300, 60],
    ['per hour, when they were not there', halfHourPerHour, 0, 0],
    ['fixed, when they were not there', fixedHour, 0, 0],
    ['fixed, with a nonsense length', fixedHour, -30, 0],
    ['per hour, with a nonsense length', halfHourPerHour, Number.NaN, 0],
  ];
  for (const [what, preparation, meeting, expected] of cases) {
    test(what, () => assert.equal(preparationMinutes({ preparation }, meeting), expected));
  }

  test('property: per-hour preparation is whole minutes, never less than the exact share nor a minute more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 120 }), (meeting, perHour) => {
        const got = preparationMinutes({ preparation: { kind: 'per-meeting-hour', minutes: perHour } }, meeting);
        const exact = (meeting * perHour) / 60;
        assert.ok(Number.isInteger(got) && got >= exact && got < exact + 1);
      }),
    );
  });
});
