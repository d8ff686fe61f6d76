import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { involvement, type InvolvementInput } from './involvement.ts';
import { stages } from './vocabulary.ts';

const user = (joinedOn: string) => ({ perspectives: ['draws-on-care'], joinedOn });
const carer = (joinedOn: string) => ({ perspectives: ['carer'], joinedOn });
const staff = (joinedOn: string) => ({ perspectives: ['practitioner'], joinedOn });
const base: InvolvementInput = {
  startDate: '2026-03-01',
  today: '2026-06-01',
  stageChanges: [{ stage: 'setting-up', changedOn: '2026-02-01' }],
  members: [],
};

test('S1 involved from the start: the rule, case by case', () => {
  const cases: Array<[string, Partial<InvolvementInput>, boolean, string[]]> = [
    ['both there on the start date', { members: [user('2026-03-01'), carer('2026-02-20')] }, true, []],
    ['nobody at all', { members: [staff('2026-01-01')] }, false, ['started-without:draws-on-care', 'started-without:carer']],
    ['carer joined a day late', { members: [user('2026-03-01'), carer('2026-03-02')] }, false, ['started-without:carer']],
    [
      'one person who is both counts for both',
      { members: [{ perspectives: ['draws-on-care', 'carer'], joinedOn: '2026-01-01' }] },
      true,
      [],
    ],
    ['not started yet, nobody joined', { today: '2026-02-15', members: [] }, false, ['none-yet:draws-on-care', 'none-yet:carer']],
    ['not started yet, both joined', { today: '2026-02-15', members: [user('2026-02-10'), carer('2026-02-10')] }, true, []],
    [
      'moved stage before the carer joined',
      {
        members: [user('2026-01-01'), carer('2026-04-01')],
        stageChanges: [
          { stage: 'setting-up', changedOn: '2026-02-01' },
          { stage: 'designing', changedOn: '2026-03-15' },
        ],
      },
      false,
      ['started-without:carer', 'stage-without:carer:designing'],
    ],
    [
      'stage moves after everyone joined are fine',
      {
        members: [user('2026-01-01'), carer('2026-01-01')],
        stageChanges: [
          { stage: 'setting-up', changedOn: '2026-01-01' },
          { stage: 'deciding', changedOn: '2026-05-01' },
        ],
      },
      true,
      [],
    ],
  ];
  for (const [name, change, fromStart, warnings] of cases) {
    const result = involvement({ ...base, ...change });
    assert.equal(result.involvedFromStart, fromStart, name);
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.perspective, 'stage' in w ? w.stage : ''].filter(Boolean).join(':')),
      warnings,
      name,
    );
  }
});

const isoDate = fc
  .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const member = fc.record({ perspectives: fc.subarray(['draws-on-care', 'carer', 'practitioner', 'manager']), joinedOn: isoDate });
const input = fc.record({
  startDate: isoDate,
  today: isoDate,
  members: fc.array(member, { maxLength: 8 }),
  stageChanges: fc.array(fc.record({ stage: fc.constantFrom(...stages), changedOn: isoDate }), { minLength: 1, maxLength: 5 }),
});

test('S1 properties: warnings agree with the verdict, and adding an early member never makes things worse', () => {
  fc.assert(
    fc.property(input, member, (i, extra) => {
      const result = involvement(i);
      if (result.started) {
        // Involved from the start exactly when there is no "started without" warning.
        assert.equal(result.involvedFromStart, !result.warnings.some((w) => w.kind === 'started-without'));
      } else {
        assert.ok(result.warnings.every((w) => w.kind === 'none-yet'));
      }
      const early = { ...extra, joinedOn: i.startDate < '2025-01-01' ? i.startDate : '2024-12-31' };
      const more = involvement({ ...i, members: [...i.members, early] });
      assert.ok(more.warnings.length <= result.warnings.length);
      if (result.involvedFromStart) assert.ok(more.involvedFromStart);
    }),
  );
});
