import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Role } from '../../platform/auth.ts';
import { perspectiveGroupOf } from '../../platform/perspective-groups.ts';
import { memberPerspectives, ownPerspectives, perspectivesKept } from './own-perspectives.ts';
import { perspectives, type Perspective } from './vocabulary.ts';

describe('the perspectives a person may choose for themself', () => {
  test('members are offered exactly the perspectives outside the staff and partners group', () => {
    assert.deepEqual(
      [...memberPerspectives],
      perspectives.filter((p) => perspectiveGroupOf(p) !== 'staff-partners'),
    );
  });

  const cases: Array<[string, Role, Perspective[], Perspective[], Perspective[]]> = [
    ['a member swaps carer for family member', 'member', ['carer'], ['family'], ['family']],
    ['a member cannot give themself a staff perspective', 'member', ['carer'], ['carer', 'manager', 'commissioner'], ['carer']],
    [
      'a staff-set perspective the member is not offered is kept',
      'member',
      ['carer', 'practitioner'],
      ['community'],
      ['community', 'practitioner'],
    ],
    ['a member cannot take away a staff-set perspective either', 'member', ['partner'], [], ['partner']],
    [
      'an independent facilitator is offered what a member is, and keeps what staff set',
      'independent-facilitator',
      ['partner'],
      ['community', 'manager'],
      ['community', 'partner'],
    ],
    ['staff choose any perspective for themselves', 'facilitator', ['practitioner'], ['practitioner', 'carer'], ['carer', 'practitioner']],
    ['an admin can drop a staff perspective of their own', 'admin', ['manager', 'carer'], ['carer'], ['carer']],
  ];
  for (const [name, role, before, chosen, expected] of cases) {
    test(name, () => assert.deepEqual(ownPerspectives(role, before, chosen), expected));
  }

  test('the perspectives kept are the ones the member is not offered', () => {
    assert.deepEqual(perspectivesKept('member', ['carer', 'manager', 'partner']), ['manager', 'partner']);
    assert.deepEqual(perspectivesKept('admin', ['carer', 'manager']), []);
  });

  const someOf = fc.subarray([...perspectives]);
  test('property: whatever a member sends, their review group for staff perspectives is as staff left it', () => {
    fc.assert(
      fc.property(someOf, someOf, (before, chosen) => {
        const after = ownPerspectives('member', before, chosen);
        const staffSide = (ps: readonly Perspective[]) => ps.filter((p) => perspectiveGroupOf(p) === 'staff-partners');
        assert.deepEqual(staffSide(after), staffSide(perspectives.filter((p) => before.includes(p))));
        const memberSide = (ps: readonly Perspective[]) => ps.filter((p) => perspectiveGroupOf(p) !== 'staff-partners');
        assert.deepEqual(memberSide(after), memberSide(perspectives.filter((p) => chosen.includes(p))));
      }),
    );
  });
});
