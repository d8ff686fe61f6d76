import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { oneBallotEach, requireDistinct, sortInvalid } from './one-ballot-each.ts';
import { voterIdArb } from '../../../../test/worlds/voters-arbitrary.ts';

describe('equality: one person, one ballot', () => {
  test('a voter with two ballots has both set aside and reported', () => {
    const { single, duplicates } = oneBallotEach([
      { voterId: 'a', n: 1 },
      { voterId: 'b', n: 2 },
      { voterId: 'a', n: 3 },
    ]);
    assert.deepEqual(single, [{ voterId: 'b', n: 2 }]);
    assert.deepEqual(duplicates, [
      { voterId: 'a', reason: 'more-than-one-ballot' },
      { voterId: 'a', reason: 'more-than-one-ballot' },
    ]);
  });
  test('no ballots', () => assert.deepEqual(oneBallotEach([]), { single: [], duplicates: [] }));
  test('invalid ballots are listed by voter id, not by arrival', () => {
    assert.deepEqual(
      sortInvalid([
        { voterId: 'b', reason: 'x' },
        { voterId: 'a', reason: 'y' },
        { voterId: 'a', reason: 'x' },
      ]),
      [
        { voterId: 'a', reason: 'x' },
        { voterId: 'a', reason: 'y' },
        { voterId: 'b', reason: 'x' },
      ],
    );
  });
  test('options must be distinct: a wrong setting throws', () => assert.throws(() => requireDistinct(['a', 'a'], 'options'), RangeError));

  test('property: every ballot is either kept or reported, and each kept voter has exactly one ballot', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ voterId: voterIdArb })), (ballots) => {
        const { single, duplicates } = oneBallotEach(ballots);
        assert.equal(single.length + duplicates.length, ballots.length);
        assert.equal(new Set(single.map((b) => b.voterId)).size, single.length);
        for (const d of duplicates) assert.ok(!single.some((b) => b.voterId === d.voterId));
      }),
    );
  });
});
