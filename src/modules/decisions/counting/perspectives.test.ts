import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { perspectives as allPerspectives } from '../../people/vocabulary.ts';
import type { MajorityBallot } from './majority.ts';
import {
  allocationBudgetTally,
  approvalBudgetTally,
  consentTally,
  dotVotingTally,
  majorityTally,
  rankedChoiceTally,
  resultsByPerspective,
  scoringTally,
  type GroupResult,
  type VoterPerspectives,
} from './perspectives.ts';
import { ballotsArb, voterPool, withReworked } from '../../../../test/worlds/voters-arbitrary.ts';

const people = (prefix: string, n: number, ps: string[]): VoterPerspectives[] =>
  Array.from({ length: n }, (_, i) => ({ voterId: `${prefix}${i}`, perspectives: ps }));
const yesNo = majorityTally(['yes', 'no']);
const vote = (voterId: string, choice: string | null): MajorityBallot => ({ voterId, choice });
const votes = (prefix: string, yes: number, no: number) => [
  ...Array.from({ length: yes }, (_, i) => vote(`${prefix}${i}`, 'yes')),
  ...Array.from({ length: no }, (_, i) => vote(`${prefix}${yes + i}`, 'no')),
];
const shown = <R>(g: GroupResult<R> | undefined) => (g && g.shown ? g : assert.fail(`group ${g?.group} is hidden`));

