import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { preparationMinutes, versionInForce } from '../rewards/policy.ts';
import type { Policy, RewardChoice } from './ports.ts';
import { amountFor, claimsFromAttendance, meetingReference, priceTime } from './time-claims.ts';

const rates = (meeting: number, preparation: number) => ({
  meeting,
  preparation,
  training: 1200,
  'recruitment-panel': 2000,
  consultation: 1500,
  'peer-support': 1000,
  other: 1000,
});
const policy2025: Policy = {
  id: 'p25',
  effectiveFrom: '2025-04-01',
  rates: rates(1500, 1000),
  preparation: { kind: 'per-meeting-hour', minutes: 30 },
  mileagePencePerMile: 45,
};
const policy2026: Policy = {
  id: 'p26',
  effectiveFrom: '2026-04-01',
  rates: rates(1600, 1100),
  preparation: { kind: 'fixed', minutes: 20 },
  mileagePencePerMile: 45,
};
const choice = (way: RewardChoice['way'], extra: Partial<RewardChoice> = {}): RewardChoice => ({
  way,
  lowerAmountPence: null,
  charity: null,
  since: '2025-01-01',
  ...extra,
});

function fromMeeting(
  onDate: string,
  present: Array<{ personId: string; minutesPresent: number | null }>,
  choices: Record<string, RewardChoice>,
  alreadyMade: string[] = [],
) {
  return claimsFromAttendance({
    meetingId: 'm1',
    onDate,
    present,
    policy: versionInForce([policy2025, policy2026], onDate),
    preparationMinutes,
    choices: new Map(Object.entries(choices)),
    alreadyMade: new Set(alreadyMade),
  });
}

