import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { makeTranslator } from '../../platform/i18n.ts';
import { describeMinutes, durationParts, minutesFromParts, splitMinutes } from './duration.ts';

const t = makeTranslator('en');

describe('time as people say it', () => {
  const cases: Array<[number, string]> = [
    [0, '0 hours'],
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [61, '1 hour and 1 minute'],
    [200, '3 hours and 20 minutes'],
    [600, '10 hours'],
    [-90, 'minus 1 hour and 30 minutes'],
  ];
  for (const [minutes, text] of cases) test(`${minutes} minutes reads "${text}"`, () => assert.equal(describeMinutes(t, minutes), text));

  test('hours and minutes always put back together', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (total) => {
        const { negative, hours, minutes } = splitMinutes(total);
        assert.ok(minutes >= 0 && minutes < 60, 'minutes stay under an hour');
        assert.equal((negative ? -1 : 1) * (hours * 60 + minutes), total);
      }),
    );
  });
});

describe('reading the hours and minutes boxes', () => {
  const schema = minutesFromParts('required');
  const cases: Array<[string, { hours: string; minutes: string }, number | string]> = [
    ['hours only', { hours: '2', minutes: '' }, 120],
    ['minutes only', { hours: '', minutes: '45' }, 45],
    ['both', { hours: '1', minutes: '30' }, 90],
    ['minutes past 59 are fine', { hours: '', minutes: '90' }, 90],
    ['both empty', { hours: '', minutes: '' }, 'required'],
    ['zero is not a length of time', { hours: '0', minutes: '0' }, 'required'],
    ['words', { hours: 'two', minutes: '' }, 'timebank:errors.durationInvalid'],
    ['a decimal point', { hours: '1.5', minutes: '' }, 'timebank:errors.durationInvalid'],
    ['a minus sign', { hours: '-1', minutes: '' }, 'timebank:errors.durationInvalid'],
    ['more than a thousand hours', { hours: '1001', minutes: '' }, 'timebank:errors.durationTooMany'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const result = schema.safeParse(input);
      if (typeof expected === 'number') assert.deepEqual(result.success && result.data, expected);
      else assert.equal(result.success ? 'passed' : result.error.issues[0]?.message, expected);
    });
  }

  test('a saved number of minutes goes back into the boxes and reads the same', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60_000 }), (total) => assert.equal(schema.parse(durationParts(total)), total)));
  });
});