describe('results by perspective, principle of equality: the count never sees roles, this view shows who backed what', () => {
  const voters = [
    ...people('m', 3, ['draws-on-care']),
    ...people('c', 3, ['carer']),
    ...people('s', 4, ['practitioner']),
    ...people('f', 1, ['family']),
  ];
  const ballots = [...votes('m', 3, 0), ...votes('c', 2, 1), ...votes('s', 1, 3), ...votes('f', 1, 0)];
  const r = resultsByPerspective(ballots, voters, yesNo);

  test("support per option within each group, in the four groups' order", () => {
    assert.deepEqual(
      r.groups.map((g) => g.group),
      ['draws-on-care', 'carer', 'family-community', 'staff-partners'],
    );
    assert.deepEqual(shown(r.groups[0]).support, [
      { option: 'yes', support: 3, outOf: 3 },
      { option: 'no', support: 0, outOf: 3 },
    ]);
    assert.deepEqual(
      [shown(r.groups[3]).voters, shown(r.groups[3]).result.counts],
      [
        4,
        [
          { option: 'yes', votes: 1 },
          { option: 'no', votes: 3 },
        ],
      ],
    );
  });
  test('S4: a group with fewer than 3 voters is "too few to show", with no figures at all, so nobody can be picked out', () =>
    assert.deepEqual(r.groups[2], { group: 'family-community', shown: false, why: 'too-few-to-show' }));
  test('options where groups differ by at least 30 points are flagged, highest and lowest named', () => {
    assert.deepEqual(r.sharpDifferences, [
      {
        option: 'yes',
        highest: { group: 'draws-on-care', support: 3, outOf: 3 },
        lowest: { group: 'staff-partners', support: 1, outOf: 4 },
        points: 75,
      },
      {
        option: 'no',
        highest: { group: 'staff-partners', support: 3, outOf: 4 },
        lowest: { group: 'draws-on-care', support: 0, outOf: 3 },
        points: 75,
      },
    ]);
  });
  test('exactly 30 points is flagged (60% against 30%), 29.2 points is not', () => {
    const v = [...people('a', 5, ['carer']), ...people('b', 13, ['manager'])];
    assert.equal(resultsByPerspective([...votes('a', 3, 2), ...votes('b', 3, 7)], v, yesNo).sharpDifferences.length, 2);
    assert.equal(resultsByPerspective([...votes('a', 3, 2), ...votes('b', 4, 9)], v, yesNo).sharpDifferences.length, 0);
  });
  test('the threshold and the smallest group shown can be set', () => {
    const v = [...people('a', 2, ['carer']), ...people('b', 2, ['partner'])];
    const loose = resultsByPerspective([...votes('a', 2, 0), ...votes('b', 1, 1)], v, yesNo, {
      fewestToShow: 2,
      sharpDifferencePoints: 50,
    });
    assert.deepEqual([loose.groups.filter((g) => g.shown).length, loose.sharpDifferences.map((d) => d.points)], [2, [50, 50]]);
  });
  test('someone with several perspectives counts in each of their groups, but once in each', () => {
    const v = [
      { voterId: 'x', perspectives: ['carer', 'practitioner', 'manager'] },
      ...people('c', 2, ['carer']),
      ...people('s', 2, ['commissioner']),
    ];
    const both = resultsByPerspective([vote('x', 'yes'), ...votes('c', 2, 0), ...votes('s', 0, 2)], v, yesNo);
    assert.deepEqual([shown(both.groups[1]).voters, shown(both.groups[3]).voters], [3, 3]);
  });
  test('a group needs 3 valid ballots: spoilt ones do not make up the number', () => {
    const v = people('c', 3, ['carer']);
    assert.equal(resultsByPerspective([vote('c0', 'yes'), vote('c1', 'yes'), vote('c2', 'maybe')], v, yesNo).groups[1]!.shown, false);
  });
  test('ballots from people with no recorded perspective count in no group', () => {
    assert.ok(resultsByPerspective(votes('m', 3, 0), [], yesNo).groups.every((g) => !g.shown));
  });
  test('consent: pass or fail within each group', () => {
    const v = [...people('m', 3, ['draws-on-care']), ...people('s', 3, ['practitioner'])];
    const ballots = [
      ...['m0', 'm1', 'm2'].map((voterId) => ({ voterId, response: 'agree' as const })),
      { voterId: 's0', response: 'block' as const, reason: 'cost' },
      { voterId: 's1', response: 'agree' as const },
      { voterId: 's2', response: 'abstain' as const },
    ];
    const byGroup = resultsByPerspective(ballots, v, consentTally());
    assert.deepEqual([shown(byGroup.groups[0]).result.passed, shown(byGroup.groups[3]).result.passed], [true, false]);
    assert.deepEqual(
      byGroup.sharpDifferences.map((d) => [d.option, d.points]),
      [['agree', 200 / 3]],
    );
  });
  test('ranked choice: support is first preferences; dot voting: share of dots used', () => {
    const v = people('m', 3, ['carer']);
    const ranked = resultsByPerspective(
      ['A', 'A', 'B'].map((first, i) => ({ voterId: `m${i}`, ranking: [first] })),
      v,
      rankedChoiceTally(['A', 'B'], { seed: 'p' }),
    );
    assert.deepEqual(shown(ranked.groups[1]).support, [
      { option: 'A', support: 2, outOf: 3 },
      { option: 'B', support: 1, outOf: 3 },
    ]);
    const dots = resultsByPerspective(
      [0, 1, 2].map((i) => ({ voterId: `m${i}`, dots: { A: 2, B: i } })),
      v,
      dotVotingTally(['A', 'B'], { dotsEach: 4 }),
    );
    assert.deepEqual(shown(dots.groups[1]).support, [
      { option: 'A', support: 6, outOf: 9 },
      { option: 'B', support: 3, outOf: 9 },
    ]);
  });
  test("P7: a commissioning panel's scores by perspective, out of the most they could give", () => {
    const v = people('m', 3, ['draws-on-care']);
    const sheets = [1, 2, 3].map((q, i) => ({ voterId: `m${i}`, scores: { A: { q } } }));
    const r = resultsByPerspective(sheets, v, scoringTally(['A', 'B'], { criteria: [{ id: 'q', weight: 2 }], scale: { min: 0, max: 5 } }));
    assert.deepEqual(shown(r.groups[0]).support, [
      { option: 'A', support: 12, outOf: 30 },
      { option: 'B', support: 0, outOf: 0 },
    ]);
    const oneToFive = resultsByPerspective(
      sheets,
      v,
      scoringTally(['A'], { criteria: [{ id: 'q', weight: 2 }], scale: { min: 1, max: 5 } }),
    );
    assert.deepEqual(shown(oneToFive.groups[0]).support, [{ option: 'A', support: 6, outOf: 24 }], 'measured from the bottom of the scale');
  });
  test("participatory budget: approvals of voters, or money of all allocated, in the options' order", () => {
    const v = people('m', 3, ['carer']);
    const options = [
      { id: 'A', cost: 10 },
      { id: 'B', cost: 5 },
    ];
    const approval = resultsByPerspective(
      [0, 1, 2].map((i) => ({ voterId: `m${i}`, approve: i ? ['B'] : ['A', 'B'] })),
      v,
      approvalBudgetTally(options, { budget: 10, seed: 'p' }),
    );
    assert.deepEqual(shown(approval.groups[1]).support, [
      { option: 'A', support: 1, outOf: 3 },
      { option: 'B', support: 3, outOf: 3 },
    ]);
    const allocation = resultsByPerspective(
      [0, 1, 2].map((i) => ({ voterId: `m${i}`, allocate: { A: 3 } })),
      v,
      allocationBudgetTally(options, { budget: 10, seed: 'p', share: 3 }),
    );
    assert.deepEqual(shown(allocation.groups[1]).support, [
      { option: 'A', support: 9, outOf: 9 },
      { option: 'B', support: 0, outOf: 9 },
    ]);
  });
});

