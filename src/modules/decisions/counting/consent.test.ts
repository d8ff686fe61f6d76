import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { consentResponses, countConsent, type ConsentBallot, type ConsentResult } from './consent.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const b = (voterId: string, response: ConsentBallot['response'], reason?: string | null): ConsentBallot => ({ voterId, response, reason });
const summary = (r: ConsentResult) => [r.passed, r.why, r.counts.agree, r.counts.abstain, r.counts.disagree, r.counts.block];

describe('consent, principle of equality: every response weighs the same', () => {
  const cases: Array<[string, ConsentBallot[], ReturnType<typeof summary>]> = [
    ['no ballots: no support, does not pass', [], [false, 'no-support', 0, 0, 0, 0]],
    [
      'everyone abstains: no support, does not pass (silence is not consent)',
      [b('a', 'abstain'), b('c', 'abstain')],
      [false, 'no-support', 0, 2, 0, 0],
    ],
    ['one agree is enough when nobody blocks', [b('a', 'agree'), b('c', 'abstain')], [true, 'consented', 1, 1, 0, 0]],
    ['disagreeing with a reason does not stop it', [b('a', 'agree'), b('c', 'disagree', 'too costly')], [true, 'consented', 1, 0, 1, 0]],
    ['only disagreement: no support', [b('a', 'disagree', 'not now')], [false, 'no-support', 0, 0, 1, 0]],
    [
      'one block stops it, however many agree',
      [b('a', 'agree'), b('c', 'agree'), b('d', 'agree'), b('e', 'block', 'unsafe')],
      [false, 'blocked', 3, 0, 0, 1],
    ],
    ['a block without a reason is not counted', [b('a', 'agree'), b('e', 'block')], [true, 'consented', 1, 0, 0, 0]],
    ['a reason of only spaces is no reason', [b('a', 'agree'), b('e', 'block', '   ')], [true, 'consented', 1, 0, 0, 0]],
    ['a disagree without a reason is not counted', [b('a', 'agree'), b('e', 'disagree', null)], [true, 'consented', 1, 0, 0, 0]],
    ['agree and abstain need no reason', [b('a', 'agree', ''), b('c', 'abstain', null)], [true, 'consented', 1, 1, 0, 0]],
  ];
  for (const [name, ballots, expected] of cases) test(name, () => assert.deepEqual(summary(countConsent(ballots)), expected));

  test('ballots missing a reason are reported, by voter', () => {
    const r = countConsent([b('zed', 'block'), b('amy', 'disagree', ' '), b('bob', 'agree')]);
    assert.deepEqual(r.invalid, [
      { voterId: 'amy', reason: 'reason-missing' },
      { voterId: 'zed', reason: 'reason-missing' },
    ]);
    assert.equal(r.valid, 1);
  });
  test('a response outside the list (from a tampered form) is reported', () => {
    const r = countConsent([{ voterId: 'a', response: 'veto' as ConsentBallot['response'] }]);
    assert.deepEqual(r.invalid, [{ voterId: 'a', reason: 'unknown-response' }]);
  });
  test('two ballots from one person: both set aside, so nobody gets two say', () => {
    const r = countConsent([b('a', 'agree'), b('a', 'agree'), b('c', 'abstain')]);
    assert.deepEqual([r.passed, r.why, r.valid], [false, 'no-support', 1]);
    assert.deepEqual(r.invalid, [
      { voterId: 'a', reason: 'more-than-one-ballot' },
      { voterId: 'a', reason: 'more-than-one-ballot' },
    ]);
  });
  test('S4: reasons are shared with the group trimmed, sorted and without names', () => {
    const r = countConsent([
      b('a', 'block', ' unsafe '),
      b('c', 'disagree', 'later'),
      b('d', 'block', 'costly'),
      b('e', 'disagree', 'cheaper way'),
    ]);
    assert.deepEqual(r.reasons, { block: ['costly', 'unsafe'], disagree: ['cheaper way', 'later'] });
  });
});

const consentBallotsArb = ballotsArb(
  fc.record({
    response: fc.constantFrom(...consentResponses),
    reason: fc.option(fc.constantFrom('', ' ', 'why not', 'too fast'), { nil: undefined }),
  }),
);

describe('consent properties, principle of equality', () => {
  test('property: counts add up to the valid ballots, and valid plus invalid is every ballot', () => {
    fc.assert(
      fc.property(consentBallotsArb, (ballots) => {
        const r = countConsent(ballots);
        assert.equal(r.counts.agree + r.counts.abstain + r.counts.disagree + r.counts.block, r.valid);
        assert.equal(r.valid + r.invalid.length, ballots.length);
      }),
    );
  });
  test('property: consent never passes with a block, and passes exactly when someone agrees and nobody blocks', () => {
    fc.assert(
      fc.property(consentBallotsArb, (ballots) => {
        const r = countConsent(ballots);
        if (r.counts.block > 0) assert.equal(r.passed, false);
        assert.equal(r.passed, r.counts.block === 0 && r.counts.agree > 0);
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(consentBallotsArb), ({ ballots, reworked, rename }) => {
        const before = countConsent(ballots);
        const after = countConsent(reworked);
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
  });
});
