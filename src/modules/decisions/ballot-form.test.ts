import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ballotFormValues, parseBallot, type BallotProposal } from './ballot-form.ts';

const options = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const p = (method: BallotProposal['method'], settings: BallotProposal['settings'] = {}): BallotProposal => ({ method, settings, options });

test('consent: an answer is needed, and a reason to disagree or block', () => {
  assert.deepEqual(parseBallot(p('consent'), {}), { ok: false, errors: { response: 'decisions:errors.responseRequired' } });
  assert.deepEqual(parseBallot(p('consent'), { response: 'block' }), {
    ok: false,
    errors: { reason: 'decisions:errors.reasonRequired.block' },
  });
  assert.deepEqual(parseBallot(p('consent'), { response: 'disagree', reason: ' ' }), {
    ok: false,
    errors: { reason: 'decisions:errors.reasonRequired.disagree' },
  });
  assert.deepEqual(parseBallot(p('consent'), { response: 'agree' }), { ok: true, data: { response: 'agree', reason: null } });
  assert.deepEqual(parseBallot(p('consent'), { response: 'block', reason: ' Unsafe ' }), {
    ok: true,
    data: { response: 'block', reason: 'Unsafe' },
  });
  assert.equal(parseBallot(p('consent'), { response: 'veto' }).ok, false);
});

test('majority: one known option, or choosing none', () => {
  assert.deepEqual(parseBallot(p('majority'), { choice: 'b' }), { ok: true, data: { choice: 'b' } });
  assert.deepEqual(parseBallot(p('majority'), { choice: 'abstain' }), { ok: true, data: { choice: null } });
  assert.equal(parseBallot(p('majority'), { choice: 'z' }).ok, false);
  assert.equal(parseBallot(p('majority'), {}).ok, false);
});

test('ranked choice: ranks in order, gaps allowed, no number twice, at least one', () => {
  assert.deepEqual(parseBallot(p('ranked-choice'), { 'rank-a': '2', 'rank-b': '', 'rank-c': '1' }), {
    ok: true,
    data: { ranking: ['c', 'a'] },
  });
  assert.deepEqual(parseBallot(p('ranked-choice'), { 'rank-a': '1', 'rank-c': '1' }), {
    ok: false,
    errors: { 'rank-a': 'decisions:errors.rankTwice', 'rank-c': 'decisions:errors.rankTwice' },
  });
  assert.deepEqual(parseBallot(p('ranked-choice'), {}), { ok: false, errors: { 'rank-a': 'decisions:errors.rankNone' } });
  assert.deepEqual(parseBallot(p('ranked-choice'), { 'rank-b': '4' }), { ok: false, errors: { 'rank-b': 'decisions:errors.rankInvalid' } });
});

test('dot voting: whole dots, no more than each person has, at least one', () => {
  const dots = p('dot-voting', { dotsEach: 5 });
  assert.deepEqual(parseBallot(dots, { 'dots-a': '3', 'dots-b': '0', 'dots-c': '2' }), { ok: true, data: { dots: { a: 3, c: 2 } } });
  assert.deepEqual(parseBallot(dots, { 'dots-a': '4', 'dots-c': '2' }), {
    ok: false,
    errors: { 'dots-a': 'decisions:errors.tooManyDots' },
  });
  assert.deepEqual(parseBallot(dots, { 'dots-b': '1.5' }), { ok: false, errors: { 'dots-b': 'decisions:errors.dotsWhole' } });
  assert.deepEqual(parseBallot(dots, { 'dots-b': '-1' }), { ok: false, errors: { 'dots-b': 'decisions:errors.dotsWhole' } });
  assert.deepEqual(parseBallot(dots, {}), { ok: false, errors: { 'dots-a': 'decisions:errors.noDots' } });
});

test('scoring: every option scored on every criterion, 0 to 5', () => {
  const scoring: BallotProposal = {
    method: 'scoring',
    settings: { criteria: [{ id: 'q', name: 'Quality', weight: 2 }] },
    options: [{ id: 'a' }, { id: 'b' }],
  };
  assert.deepEqual(parseBallot(scoring, { 'score-a-q': '5', 'score-b-q': '0' }), {
    ok: true,
    data: { scores: { a: { q: 5 }, b: { q: 0 } } },
  });
  assert.deepEqual(parseBallot(scoring, { 'score-a-q': '6' }), {
    ok: false,
    errors: { 'score-a-q': 'decisions:errors.scoreRequired', 'score-b-q': 'decisions:errors.scoreRequired' },
  });
});

test('budget: approving known options, or sharing out no more than the budget', () => {
  const approve = p('budget', { budgetPence: 1000_00, budgetWay: 'approve' });
  assert.deepEqual(parseBallot(approve, { approve: ['a', 'c', 'a'] }), { ok: true, data: { approve: ['a', 'c'] } });
  assert.deepEqual(parseBallot(approve, { approve: 'b' }), { ok: true, data: { approve: ['b'] } });
  assert.deepEqual(parseBallot(approve, {}), { ok: true, data: { approve: [] } });
  assert.equal(parseBallot(approve, { approve: ['x'] }).ok, false);
  const allocate = p('budget', { budgetPence: 1000_00, budgetWay: 'allocate' });
  assert.deepEqual(parseBallot(allocate, { 'allocate-a': '£600', 'allocate-b': '400.00', 'allocate-c': '' }), {
    ok: true,
    data: { allocate: { a: 600_00, b: 400_00 } },
  });
  assert.deepEqual(parseBallot(allocate, { 'allocate-a': '600', 'allocate-b': '400.01' }), {
    ok: false,
    errors: { 'allocate-a': 'decisions:errors.overShare' },
  });
  assert.deepEqual(parseBallot(allocate, { 'allocate-b': 'lots' }), {
    ok: false,
    errors: { 'allocate-b': 'decisions:errors.allocateMoney' },
  });
});

test('a stored ballot goes back into the boxes it came from', () => {
  const cases: Array<[BallotProposal, Record<string, unknown>]> = [
    [p('consent'), { response: 'block', reason: 'No' }],
    [p('majority'), { choice: 'abstain' }],
    [p('ranked-choice'), { 'rank-c': '1', 'rank-a': '2' }],
    [p('dot-voting', { dotsEach: 5 }), { 'dots-a': '3' }],
    [p('budget', { budgetPence: 1000, budgetWay: 'allocate' }), { 'allocate-b': '5.00' }],
  ];
  for (const [proposal, form] of cases) {
    const parsed = parseBallot(proposal, form);
    assert.ok(parsed.ok);
    assert.deepEqual(parseBallot(proposal, ballotFormValues(parsed.data)), parsed);
  }
});
