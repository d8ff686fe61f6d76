import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newcomerStatus, newcomersSince } from './newcomers.ts';

const today = '2026-12-10';

test('newcomers start 90 days back, today counted', () => {
  assert.equal(newcomersSince(today), '2026-09-12');
});

const cases: Array<[string, string | null, Array<{ startsOn: string; endsOn: string | null }>, string]> = [
  ['never in a project', null, [], 'not-newcomer'],
  ['joined today, no buddy', today, [], 'needs-buddy'],
  ['joined on the 90th day back', '2026-09-12', [], 'needs-buddy'],
  ['joined on the 91st day back', '2026-09-11', [], 'not-newcomer'],
  ['joins in the future', '2026-12-11', [], 'not-newcomer'],
  ['active buddy, no end', '2026-12-01', [{ startsOn: '2026-12-01', endsOn: null }], 'has-buddy'],
  ['buddy ends later', '2026-12-01', [{ startsOn: '2026-12-01', endsOn: '2026-12-11' }], 'has-buddy'],
  ['buddy ended today', '2026-12-01', [{ startsOn: '2026-12-01', endsOn: today }], 'needs-buddy'],
  ['buddy starts next week', '2026-12-01', [{ startsOn: '2026-12-17', endsOn: null }], 'needs-buddy'],
  [
    'one ended, one active',
    '2026-11-01',
    [
      { startsOn: '2026-11-01', endsOn: '2026-11-20' },
      { startsOn: '2026-11-20', endsOn: null },
    ],
    'has-buddy',
  ],
];

for (const [name, joined, pairings, expected] of cases)
  test(`newcomer status: ${name}`, () => assert.equal(newcomerStatus(joined, pairings, today), expected));
