import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { certificateTotals, hoursOf, type CertificateFigures } from './certificate-totals.ts';

const none: CertificateFigures = {
  meetings: 0,
  meetingMinutes: 0,
  claimedMinutes: 0,
  swapMinutes: 0,
  creditMinutes: 0,
  courses: 0,
  trainingMinutes: 0,
  modules: 0,
};

test('minutes become hours to the nearest half hour, and any time shows', () => {
  const cases: Array<[string, number, number]> = [
    ['nothing', 0, 0],
    ['below zero is nothing', -30, 0],
    ['not a number is nothing', Number.NaN, 0],
    ['ten minutes still shows', 10, 0.5],
    ['half an hour', 30, 0.5],
    ['44 minutes rounds to a half', 44, 0.5],
    ['45 minutes rounds up to one', 45, 1],
    ['90 minutes', 90, 1.5],
    ['a long day', 7 * 60 + 20, 7.5],
  ];
  for (const [name, minutes, hours] of cases) assert.equal(hoursOf(minutes), hours, name);
});

test('certificate totals: a table of people', () => {
  const cases: Array<[string, Partial<CertificateFigures>, Partial<ReturnType<typeof certificateTotals>>]> = [
    ['someone new has nothing to print', {}, { empty: true, lines: [] }],
    [
      'meetings only',
      { meetings: 3, meetingMinutes: 270 },
      { hoursGiven: 4.5, meetings: 3, lines: ['hoursGiven', 'meetings'], empty: false },
    ],
    [
      'a meeting with no time recorded still counts as a meeting',
      { meetings: 1, meetingMinutes: 0 },
      { hoursGiven: 0, meetings: 1, lines: ['meetings'] },
    ],
    [
      'training and modules, no meetings',
      { courses: 2, trainingMinutes: 360, modules: 4 },
      { trainingHours: 6, courses: 2, modules: 4, lines: ['training', 'modules'] },
    ],
    ['credits taken back below zero print nothing', { creditMinutes: -60 }, { creditHours: 0, empty: true }],
    [
      'hours given add meetings, other claimed time and swaps',
      { meetings: 2, meetingMinutes: 150, claimedMinutes: 225, swapMinutes: 45 },
      { hoursGiven: 7, meetings: 2, lines: ['hoursGiven', 'meetings'] },
    ],
    [
      'a panel claimed by hand, with no meeting, is time given',
      { claimedMinutes: 120 },
      { hoursGiven: 2, meetings: 0, lines: ['hoursGiven'] },
    ],
    ['helping another member through the time bank is time given', { swapMinutes: 20 }, { hoursGiven: 0.5, lines: ['hoursGiven'] }],
    [
      'time credits are what came back, not more time given',
      { meetingMinutes: 60, meetings: 1, creditMinutes: 60 },
      { hoursGiven: 1, creditHours: 1, lines: ['hoursGiven', 'meetings', 'credits'] },
    ],
    [
      'training is its own line, never time given',
      { courses: 1, trainingMinutes: 120 },
      { hoursGiven: 0, trainingHours: 2, lines: ['training'] },
    ],
    ['a part below zero takes nothing from the others', { meetingMinutes: 60, swapMinutes: -600 }, { hoursGiven: 1 }],
    [
      'everything',
      { meetings: 12, meetingMinutes: 1500, creditMinutes: 1500, courses: 1, trainingMinutes: 180, modules: 8 },
      {
        hoursGiven: 25,
        meetings: 12,
        trainingHours: 3,
        courses: 1,
        modules: 8,
        creditHours: 25,
        lines: ['hoursGiven', 'meetings', 'training', 'modules', 'credits'],
        empty: false,
      },
    ],
  ];
  for (const [name, figures, expected] of cases) {
    const got = certificateTotals({ ...none, ...figures });
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(got[key as keyof typeof got], value, `${name}: ${key}`);
  }
});

test('a line prints exactly when its figure is above zero, and hours never go below zero', () => {
  const count = fc.integer({ min: -5, max: 10_000 });
  fc.assert(
    fc.property(
      fc.record({
        meetings: count,
        meetingMinutes: count,
        claimedMinutes: count,
        swapMinutes: count,
        creditMinutes: count,
        courses: count,
        trainingMinutes: count,
        modules: count,
      }),
      (f) => {
        const c = certificateTotals(f);
        assert.equal(c.lines.includes('hoursGiven'), f.meetingMinutes > 0 || f.claimedMinutes > 0 || f.swapMinutes > 0);
        // More time given anywhere never prints fewer hours.
        assert.ok(certificateTotals({ ...f, swapMinutes: Math.max(0, f.swapMinutes) + 30 }).hoursGiven >= c.hoursGiven);
        assert.equal(c.lines.includes('modules'), f.modules > 0);
        assert.equal(c.empty, c.lines.length === 0);
        for (const h of [c.hoursGiven, c.trainingHours, c.creditHours]) assert.ok(h >= 0 && Number.isInteger(h * 2));
      },
    ),
  );
});
