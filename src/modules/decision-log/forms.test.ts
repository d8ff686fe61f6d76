import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTakingPart } from './forms.ts';

test('who took part: all blank means not counted', () => {
  assert.deepEqual(parseTakingPart({}), { ok: true, value: null });
  assert.deepEqual(parseTakingPart({ invited: ' ', tookPart: '' }), { ok: true, value: null });
});

test('who took part: totals, with groups only where both boxes are filled', () => {
  assert.deepEqual(parseTakingPart({ invited: '12', tookPart: ' 9 ', 'carer-invited': '3', 'carer-tookPart': '0' }), {
    ok: true,
    value: { invited: 12, tookPart: 9, byPerspective: [{ group: 'carer', invited: 3, tookPart: 0 }] },
  });
});

test('who took part: every problem is named against its own box', () => {
  const cases: Array<[Record<string, string>, Record<string, string>]> = [
    [{ invited: 'twelve', tookPart: '9' }, { invited: 'decision-log:errors.number' }],
    [{ invited: '12', tookPart: '-1' }, { tookPart: 'decision-log:errors.number' }],
    [{ invited: '12', tookPart: '2.5' }, { tookPart: 'decision-log:errors.number' }],
    [{ invited: '12', tookPart: '' }, { tookPart: 'decision-log:errors.bothNumbers' }],
    [{ invited: '', tookPart: '3' }, { invited: 'decision-log:errors.bothNumbers' }],
    [{ invited: '3', tookPart: '4' }, { tookPart: 'decision-log:errors.moreThanAsked' }],
    [{ 'carer-invited': '2', 'carer-tookPart': '1' }, { invited: 'decision-log:errors.bothNumbers' }],
    [
      { invited: '5', tookPart: '4', 'draws-on-care-invited': '2', 'draws-on-care-tookPart': '3', 'staff-partners-invited': 'x' },
      { 'draws-on-care-tookPart': 'decision-log:errors.moreThanAsked', 'staff-partners-invited': 'decision-log:errors.number' },
    ],
  ];
  for (const [body, errors] of cases) assert.deepEqual(parseTakingPart(body), { ok: false, errors }, JSON.stringify(body));
});
