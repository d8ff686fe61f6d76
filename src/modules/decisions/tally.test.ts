import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PerspectiveGroup } from '../../platform/perspective-groups.ts';
import { countingQuorum, countProposal, resultsOfGroups, type CountableProposal, type StoredBallot } from './tally.ts';

const proposal = (over: Partial<CountableProposal> = {}): CountableProposal => ({
  id: 'p1',
  method: 'consent',
  settings: {},
  options: [
    { id: 'a', costPence: null },
    { id: 'b', costPence: null },
  ],
  eligible: 10,
  agreedScores: null,
  ...over,
});
let n = 0;
const ballot = (body: StoredBallot['body'], groups: PerspectiveGroup[], voterPersonId: string | null = null): StoredBallot => ({
  id: `ballot-${String(n++).padStart(3, '0')}`,
  voterPersonId,
  groups,
  body,
});

test('a quorum as a percentage is a share of the people asked, rounded up', () => {
  assert.deepEqual(countingQuorum({ quorum: { kind: 'percent', percent: 50 } }, 7), {
    kind: 'share-of-eligible',
    eligible: 7,
    numerator: 50,
    denominator: 100,
  });
  assert.deepEqual(countingQuorum({ quorum: { kind: 'people', minimum: 4 } }, 7), { kind: 'ballots', minimum: 4 });
  assert.deepEqual(countingQuorum({}, 7), { kind: 'ballots', minimum: 0 });
  const majority = proposal({ method: 'majority', settings: { quorum: { kind: 'percent', percent: 50 } }, eligible: 7 });
  const three = [ballot({ choice: 'a' }, []), ballot({ choice: 'a' }, []), ballot({ choice: null }, [])];
  const counted = countProposal(majority, three);
  assert.ok(counted.method === 'majority');
  assert.deepEqual(counted.result.quorum, { required: 4, present: 3, met: false });
  const four = countProposal(majority, [...three, ballot({ choice: 'b' }, [])]);
  assert.ok(four.method === 'majority' && four.result.outcome.decided && four.result.outcome.option === 'a');
});

test('every ballot weighs the same: the count is by ballot id, never by who cast it', () => {
  const named = [
    ballot({ response: 'agree', reason: null }, ['staff-partners'], 'boss'),
    ballot({ response: 'block', reason: 'Unsafe' }, ['draws-on-care'], 'grace'),
  ];
  const counted = countProposal(proposal(), named);
  assert.ok(counted.method === 'consent');
  assert.deepEqual(
    [counted.result.passed, counted.result.why, counted.result.counts.agree, counted.result.counts.block],
    [false, 'blocked', 1, 1],
  );
});

test("budget: approval and allocation use the proposal's budget, each person sharing out the whole of it", () => {
  const options = [
    { id: 'a', costPence: 600 },
    { id: 'b', costPence: 500 },
    { id: 'c', costPence: 300 },
  ];
  const approve = countProposal(proposal({ method: 'budget', options, settings: { budgetPence: 1000, budgetWay: 'approve' } }), [
    ballot({ approve: ['a', 'b'] }, []),
    ballot({ approve: ['b', 'c'] }, []),
  ]);
  assert.ok(approve.method === 'budget');
  assert.deepEqual(approve.result.funded, ['b', 'c']);
  const allocate = countProposal(proposal({ method: 'budget', options, settings: { budgetPence: 1000, budgetWay: 'allocate' } }), [
    ballot({ allocate: { a: 1000 } }, []),
    ballot({ allocate: { a: 1001 } }, []),
  ]);
  assert.ok(allocate.method === 'budget');
  assert.deepEqual([allocate.result.valid, allocate.result.invalid.length, allocate.result.funded], [1, 1, ['a']]);
});

test('scoring: agreed scores replace the mean for their criterion', () => {
  const p = proposal({
    method: 'scoring',
    settings: { criteria: [{ id: 'q', name: 'Quality', weight: 2 }] },
    agreedScores: { b: { q: 5 } },
  });
  const counted = countProposal(p, [
    ballot({ scores: { a: { q: 4 }, b: { q: 1 } } }, []),
    ballot({ scores: { a: { q: 2 }, b: { q: 3 } } }, []),
  ]);
  assert.ok(counted.method === 'scoring');
  assert.deepEqual(
    counted.result.options.map((o) => [o.option, o.meanTotal, o.moderatedTotal]),
    [
      ['a', 6, 6],
      ['b', 4, 10],
    ],
  );
});

test('named votes by perspective: someone with two perspectives counts in both groups', () => {
  const ballots = [
    ...[1, 2, 3].map(() => ballot({ response: 'agree', reason: null }, ['draws-on-care'])),
    ...[1, 2].map(() => ballot({ response: 'block', reason: 'No' }, ['staff-partners'])),
    ballot({ response: 'block', reason: 'No' }, ['staff-partners', 'carer']),
  ];
  const g = resultsOfGroups(proposal(), ballots, false);
  const staff = g.groups.find((x) => x.group === 'staff-partners')!;
  assert.ok(staff.shown && staff.voters === 3);
  assert.deepEqual(
    g.sharpDifferences.map((d) => [d.option, d.highest.group, d.lowest.group]),
    [['agree', 'draws-on-care', 'staff-partners']],
  );
  assert.deepEqual(g.hiddenToProtect, []);
});

test('secret votes by perspective: one group each, and a lone carer cannot be worked out from the totals', () => {
  const ballots = [
    ...[1, 2, 3, 4].map(() => ballot({ response: 'agree', reason: null }, ['draws-on-care'])),
    ...[1, 2, 3].map(() => ballot({ response: 'agree', reason: null }, ['staff-partners'])),
    ballot({ response: 'block', reason: 'Unsafe' }, ['carer']),
  ];
  const g = resultsOfGroups(proposal(), ballots, true);
  assert.deepEqual(
    g.groups.filter((x) => x.shown).map((x) => x.group),
    ['draws-on-care'],
  );
  assert.deepEqual(g.hiddenToProtect, ['staff-partners']);
  // Total 7 agree, 1 block; draws on care 4 agree: the other 4 ballots are 3 agree and 1 block,
  // which does not say which of them blocked. Named, the staff group would have been shown.
  assert.ok(resultsOfGroups(proposal(), ballots, false).groups.find((x) => x.group === 'staff-partners')!.shown);
});
