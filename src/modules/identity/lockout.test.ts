import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { failuresBeforeLock, lockMinutes, tryStateAt, waitAfterFailures } from './lockout.ts';

describe('the wait after wrong passwords', () => {
  const cases: Array<[string, number, number]> = [
    ['none after one', 1, 0],
    ['none after two', 2, 0],
    ['a second after three', 3, 1],
    ['two after four', 4, 2],
    ['32 after eight', 8, 32],
    ['a minute at most', 9, 60],
    ['still a minute much later', 40, 60],
  ];
  for (const [name, failures, seconds] of cases) test(name, () => assert.equal(waitAfterFailures(failures), seconds));

  test('never shrinks as wrong passwords add up', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (n) => waitAfterFailures(n + 1) >= waitAfterFailures(n)));
  });
});

describe('how long a lock lasts', () => {
  const cases: Array<[string, number, number]> = [
    ['15 minutes the first time', 1, 15],
    ['30 the second', 2, 30],
    ['an hour the third', 3, 60],
    ['a day at most', 12, 24 * 60],
  ];
  for (const [name, nth, minutes] of cases) test(name, () => assert.equal(lockMinutes(nth), minutes));
  test(`locks after ${failuresBeforeLock} wrong passwords`, () => assert.equal(failuresBeforeLock, 10));
});

describe('whether a try may check its password', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  test('no wrong passwords: open', () => assert.deepEqual(tryStateAt(undefined, now), { kind: 'open' }));
  test('while locked: locked, with the minutes left rounded up', () =>
    assert.deepEqual(tryStateAt({ failures: 0, last_failure_at: at(-1), not_before: null, locked_until: at(14.5) }, now), {
      kind: 'locked',
      until: new Date(at(14.5)),
      minutes: 15,
    }));
  test('while waiting: wait, in seconds', () =>
    assert.deepEqual(tryStateAt({ failures: 4, last_failure_at: at(0), not_before: at(2 / 60), locked_until: null }, now), {
      kind: 'wait',
      seconds: 2,
    }));
  test('after the lock: open', () =>
    assert.deepEqual(tryStateAt({ failures: 0, last_failure_at: at(-20), not_before: null, locked_until: at(-5) }, now), { kind: 'open' }));
  test('a day after the last wrong password: forgotten', () =>
    assert.deepEqual(tryStateAt({ failures: 9, last_failure_at: at(-24 * 60), not_before: null, locked_until: null }, now), {
      kind: 'open',
    }));
});
