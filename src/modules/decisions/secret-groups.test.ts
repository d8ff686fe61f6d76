import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';
import { countingGroup, groupsSafeToShow } from './secret-groups.ts';

test("a secret ballot counts in the first of the person's groups, lived experience first", () => {
  assert.equal(countingGroup(['staff-partners', 'carer']), 'carer');
  assert.equal(countingGroup(['draws-on-care', 'carer']), 'draws-on-care');
  assert.equal(countingGroup(['family-community']), 'family-community');
  assert.equal(countingGroup([]), null);
});

const cases: Array<[string, Partial<Record<PerspectiveGroup, number>>, number, PerspectiveGroup[], PerspectiveGroup[]]> = [
  [
    'every group big enough: all shown',
    { 'draws-on-care': 4, carer: 3, 'family-community': 3, 'staff-partners': 5 },
    0,
    ['draws-on-care', 'carer', 'family-community', 'staff-partners'],
    [],
  ],
  [
    'one carer: the next smallest goes too, so the carer cannot be worked out',
    { 'draws-on-care': 5, carer: 1, 'staff-partners': 4 },
    0,
    ['draws-on-care'],
    ['staff-partners'],
  ],
  [
    'two hidden groups already make three: nothing more hidden',
    { 'draws-on-care': 5, carer: 1, 'family-community': 2, 'staff-partners': 4 },
    0,
    ['draws-on-care', 'staff-partners'],
    [],
  ],
  [
    'one person with no perspective is a remainder too',
    { 'draws-on-care': 3, 'staff-partners': 6 },
    1,
    ['staff-partners'],
    ['draws-on-care'],
  ],
  [
    'ties: the last in order goes, keeping people who draw on care',
    { 'draws-on-care': 3, 'staff-partners': 3, carer: 2 },
    0,
    ['draws-on-care'],
    ['staff-partners'],
  ],
  ['hiding one is not enough: hide until only the total is left', { 'draws-on-care': 3, carer: 1 }, 0, [], ['draws-on-care']],
  ['nobody voted', {}, 0, [], []],
  ['only small groups', { carer: 2, 'family-community': 1 }, 0, [], []],
];

for (const [name, ballots, ungrouped, shown, protectedGroups] of cases) {
  test(`groupsSafeToShow: ${name}`, () => {
    assert.deepEqual(groupsSafeToShow(ballots, ungrouped), { shown, hiddenToProtect: protectedGroups });
  });
}

test('property: what the shown groups leave out of the total is never 1 or 2 ballots', () => {
  const counts = fc.record(
    Object.fromEntries(perspectiveGroups.map((g) => [g, fc.nat(8)])) as Record<PerspectiveGroup, fc.Arbitrary<number>>,
  );
  fc.assert(
    fc.property(counts, fc.nat(3), fc.integer({ min: 2, max: 5 }), (ballots, ungrouped, k) => {
      const { shown, hiddenToProtect } = groupsSafeToShow(ballots, ungrouped, k);
      const total = perspectiveGroups.reduce((n, g) => n + ballots[g], 0) + ungrouped;
      const remainder = total - shown.reduce((n, g) => n + ballots[g], 0);
      assert.ok(remainder === 0 || remainder >= k || shown.length === 0);
      for (const g of shown) assert.ok(ballots[g] >= k, 'a shown group is never small');
      for (const g of hiddenToProtect) assert.ok(!shown.includes(g) && ballots[g] >= k);
    }),
  );
});
