import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { policyChanges, type PolicyChange, type PolicyWords } from './policy-changes.ts';

const base: PolicyWords = {
  codes: ['P6', 'P7'],
  criteria: [
    { name: 'People shape the service', weight: 3 },
    { name: 'Paid involvement', weight: 2 },
  ],
  bidChecks: 'Members score bids.',
  contractChecks: 'We visit after six months.',
  writtenWith: 'The carers forum',
};

describe('policyChanges', () => {
  const cases: Array<[string, PolicyWords | null, PolicyWords, PolicyChange[]]> = [
    ['the first version changes nothing', null, base, []],
    ['the same words', base, { ...base, bidChecks: ' Members score bids. ' }, []],
    [
      'a code added and one taken out',
      base,
      { ...base, codes: ['P6', 'V1'] },
      [
        { kind: 'code-added', code: 'V1' },
        { kind: 'code-removed', code: 'P7' },
      ],
    ],
    [
      'a weight changed, matched by name whatever the case',
      base,
      {
        ...base,
        criteria: [{ name: 'people shape the service', weight: 5 }, base.criteria[1]!],
      },
      [{ kind: 'weight-changed', name: 'people shape the service', from: 3, to: 5 }],
    ],
    [
      'a criterion added and one taken out',
      base,
      {
        ...base,
        criteria: [base.criteria[0]!, { name: 'Easy read papers', weight: 1 }],
      },
      [
        { kind: 'criterion-added', name: 'Easy read papers', weight: 1 },
        { kind: 'criterion-removed', name: 'Paid involvement', weight: 2 },
      ],
    ],
    [
      'the checks rewritten',
      base,
      { ...base, contractChecks: 'Members visit every three months.', writtenWith: 'Forum and panel' },
      [
        { kind: 'text-changed', part: 'contractChecks' },
        { kind: 'text-changed', part: 'writtenWith' },
      ],
    ],
  ];
  for (const [name, before, after, expected] of cases) test(name, () => assert.deepEqual(policyChanges(before, after), expected));
});
