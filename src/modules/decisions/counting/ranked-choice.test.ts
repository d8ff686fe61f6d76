import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { seededOrder } from './ordering.ts';
import { countRankedChoice, type RankedBallot } from './ranked-choice.ts';
import { ballotsArb, renamedInvalid, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const ballots = (...rankings: string[][]): RankedBallot[] => rankings.map((ranking, i) => ({ voterId: `v${i}`, ranking }));
const times = (n: number, ranking: string[]) => Array.from({ length: n }, () => ranking);
const seed = { seed: 'proposal-1' };
const ABCD = ['A', 'B', 'C', 'D'];

describe('ranked choice (instant run-off), principle of equality: every ballot counts once in each round', () => {
  test('no ballots: no winner, no rounds', () =>
    assert.deepEqual(countRankedChoice(ABCD, [], seed), { valid: 0, invalid: [], rounds: [], winner: null, why: 'no-valid-ballots' }));
  test('no options: no winner', () => assert.equal(countRankedChoice([], [], seed).why, 'no-options'));
  test('one candidate with ballots wins in round 1', () => {
    const r = countRankedChoice(['A'], ballots(['A'], ['A']), seed);
    assert.deepEqual(
      [r.winner, r.why, r.rounds],
      ['A', 'majority', [{ round: 1, counts: [{ option: 'A', votes: 2 }], continuing: 2, exhausted: 0, eliminated: null }]],
    );
  });
  test('one candidate and no ballots: no winner', () => assert.equal(countRankedChoice(['A'], [], seed).winner, null));
  test('a majority of first preferences wins at once', () => {
    const r = countRankedChoice(ABCD, ballots(['B'], ['B', 'A'], ['A']), seed);
    assert.deepEqual([r.winner, r.rounds.length], ['B', 1]);
  });
  test('preferences move on when an option is eliminated', () => {
    const r = countRankedChoice(['A', 'B', 'C'], ballots(...times(4, ['A']), ...times(3, ['B']), ...times(2, ['C', 'B'])), seed);
    assert.equal(r.winner, 'B');
    assert.deepEqual(
      r.rounds.map((x) => x.counts.map((c) => c.votes)),
      [
        [4, 3, 2],
        [4, 5],
      ],
    );
  });
  test('exhausted ballots drop out: the winner needs a majority of continuing ballots only', () => {
    const r = countRankedChoice(['A', 'B', 'C'], ballots(...times(4, ['A']), ...times(3, ['B']), ...times(2, ['C'])), seed);
    assert.equal(r.winner, 'A');
    assert.deepEqual(r.rounds[1], {
      round: 2,
      counts: [
        { option: 'A', votes: 4 },
        { option: 'B', votes: 3 },
      ],
      continuing: 7,
      exhausted: 2,
      eliminated: null,
    });
  });
  test('all ballots exhausted before counting (every ranking is of unknown options): no winner, all reported', () => {
    const r = countRankedChoice(['A'], ballots(['Z'], ['Y', 'X']), seed);
    assert.deepEqual(
      [r.winner, r.why, r.valid, r.invalid.map((i) => i.reason)],
      [null, 'no-valid-ballots', 0, ['unknown-option', 'unknown-option']],
    );
  });
  test('invalid ballots are reported, not guessed at: empty, unknown option, an option ranked twice, two ballots', () => {
    const r = countRankedChoice(
      ABCD,
      [
        { voterId: 'a', ranking: [] },
        { voterId: 'b', ranking: ['A', 'Q'] },
        { voterId: 'c', ranking: ['A', 'B', 'A'] },
        { voterId: 'd', ranking: ['A'] },
        { voterId: 'd', ranking: ['B'] },
        { voterId: 'e', ranking: ['C'] },
      ],
      seed,
    );
    assert.deepEqual(r.invalid, [
      { voterId: 'a', reason: 'empty' },
      { voterId: 'b', reason: 'unknown-option' },
      { voterId: 'c', reason: 'duplicate-option' },
      { voterId: 'd', reason: 'more-than-one-ballot' },
      { voterId: 'd', reason: 'more-than-one-ballot' },
    ]);
    assert.deepEqual([r.valid, r.winner], [1, 'C']);
  });
});

describe('ranked choice tie-breaks for elimination, S4: every round is shown with who went out and why', () => {
  test('tied for fewest: the one with fewer votes in the earliest round where they differed goes', () => {
    const r = countRankedChoice(ABCD, ballots(...times(6, ['A']), ...times(4, ['B']), ...times(3, ['C']), ['D', 'C', 'A']), seed);
    assert.deepEqual(r.rounds, [
      {
        round: 1,
        counts: [
          { option: 'A', votes: 6 },
          { option: 'B', votes: 4 },
          { option: 'C', votes: 3 },
          { option: 'D', votes: 1 },
        ],
        continuing: 14,
        exhausted: 0,
        eliminated: { option: 'D', votes: 1, by: 'fewest-votes' },
      },
      {
        round: 2,
        counts: [
          { option: 'A', votes: 6 },
          { option: 'B', votes: 4 },
          { option: 'C', votes: 4 },
        ],
        continuing: 14,
        exhausted: 0,
        eliminated: { option: 'C', votes: 4, by: 'earlier-round', round: 1, tied: ['B', 'C'] },
      },
      {
        round: 3,
        counts: [
          { option: 'A', votes: 7 },
          { option: 'B', votes: 4 },
        ],
        continuing: 11,
        exhausted: 3,
        eliminated: null,
      },
    ]);
    assert.equal(r.winner, 'A');
  });
  test('still tied: the one ranked at all on fewest ballots goes', () => {
    const r = countRankedChoice(['A', 'B', 'C'], ballots(['A', 'B'], ['A'], ['B'], ['C', 'B']), seed);
    assert.deepEqual(r.rounds[0]!.eliminated, { option: 'C', votes: 1, by: 'fewest-ranked', tied: ['B', 'C'] });
    assert.deepEqual(r.rounds[1]!.eliminated, { option: 'B', votes: 2, by: 'earlier-round', round: 1, tied: ['A', 'B'] });
    assert.deepEqual([r.winner, r.rounds[2]!.continuing, r.rounds[2]!.exhausted], ['A', 2, 2]);
  });
  test('still tied: the seeded order given by the caller decides, the same every time', () => {
    const out = seededOrder('proposal-1', ['A', 'B'])[0]!;
    const r = countRankedChoice(['A', 'B'], ballots(['A'], ['B']), seed);
    assert.deepEqual(r.rounds[0]!.eliminated, { option: out, votes: 1, by: 'seeded-order', tied: ['A', 'B'] });
    assert.equal(r.winner, out === 'A' ? 'B' : 'A');
    assert.deepEqual(countRankedChoice(['A', 'B'], ballots(['B'], ['A']), seed), r);
  });
  test('a different seed can eliminate the other option', () => {
    const other = ['p2', 'p3', 'p4', 'p5', 'p6', 'p7'].find(
      (s) => seededOrder(s, ['A', 'B'])[0] !== seededOrder('proposal-1', ['A', 'B'])[0],
    )!;
    assert.notEqual(
      countRankedChoice(['A', 'B'], ballots(['A'], ['B']), { seed: other }).winner,
      countRankedChoice(['A', 'B'], ballots(['A'], ['B']), seed).winner,
    );
  });
  test('repeated options in the settings throw', () => assert.throws(() => countRankedChoice(['A', 'A'], [], seed), RangeError));
});

// Mostly proper rankings, some with an unknown or repeated option.
const rankingArb = fc.oneof(
  { weight: 4, arbitrary: fc.shuffledSubarray(ABCD) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'X'), { maxLength: 4 }) },
);
const rankedBallotsArb = ballotsArb(fc.record({ ranking: rankingArb }));

