import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countMajority, quorumRequired, type MajorityBallot, type Quorum } from './majority.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const votes = (...choices: Array<string | null>): MajorityBallot[] => choices.map((choice, i) => ({ voterId: `v${i}`, choice }));
const noQuorum: Quorum = { kind: 'ballots', minimum: 0 };
const yesNo = ['yes', 'no'];

describe('majority of votes cast, principle of equality: one vote each', () => {
  const cases: Array<[string, string[], MajorityBallot[], Quorum, unknown]> = [
    ['a clear majority', yesNo, votes('yes', 'yes', 'no'), noQuorum, { decided: true, option: 'yes', votes: 2 }],
    [
      'abstentions are not votes cast: 2 to 1 with 5 abstaining is a majority',
      yesNo,
      votes('yes', 'yes', 'no', null, null, null, null, null),
      noQuorum,
      { decided: true, option: 'yes', votes: 2 },
    ],
    [
      'a tie between two is no majority, and the tie is explicit',
      yesNo,
      votes('yes', 'no'),
      noQuorum,
      { decided: false, why: 'no-majority', leaders: ['yes', 'no'], tie: true },
    ],
    [
      'three options, most votes but not more than half: no majority, no tie',
      ['a', 'b', 'c'],
      votes('a', 'a', 'b', 'c'),
      noQuorum,
      { decided: false, why: 'no-majority', leaders: ['a'], tie: false },
    ],
    [
      'three options, a majority of those cast',
      ['a', 'b', 'c'],
      votes('c', 'c', 'c', 'a', 'b'),
      noQuorum,
      { decided: true, option: 'c', votes: 3 },
    ],
    [
      'a three-way tie',
      ['a', 'b', 'c'],
      votes('a', 'b', 'c'),
      noQuorum,
      { decided: false, why: 'no-majority', leaders: ['a', 'b', 'c'], tie: true },
    ],
    [
      'everyone abstains: no majority, nobody leads',
      yesNo,
      votes(null, null),
      noQuorum,
      { decided: false, why: 'no-majority', leaders: [], tie: false },
    ],
    ['no ballots, no quorum needed: no majority', yesNo, [], noQuorum, { decided: false, why: 'no-majority', leaders: [], tie: false }],
    ['quorum by number not met', yesNo, votes('yes', 'yes'), { kind: 'ballots', minimum: 3 }, { decided: false, why: 'no-quorum' }],
    [
      'abstentions count towards the quorum',
      yesNo,
      votes('yes', null, null),
      { kind: 'ballots', minimum: 3 },
      { decided: true, option: 'yes', votes: 1 },
    ],
    [
      'quorum as a share: a third of 10 needs 4',
      yesNo,
      votes('yes', 'yes', 'yes'),
      { kind: 'share-of-eligible', eligible: 10, numerator: 1, denominator: 3 },
      { decided: false, why: 'no-quorum' },
    ],
    [
      'quorum as a share met exactly',
      yesNo,
      votes('yes', 'yes', 'no', null),
      { kind: 'share-of-eligible', eligible: 10, numerator: 1, denominator: 3 },
      { decided: true, option: 'yes', votes: 2 },
    ],
    [
      'no-quorum is reported before any tie',
      yesNo,
      votes('yes', 'no'),
      { kind: 'ballots', minimum: 5 },
      { decided: false, why: 'no-quorum' },
    ],
  ];
  for (const [name, options, ballots, quorum, outcome] of cases)
    test(name, () => assert.deepEqual(countMajority(options, ballots, quorum).outcome, outcome));

  test('spoilt ballots are reported and do not count towards the quorum', () => {
    const r = countMajority(
      yesNo,
      [
        { voterId: 'a', choice: 'maybe' },
        { voterId: 'b', choice: 'yes' },
        { voterId: 'b', choice: 'no' },
        { voterId: 'c', choice: 'yes' },
      ],
      { kind: 'ballots', minimum: 2 },
    );
    assert.deepEqual(r.invalid, [
      { voterId: 'a', reason: 'unknown-option' },
      { voterId: 'b', reason: 'more-than-one-ballot' },
      { voterId: 'b', reason: 'more-than-one-ballot' },
    ]);
    assert.deepEqual(r.quorum, { required: 2, present: 1, met: false });
  });
  test('counts are listed in the options order, with cast and abstained', () => {
    const r = countMajority(['b', 'a'], votes('a', null, 'a', 'b'), noQuorum);
    assert.deepEqual(
      [r.counts, r.cast, r.abstained, r.valid],
      [
        [
          { option: 'b', votes: 1 },
          { option: 'a', votes: 2 },
        ],
        3,
        1,
        4,
      ],
    );
  });
  const quorumCases: Array<[Quorum, number]> = [
    [{ kind: 'ballots', minimum: 0 }, 0],
    [{ kind: 'ballots', minimum: 7 }, 7],
    [{ kind: 'share-of-eligible', eligible: 30, numerator: 1, denominator: 10 }, 3],
    [{ kind: 'share-of-eligible', eligible: 9, numerator: 1, denominator: 2 }, 5],
    [{ kind: 'share-of-eligible', eligible: 12, numerator: 2, denominator: 3 }, 8],
    [{ kind: 'share-of-eligible', eligible: 0, numerator: 1, denominator: 2 }, 0],
    [{ kind: 'share-of-eligible', eligible: 5, numerator: 1, denominator: 1 }, 5],
  ];
  for (const [q, required] of quorumCases)
    test(`quorum ${JSON.stringify(q)} needs ${required}`, () => assert.equal(quorumRequired(q), required));
  test('wrong settings throw: repeated options, a share above one, a negative minimum', () => {
    assert.throws(() => countMajority(['a', 'a'], [], noQuorum), RangeError);
    assert.throws(() => quorumRequired({ kind: 'share-of-eligible', eligible: 5, numerator: 3, denominator: 2 }), RangeError);
    assert.throws(() => quorumRequired({ kind: 'ballots', minimum: -1 }), RangeError);
  });
});

