import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestDueAt, gatherDigests, topicOf, type HeldNotice } from './digests.ts';

test('when a digest is due: 9am London, Mondays for weekly, the 1st for monthly', () => {
  const cases: Array<[Parameters<typeof digestDueAt>[0], string, string | null, string]> = [
    ['as-it-happens', '2026-12-02T10:00:00.000Z', null, 'as it happens: never held'],
    ['weekly', '2026-12-02T10:00:00.000Z', '2026-12-07T09:00:00.000Z', 'Wednesday: next Monday 9am (GMT)'],
    ['weekly', '2026-12-07T08:59:00.000Z', '2026-12-07T09:00:00.000Z', 'Monday before 9am: that morning'],
    ['weekly', '2026-12-07T09:00:00.000Z', '2026-12-14T09:00:00.000Z', 'Monday at 9am exactly: the following Monday'],
    ['weekly', '2026-12-06T23:30:00.000Z', '2026-12-07T09:00:00.000Z', 'late Sunday night: Monday'],
    ['weekly', '2026-06-03T12:00:00.000Z', '2026-06-08T08:00:00.000Z', 'summer: 9am BST is 8am UTC'],
    ['weekly', '2026-10-23T12:00:00.000Z', '2026-10-26T09:00:00.000Z', 'over the clocks going back: still 9am in London'],
    ['monthly', '2026-12-02T10:00:00.000Z', '2027-01-01T09:00:00.000Z', 'December: 1 January, the year turning'],
    ['monthly', '2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z', 'the 1st before 9am: that morning'],
    ['monthly', '2026-05-31T23:30:00.000Z', '2026-06-01T08:00:00.000Z', '11:30pm UTC on 31 May is already 1 June in London, before 9am'],
    ['monthly', '2026-03-15T12:00:00.000Z', '2026-04-01T08:00:00.000Z', 'March: 1 April, in summer time'],
  ];
  for (const [frequency, written, due, why] of cases) assert.equal(digestDueAt(frequency, written), due, why);
});

test('only notices about the plan’s topics can be held; urgent ones never', () => {
  assert.equal(topicOf('decision'), 'decisions');
  assert.equal(topicOf('papers'), 'papers');
  assert.equal(topicOf('invitation'), 'meetings');
  for (const kind of ['reminder', 'change', 'cancellation', 'vote-reminder', 'sign-in', 'safeguarding', 'digest'] as const)
    assert.equal(topicOf(kind), null, kind);
});

const notice = (id: string, personId: string, heldUntil: string, more: Partial<HeldNotice> = {}): HeldNotice => ({
  id,
  organisationId: 'org',
  personId,
  channel: 'email',
  recipient: `${personId}@example.com`,
  heldUntil,
  expiresAt: null,
  createdAt: `2026-12-0${id.length}T10:00:00.000Z`,
  ...more,
});

test('which notices go in which person’s digest', () => {
  const now = new Date('2026-12-07T09:00:00.000Z');
  const monday = '2026-12-07T09:00:00.000Z';
  const january = '2027-01-01T09:00:00.000Z';
  const cases: Array<[string, HeldNotice[], boolean, Array<[string, string[]]>, string[]]> = [
    ['nothing held: no digest', [], false, [], []],
    [
      'a person’s due notices go in one digest',
      [notice('a', 'ann', monday), notice('bb', 'ann', monday)],
      false,
      [['ann', ['a', 'bb']]],
      [],
    ],
    [
      'two people: two digests',
      [notice('a', 'ann', monday), notice('b', 'ben', monday)],
      false,
      [
        ['ann', ['a']],
        ['ben', ['b']],
      ],
      [],
    ],
    [
      'not yet due: waits (monthly news stays for January)',
      [notice('a', 'ann', monday), notice('b', 'ann', january)],
      false,
      [['ann', ['a']]],
      [],
    ],
    [
      'a person who changed channel gets one of each',
      [notice('a', 'ann', monday), notice('b', 'ann', monday, { channel: 'text', recipient: '07700900123' })],
      false,
      [
        ['ann', ['a']],
        ['ann', ['b']],
      ],
      [],
    ],
    [
      'run out before the digest: left out, to be marked expired',
      [notice('a', 'ann', monday, { expiresAt: '2026-12-06T00:00:00.000Z' })],
      false,
      [],
      ['a'],
    ],
    [
      'a full batch: the last person may go on past it, so waits for the next round',
      [notice('a', 'ann', monday), notice('b', 'ben', monday)],
      true,
      [['ann', ['a']]],
      [],
    ],
    ['a full batch of one person still goes', [notice('a', 'ann', monday), notice('bb', 'ann', monday)], true, [['ann', ['a', 'bb']]], []],
  ];
  for (const [why, held, more, expected, expired] of cases) {
    const result = gatherDigests(held, now, more);
    assert.deepEqual(
      result.digests.map((d) => [d.personId, d.noticeIds]),
      expected,
      why,
    );
    assert.deepEqual(result.expired, expired, why);
  }
});