describe('ranked choice properties, principle of equality', () => {
  test('property: every round counts each valid ballot once, as continuing or exhausted', () => {
    fc.assert(
      fc.property(rankedBallotsArb, (bs) => {
        const r = countRankedChoice(ABCD, bs, seed);
        assert.equal(r.valid + r.invalid.length, bs.length);
        for (const round of r.rounds) {
          assert.equal(
            round.counts.reduce((n, c) => n + c.votes, 0),
            round.continuing,
          );
          assert.equal(round.continuing + round.exhausted, r.valid);
        }
      }),
    );
  });
  test('property: the winner, if any, has more than half of the continuing ballots in the final round', () => {
    fc.assert(
      fc.property(rankedBallotsArb, (bs) => {
        const r = countRankedChoice(ABCD, bs, seed);
        assert.equal(r.winner === null, r.valid === 0);
        const last = r.rounds.at(-1);
        if (r.winner !== null) {
          const votes = last!.counts.find((c) => c.option === r.winner)!.votes;
          assert.ok(votes * 2 > last!.continuing);
          assert.equal(last!.eliminated, null);
          assert.ok(r.rounds.slice(0, -1).every((x) => x.eliminated !== null));
        }
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(rankedBallotsArb), ({ ballots: bs, reworked, rename }) => {
        const before = countRankedChoice(ABCD, bs, seed);
        const after = countRankedChoice(ABCD, reworked, seed);
        assert.deepEqual({ ...after, invalid: [] }, { ...before, invalid: [] });
        assert.deepEqual(after.invalid, renamedInvalid(before.invalid, rename));
      }),
    );
  });
});