const options = ['a', 'b', 'c'];
const majorityBallotsArb = ballotsArb(fc.record({ choice: fc.option(fc.constantFrom('a', 'b', 'c', 'x')) }));
const quorumArb: fc.Arbitrary<Quorum> = fc.oneof(
  fc.record({ kind: fc.constant('ballots' as const), minimum: fc.nat(12) }),
  fc.integer({ min: 1, max: 6 }).chain((denominator) =>
    fc.record({
      kind: fc.constant('share-of-eligible' as const),
      eligible: fc.nat(20),
      numerator: fc.nat(denominator),
      denominator: fc.constant(denominator),
    }),
  ),
);

describe('majority properties, principle of equality', () => {
  test('property: counts add up to votes cast; cast plus abstained is the valid ballots; valid plus invalid is every ballot', () => {
    fc.assert(
      fc.property(majorityBallotsArb, quorumArb, (ballots, quorum) => {
        const r = countMajority(options, ballots, quorum);
        assert.equal(
          r.counts.reduce((n, c) => n + c.votes, 0),
          r.cast,
        );
        assert.equal(r.cast + r.abstained, r.valid);
        assert.equal(r.valid + r.invalid.length, ballots.length);
      }),
    );
  });
  test('property: a decided option has more than half the votes cast and the quorum was met', () => {
    fc.assert(
      fc.property(majorityBallotsArb, quorumArb, (ballots, quorum) => {
        const r = countMajority(options, ballots, quorum);
        if (r.outcome.decided) {
          assert.ok(r.outcome.votes * 2 > r.cast);
          assert.ok(r.quorum.met);
        } else if (r.quorum.met) assert.ok(r.counts.every((c) => c.votes * 2 <= r.cast));
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(majorityBallotsArb), quorumArb, ({ ballots, reworked, rename }, quorum) => {
        const before = countMajority(options, ballots, quorum);
        const after = countMajority(options, reworked, quorum);
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
  });
});