// S2: people who take part are rewarded in the way they chose, at the rate of the day.
describe('claims from attendance', () => {
  test('the rate and the preparation are the ones in force on the meeting day', () => {
    const before = fromMeeting('2026-03-31', [{ personId: 'ann', minutesPresent: 120 }], { ann: choice('bank-transfer') });
    const after = fromMeeting('2026-04-01', [{ personId: 'ann', minutesPresent: 120 }], { ann: choice('bank-transfer') });
    // 2 hours at £15 plus 60 minutes of preparation at £10.
    assert.deepEqual(
      {
        rate: before.claims[0]!.ratePence,
        prep: before.claims[0]!.preparationMinutes,
        prepRate: before.claims[0]!.preparationRatePence,
        amount: before.claims[0]!.amountPence,
      },
      { rate: 1500, prep: 60, prepRate: 1000, amount: 4000 },
    );
    // 2 hours at £16 plus a fixed 20 minutes at £11.
    assert.deepEqual(
      {
        rate: after.claims[0]!.ratePence,
        prep: after.claims[0]!.preparationMinutes,
        prepRate: after.claims[0]!.preparationRatePence,
        amount: after.claims[0]!.amountPence,
      },
      { rate: 1600, prep: 20, prepRate: 1100, amount: 3567 },
    );
  });

  test('time is the real time present: someone who came late is paid for the time they were there', () => {
    const { claims } = fromMeeting('2026-03-10', [{ personId: 'ann', minutesPresent: 105 }], { ann: choice('bank-transfer') });
    // 105 minutes at £15 = £26.25; 53 minutes preparation (30 an hour, rounded up) at £10 = £8.83.
    assert.equal(claims[0]!.minutes, 105);
    assert.equal(claims[0]!.preparationMinutes, 53);
    assert.equal(claims[0]!.amountPence, Math.round((105 * 1500 + 53 * 1000) / 60));
  });

  const cases: Array<
    [string, RewardChoice, { way?: string; amount?: number; rate?: number; charity?: string | null; credits?: number; none?: string }]
  > = [
    ['bank transfer: money at the rate', choice('bank-transfer'), { way: 'bank-transfer', amount: 4000, rate: 1500 }],
    ['voucher: money at the rate', choice('voucher'), { way: 'voucher', amount: 4000, rate: 1500 }],
    [
      'lower amount below the rate: their own hourly amount',
      choice('lower-amount', { lowerAmountPence: 800 }),
      { way: 'lower-amount', amount: 2400, rate: 800 },
    ],
    [
      'lower amount above the rate: never more than the rate',
      choice('lower-amount', { lowerAmountPence: 5000 }),
      { way: 'lower-amount', amount: 4000, rate: 1500 },
    ],
    [
      'donation: money, marked for their charity',
      choice('donation', { charity: 'Northby Food Bank' }),
      { way: 'donation', amount: 4000, charity: 'Northby Food Bank' },
    ],
    ['time credits: no money, the time as credits', choice('time-credits'), { way: 'time-credits', amount: 0, credits: 180 }],
    ['volunteer: a record of hours given, no money', choice('volunteer'), { way: 'volunteer', amount: 0, credits: 0 }],
    ['paid staff: no claim at all', choice('paid-staff'), { none: 'paid-staff' }],
    ['not chosen yet: no claim until someone asks them', choice('not-chosen'), { none: 'not-chosen' }],
  ];
  for (const [what, c, expected] of cases) {
    test(what, () => {
      const result = fromMeeting('2026-03-10', [{ personId: 'p', minutesPresent: 120 }], { p: c });
      if (expected.none) {
        assert.deepEqual(result.claims, []);
        assert.deepEqual(result.none, [{ personId: 'p', reason: expected.none }]);
        return;
      }
      const claim = result.claims[0]!;
      assert.equal(claim.way, expected.way);
      assert.equal(claim.amountPence, expected.amount);
      if (expected.rate !== undefined) assert.equal(claim.ratePence, expected.rate);
      if (expected.charity !== undefined) assert.equal(claim.charity, expected.charity);
      if (expected.credits !== undefined) assert.equal(claim.creditMinutes, expected.credits);
      assert.equal(claim.reference, meetingReference('m1', 'p'));
    });
  }

  test('one claim per person and meeting: someone already claimed for is left out', () => {
    const result = fromMeeting(
      '2026-03-10',
      [
        { personId: 'ann', minutesPresent: 60 },
        { personId: 'bob', minutesPresent: 60 },
      ],
      { ann: choice('voucher'), bob: choice('voucher') },
      [meetingReference('m1', 'ann')],
    );
    assert.deepEqual(
      result.claims.map((c) => c.personId),
      ['bob'],
    );
    assert.deepEqual(result.none, [{ personId: 'ann', reason: 'already-made' }]);
  });

  test('no payment policy on the day: nobody gets a claim, and each is told why', () => {
    const result = fromMeeting('2024-12-01', [{ personId: 'ann', minutesPresent: 60 }], { ann: choice('bank-transfer') });
    assert.deepEqual(result, { claims: [], none: [{ personId: 'ann', reason: 'no-policy' }] });
  });

  test('present with no time recorded: no claim', () => {
    const result = fromMeeting('2026-03-10', [{ personId: 'ann', minutesPresent: null }], { ann: choice('bank-transfer') });
    assert.deepEqual(result.none, [{ personId: 'ann', reason: 'no-minutes' }]);
  });

  test('someone with no choice recorded counts as not chosen', () => {
    assert.deepEqual(fromMeeting('2026-03-10', [{ personId: 'ann', minutesPresent: 60 }], {}).none, [
      { personId: 'ann', reason: 'not-chosen' },
    ]);
  });
});

describe('priceTime', () => {
  test('a hand claim for training uses the training rate and no preparation', () => {
    const priced = priceTime({
      activity: 'training',
      minutes: 90,
      preparationMinutes: 0,
      policy: policy2026,
      choice: choice('bank-transfer'),
    });
    assert.ok(!('none' in priced));
    assert.equal(priced.amountPence, 1800);
    assert.equal(priced.preparationRatePence, 0);
  });

  test('property: a lower amount never pays more than the full rate, and rounding happens once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 10_000 }),
        (minutes, prep, lower) => {
          const full = priceTime({
            activity: 'meeting',
            minutes,
            preparationMinutes: prep,
            policy: policy2025,
            choice: choice('bank-transfer'),
          });
          const less = priceTime({
            activity: 'meeting',
            minutes,
            preparationMinutes: prep,
            policy: policy2025,
            choice: choice('lower-amount', { lowerAmountPence: lower }),
          });
          assert.ok(!('none' in full) && !('none' in less));
          assert.ok(less.amountPence <= full.amountPence);
          assert.ok(less.ratePence <= 1500 && less.preparationRatePence <= 1000);
          assert.equal(full.amountPence, amountFor(minutes, 1500, prep, 1000));
          assert.ok(Number.isSafeInteger(less.amountPence) && less.amountPence >= 0);
        },
      ),
    );
  });
});
