import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkProblem, commitmentsFrom, findingOf, type Finding, type OutcomeCounts } from './provider-check.ts';

describe('findingOf', () => {
  const cases: Array<[string, OutcomeCounts, Finding]> = [
    ['nobody checked', { done: 0, partly: 0, not: 0 }, 'unchecked'],
    ['everyone says done', { done: 3, partly: 0, not: 0 }, 'done'],
    ['most say partly', { done: 1, partly: 2, not: 0 }, 'partly'],
    ['most say not', { done: 1, partly: 1, not: 3 }, 'not'],
    ['done and partly tie: partly', { done: 2, partly: 2, not: 0 }, 'partly'],
    ['done and not tie: not', { done: 2, partly: 0, not: 2 }, 'not'],
    ['a three-way tie: not', { done: 1, partly: 1, not: 1 }, 'not'],
    ['one person, done', { done: 1, partly: 0, not: 0 }, 'done'],
  ];
  for (const [name, counts, expected] of cases) test(name, () => assert.equal(findingOf(counts), expected));

  test('the finding is always an answer someone gave, and the most given', () => {
    const n = fc.nat(20);
    fc.assert(
      fc.property(n, n, n, (done, partly, not) => {
        const counts = { done, partly, not };
        const found = findingOf(counts);
        if (done + partly + not === 0) return found === 'unchecked';
        return found !== 'unchecked' && counts[found] === Math.max(done, partly, not);
      }),
    );
  });
});

describe('commitmentsFrom', () => {
  test('only co-production criteria with a promise, in order, trimmed', () => {
    const criteria = [
      { id: 'a', fromPolicy: true },
      { id: 'b', fromPolicy: false },
      { id: 'c', fromPolicy: true },
      { id: 'd', fromPolicy: true },
    ];
    assert.deepEqual(commitmentsFrom(criteria, { a: ' Members on the board ', b: 'Cheap', c: '  ', d: 'Paid for their time' }), [
      { criterionId: 'a', promise: 'Members on the board' },
      { criterionId: 'd', promise: 'Paid for their time' },
    ]);
  });
});

describe('checkProblem', () => {
  const cases: Array<[string, Parameters<typeof checkProblem>[0], ReturnType<typeof checkProblem>]> = [
    ['not decided yet', { published: false, commitments: 2, reviewOpen: true }, 'not-published'],
    ['nothing to check', { published: true, commitments: 0, reviewOpen: true }, 'no-commitments'],
    ['no review open', { published: true, commitments: 2, reviewOpen: false }, 'no-review'],
    ['ready', { published: true, commitments: 1, reviewOpen: true }, null],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(checkProblem(input), expected));
});
