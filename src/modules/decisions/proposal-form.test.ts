import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProposalForm, proposalFormBody, proposalFormValues } from './proposal-form.ts';

const now = new Date('2026-11-23T10:00:00Z');
const when = {
  'opens-day': '24',
  'opens-month': '11',
  'opens-year': '2026',
  opensTime: '9am',
  'closes-day': '30',
  'closes-month': '11',
  'closes-year': '2026',
  closesTime: '17:00',
};
const base = { question: ' Should lunch start later? ', method: 'consent', secret: 'no', who: 'everyone', ...when };

test('a consent proposal: London times stored as UTC, no options needed', () => {
  const r = parseProposalForm(base, now);
  assert.ok(r.ok);
  assert.deepEqual(
    [r.data.question, r.data.opensAt, r.data.closesAt, r.data.options, r.data.everyone, r.data.secret],
    ['Should lunch start later?', '2026-11-24T09:00:00.000Z', '2026-11-30T17:00:00.000Z', [], true, false],
  );
});

test('summer time: 9am in June is 8am UTC', () => {
  const r = parseProposalForm(
    { ...base, 'opens-day': '1', 'opens-month': '6', 'opens-year': '2027', 'closes-day': '2', 'closes-month': '6', 'closes-year': '2027' },
    now,
  );
  assert.ok(r.ok && r.data.opensAt === '2027-06-01T08:00:00.000Z');
});

test('every problem shows at once', () => {
  const r = parseProposalForm(
    { method: 'majority', quorumKind: 'percent', quorumValue: '150', option1Title: 'Only one', who: 'chosen' },
    now,
  );
  assert.ok(!r.ok);
  assert.deepEqual(
    Object.keys(r.errors).sort(),
    ['closes', 'closesTime', 'opens', 'opensTime', 'option1Title', 'question', 'quorumValue', 'secret', 'voterIds'].sort(),
  );
  assert.equal(r.errors.option1Title, 'decisions:errors.twoOptions');
  assert.equal(r.errors.quorumValue, 'decisions:errors.quorumPercent');
});

test('closing must come after opening and be in the future; a skipped hour is refused', () => {
  const before = parseProposalForm({ ...base, 'closes-day': '24', closesTime: '8am' }, now);
  assert.ok(!before.ok && before.errors.closesTime === 'decisions:errors.closesBeforeOpens');
  const past = parseProposalForm({ ...base, 'opens-day': '1', 'closes-day': '2' }, now);
  assert.ok(!past.ok && past.errors.closesTime === 'decisions:errors.closesInPast');
  const skipped = parseProposalForm(
    {
      ...base,
      'opens-day': '28',
      'opens-month': '3',
      'opens-year': '2027',
      opensTime: '1:30am',
      'closes-month': '4',
      'closes-year': '2027',
    },
    now,
  );
  assert.ok(!skipped.ok && skipped.errors.opensTime === 'decisions:errors.timeSkipped');
});

test('budget options need costs; the budget is in pounds; scoring needs criteria and cannot be secret', () => {
  const budget = parseProposalForm(
    {
      ...base,
      method: 'budget',
      budget: '£1000',
      budgetWay: 'allocate',
      option1Title: 'Garden',
      option1Cost: '600',
      option2Title: 'Trips',
      option2Cost: '',
    },
    now,
  );
  assert.ok(!budget.ok && budget.errors.option2Cost === 'decisions:errors.optionCost');
  const ok = parseProposalForm(
    {
      ...base,
      method: 'budget',
      budget: '1000',
      budgetWay: 'approve',
      option1Title: 'Garden',
      option1Cost: '600',
      option3Title: 'Trips',
      option3Cost: '450.50',
    },
    now,
  );
  assert.ok(ok.ok);
  assert.deepEqual(ok.data.settings, { budgetPence: 100000, budgetWay: 'approve' });
  assert.deepEqual(
    ok.data.options.map((o) => o.costPence),
    [60000, 45050],
  );
  const scoring = parseProposalForm(
    { ...base, method: 'scoring', secret: 'yes', option1Title: 'A', option2Title: 'B', criterion1Weight: '11' },
    now,
  );
  assert.ok(!scoring.ok);
  assert.deepEqual(
    [scoring.errors.secret, scoring.errors.criterion1Name, scoring.errors.criterion1Weight],
    ['decisions:errors.scoringNotSecret', 'decisions:errors.criterionName', 'decisions:errors.criterionWeight'],
  );
});

test('a saved proposal goes back into the form and reads the same', () => {
  const input = {
    ...base,
    method: 'dot-voting',
    dotsEach: '5',
    who: 'chosen',
    voterIds: ['11111111-1111-4111-8111-111111111111'],
    option1Title: 'Soup',
    option2Title: 'Salad',
    option2Description: 'Green',
  };
  const first = parseProposalForm(input, now);
  assert.ok(first.ok);
  const saved = { ...first.data, options: first.data.options.map((o, i) => ({ ...o, id: `00000000-0000-4000-8000-00000000000${i}` })) };
  const values = proposalFormValues(saved);
  const flat = {
    ...values,
    ...Object.fromEntries(
      ['opens', 'closes'].flatMap((n) => Object.entries(values[n] as Record<string, string>).map(([k, v]) => [`${n}-${k}`, v])),
    ),
  };
  const again = parseProposalForm(flat, now);
  assert.ok(again.ok);
  assert.deepEqual(again.data, { ...saved });
  assert.deepEqual(proposalFormBody({ _csrf: 'x', voterIds: 'a' }).voterIds, ['a']);
});
