import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  canChangeStatus,
  groupsToShow,
  isOverdue,
  progressOf,
  takingPartProblem,
  windowStart,
  type ActionStatus,
  type TakingPart,
} from './rules.ts';

test('an action is late only when its date has passed and it is not done', () => {
  const cases: Array<[ActionStatus, string, string, boolean]> = [
    ['not-started', '2026-11-22', '2026-11-23', true],
    ['in-progress', '2026-11-22', '2026-11-23', true],
    ['done', '2026-11-22', '2026-11-23', false],
    ['not-started', '2026-11-23', '2026-11-23', false],
    ['in-progress', '2026-11-24', '2026-11-23', false],
    ['not-started', '2025-12-31', '2026-01-01', true],
    ['done', '2020-01-01', '2026-11-23', false],
  ];
  for (const [status, dueOn, today, late] of cases)
    assert.equal(isOverdue({ status, dueOn }, today), late, `${status} due ${dueOn} on ${today}`);
});

test('progress counts each status once and late ones apart', () => {
  const p = progressOf(
    [
      { status: 'done', dueOn: '2026-11-01' },
      { status: 'in-progress', dueOn: '2026-11-01' },
      { status: 'not-started', dueOn: '2026-12-01' },
      { status: 'not-started', dueOn: '2026-11-22' },
    ],
    '2026-11-23',
  );
  assert.deepEqual(p, { total: 4, done: 1, inProgress: 1, notStarted: 2, overdue: 2 });
  assert.deepEqual(progressOf([], '2026-11-23'), { total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 });
});

test('property: the statuses add up to the total, and late is never more than not done', () => {
  const status = fc.constantFrom<ActionStatus>('not-started', 'in-progress', 'done');
  const date = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10));
  fc.assert(
    fc.property(fc.array(fc.record({ status, dueOn: date })), date, (actions, today) => {
      const p = progressOf(actions, today);
      assert.equal(p.done + p.inProgress + p.notStarted, p.total);
      assert.ok(p.overdue <= p.total - p.done);
    }),
  );
});

test('a done action stays done', () => {
  assert.equal(canChangeStatus('not-started'), true);
  assert.equal(canChangeStatus('in-progress'), true);
  assert.equal(canChangeStatus('done'), false);
});

test('who took part: whole numbers, nobody more than asked, known groups once each', () => {
  const ok: TakingPart = { invited: 5, tookPart: 4, byPerspective: [{ group: 'carer', invited: 1, tookPart: 1 }] };
  assert.equal(takingPartProblem(ok), null);
  assert.equal(takingPartProblem({ invited: 0, tookPart: 0, byPerspective: [] }), null);
  assert.equal(takingPartProblem({ ...ok, tookPart: 6 }), 'more-than-invited');
  assert.equal(takingPartProblem({ ...ok, invited: -1 }), 'not-whole-numbers');
  assert.equal(takingPartProblem({ ...ok, invited: 2.5 }), 'not-whole-numbers');
  assert.equal(takingPartProblem({ ...ok, byPerspective: [{ group: 'carer', invited: 1, tookPart: 2 }] }), 'more-than-invited');
  assert.equal(takingPartProblem({ ...ok, byPerspective: [{ group: 'managers', invited: 1, tookPart: 1 }] }), 'unknown-group');
  assert.equal(takingPartProblem({ ...ok, byPerspective: [ok.byPerspective[0]!, ok.byPerspective[0]!] }), 'group-twice');
});

test('groups show in the usual order, leaving out groups nobody was asked from', () => {
  const tp: TakingPart = {
    invited: 6,
    tookPart: 4,
    byPerspective: [
      { group: 'staff-partners', invited: 2, tookPart: 1 },
      { group: 'family-community', invited: 0, tookPart: 0 },
      { group: 'draws-on-care', invited: 3, tookPart: 2 },
      { group: 'carer', invited: 1, tookPart: 1 },
    ],
  };
  assert.deepEqual(
    groupsToShow(tp).map((g) => g.group),
    ['draws-on-care', 'carer', 'staff-partners'],
  );
});

test('"the last 30 days" starts 29 days before today, across months and years', () => {
  assert.equal(windowStart('2026-11-23', 30), '2026-10-25');
  assert.equal(windowStart('2026-01-10', 30), '2025-12-12');
  assert.equal(windowStart('2026-03-01', 1), '2026-03-01');
  assert.equal(windowStart('2028-03-01', 2), '2028-02-29');
});
