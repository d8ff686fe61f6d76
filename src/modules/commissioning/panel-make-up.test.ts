import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { panelMakeUp } from './panel-make-up.ts';

const user = { perspectives: ['draws-on-care'] };
const carer = { perspectives: ['carer'] };
const both = { perspectives: ['draws-on-care', 'carer'] };
const staff = { perspectives: ['practitioner'] };
const many = <T>(n: number, x: T) => Array.from({ length: n }, () => x);

test('P7 panel make-up: the rule, case by case', () => {
  const cases: Array<[string, Array<{ perspectives: string[] }>, string[]]> = [
    ['nobody on the panel yet', [], ['missing:draws-on-care', 'missing:carer']],
    ['only staff', many(4, staff), ['missing:draws-on-care', 'missing:carer']],
    ['no carer', [user, user, staff], ['missing:carer']],
    ['no one who draws on care', [carer, carer, staff], ['missing:draws-on-care']],
    ['a person and a carer with two staff', [user, carer, staff, staff], []],
    ['one person who is both, alone with two staff, is a token', [both, staff, staff], ['token:1/3']],
    ['one person who is both, with one member of staff', [both, staff], []],
    ['two among seven is less than a third', [user, carer, ...many(5, staff)], ['token:2/7']],
    ['three among nine is a third', [user, carer, user, ...many(6, staff)], []],
    ['people with lived experience only', [user, carer], []],
  ];
  for (const [name, members, expected] of cases) {
    const result = panelMakeUp(members);
    assert.deepEqual(
      result.warnings.map((w) => (w.kind === 'missing' ? `missing:${w.perspective}` : `token:${w.livedExperience}/${w.size}`)),
      expected,
      name,
    );
  }
});

test('P7 panel make-up: adding a person with lived experience never adds a warning', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(user, carer, both, staff), { maxLength: 12 }),
      fc.constantFrom(user, carer, both),
      (panel, added) => {
        const before = panelMakeUp(panel).warnings.length;
        assert.ok(panelMakeUp([...panel, added]).warnings.length <= before);
      },
    ),
  );
});