// Enough voters that groups are often big enough to be shown, so the sharp-difference
// property is not only tested on empty views.
const ids = voterPool(24);
const votersArb = fc.tuple(
  ...ids.map((voterId) => fc.subarray([...allPerspectives], { maxLength: 2 }).map((perspectives) => ({ voterId, perspectives }))),
);
const choiceArb = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('yes', 'no') }, { weight: 1, arbitrary: fc.constantFrom(null, 'x') });
const majorityBallotsArb = ballotsArb(fc.record({ choice: choiceArb }), ids.length);
const share = (s: { support: number; outOf: number }) => s.support / s.outOf;

describe('results by perspective properties, principle of equality', () => {
  test('property: a shown group has at least 3 valid ballots; a hidden one carries nothing else', () => {
    fc.assert(
      fc.property(majorityBallotsArb, votersArb, (ballots, voters) => {
        for (const g of resultsByPerspective(ballots, voters, yesNo).groups) {
          if (g.shown) assert.ok(g.result.valid >= 3);
          else assert.deepEqual(Object.keys(g).sort(), ['group', 'shown', 'why']);
        }
      }),
    );
  });
  test('property: an option is flagged exactly when two shown groups differ by at least 30 points', () => {
    fc.assert(
      fc.property(majorityBallotsArb, votersArb, (ballots, voters) => {
        const r = resultsByPerspective(ballots, voters, yesNo);
        const visible = r.groups.flatMap((g) => (g.shown ? [g.support] : []));
        for (const option of ['yes', 'no']) {
          const shares = visible
            .map((s) => s.find((x) => x.option === option)!)
            .filter((s) => s.outOf > 0)
            .map(share);
          const spread = shares.length ? Math.max(...shares) - Math.min(...shares) : 0;
          assert.equal(
            r.sharpDifferences.some((d) => d.option === option),
            spread * 100 >= 30 - 1e-9 && spread > 0,
          );
        }
      }),
    );
  });
  test('property: voter order and voter ids never change the result', () => {
    fc.assert(
      fc.property(withReworked(majorityBallotsArb), votersArb, ({ ballots, reworked, rename }, voters) => {
        const renamedVoters = voters.filter((v) => rename.has(v.voterId)).map((v) => ({ ...v, voterId: rename.get(v.voterId)! }));
        const strip = (g: GroupResult<ReturnType<typeof yesNo.count>>) =>
          g.shown ? { ...g, result: { ...g.result, invalid: g.result.invalid.length } } : g;
        const before = resultsByPerspective(ballots, voters, yesNo);
        const after = resultsByPerspective(reworked, renamedVoters, yesNo);
        assert.deepEqual(after.groups.map(strip), before.groups.map(strip));
        assert.deepEqual(after.sharpDifferences, before.sharpDifferences);
      }),
    );
  });
});
