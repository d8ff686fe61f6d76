import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scoringFlow, mayAgree, mayScoreAlone, maySeeOthersScores, type FlowInput } from './scoring-flow.ts';

const scored = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([p, bids]) => [p, new Map(Object.entries(bids))]));
const base: FlowInput = {
  stage: 'alone',
  criteria: 2,
  bids: [
    { id: 'b1', conflicted: [] },
    { id: 'b2', conflicted: ['ann'] },
  ],
  panel: [
    { personId: 'ann', declared: true, agreed: false },
    { personId: 'raj', declared: true, agreed: false },
  ],
  scored: scored({ ann: { b1: 2 }, raj: { b1: 2, b2: 2 } }),
  agreed: new Map(),
  hasSummary: false,
};
const allAgreed = new Map([
  ['b1', 2],
  ['b2', 2],
]);

test('P7 scoring flow: alone, then together, then published, case by case', () => {
  const cases: Array<[string, Partial<FlowInput>, string | null, string[]]> = [
    ['preparing with nothing set', { stage: 'preparing', bids: [], criteria: 0, panel: [] }, null, ['no-bids', 'no-criteria', 'no-panel']],
    ['preparing with bids, criteria and a panel', { stage: 'preparing' }, 'alone', []],
    ['alone: everyone scored every bid they may see (Ann is kept out of b2)', {}, 'together', []],
    ['alone: Raj has a criterion left on b2', { scored: scored({ ann: { b1: 2 }, raj: { b1: 2, b2: 1 } }) }, null, ['not-scored']],
    [
      'alone: Ann has not declared her interests',
      {
        panel: [
          { personId: 'ann', declared: false, agreed: false },
          { personId: 'raj', declared: true, agreed: false },
        ],
      },
      null,
      ['not-declared'],
    ],
    ['together: nothing agreed yet', { stage: 'together' }, null, ['not-agreed-scores', 'not-agreed-by-all', 'no-summary']],
    [
      'together: scores agreed and a summary, but Raj has not said he agrees',
      {
        stage: 'together',
        agreed: allAgreed,
        hasSummary: true,
        panel: [
          { personId: 'ann', declared: true, agreed: true },
          { personId: 'raj', declared: true, agreed: false },
        ],
      },
      null,
      ['not-agreed-by-all'],
    ],
    [
      'together: all agreed, with a summary',
      {
        stage: 'together',
        agreed: allAgreed,
        hasSummary: true,
        panel: [
          { personId: 'ann', declared: true, agreed: true },
          { personId: 'raj', declared: true, agreed: true },
        ],
      },
      'published',
      [],
    ],
    ['published is the end', { stage: 'published' }, null, ['published']],
  ];
  for (const [name, change, next, blocks] of cases) {
    const flow = scoringFlow({ ...base, ...change });
    assert.equal(flow.next, next, name);
    assert.deepEqual(flow.blocks, blocks, name);
  }
});

test('P7 scoring flow: who it waits for', () => {
  const flow = scoringFlow({ ...base, scored: scored({ raj: { b1: 1 } }) });
  assert.deepEqual(flow.toScore, [
    { personId: 'ann', bids: ['b1'] },
    { personId: 'raj', bids: ['b1', 'b2'] },
  ]);
  assert.deepEqual(flow.bidsToAgree, ['b1', 'b2']);
});

test('P7 scoring flow: what each stage allows', () => {
  const table: Array<[FlowInput['stage'], boolean, boolean, boolean]> = [
    ['preparing', false, false, false],
    ['alone', true, false, false],
    ['together', false, true, true],
    ['published', false, true, false],
  ];
  for (const [stage, alone, others, agree] of table) {
    assert.equal(mayScoreAlone(stage), alone, stage);
    assert.equal(maySeeOthersScores(stage), others, stage);
    assert.equal(mayAgree(stage), agree, stage);
  }
  // Nobody ever scores alone while seeing the others' scores.
  for (const [stage] of table) assert.ok(!(mayScoreAlone(stage) && maySeeOthersScores(stage)));
});

test('P7 scoring flow: a conflicted member is never waited for on that bid', () => {
  fc.assert(
    fc.property(fc.subarray(['ann', 'raj', 'sue']), (conflicted) => {
      const flow = scoringFlow({
        ...base,
        bids: [{ id: 'b1', conflicted }],
        panel: ['ann', 'raj', 'sue'].map((personId) => ({ personId, declared: true, agreed: false })),
        scored: new Map(),
      });
      for (const w of flow.toScore) assert.ok(!conflicted.includes(w.personId));
    }),
  );
});
