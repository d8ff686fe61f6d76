import type { ClaimWay } from '../../db/schema/claims.ts';
import type { ActivityType, Policy, RewardChoice } from './ports.ts';

/** What time given is worth, in the way the person chose to be rewarded. */
export type PricedTime = {
  way: ClaimWay;
  ratePence: number;
  preparationRatePence: number;
  amountPence: number;
  charity: string | null;
  creditMinutes: number;
};

/** Why no claim is made: staff see these beside each name. */
export type NoClaimReason = 'paid-staff' | 'not-chosen' | 'no-policy' | 'no-minutes' | 'already-made';

/** Rounded once, on the whole claim, so a claim never gains or loses a penny part by part. */
export const amountFor = (minutes: number, ratePence: number, preparationMinutes = 0, preparationRatePence = 0) =>
  Math.round((minutes * ratePence + preparationMinutes * preparationRatePence) / 60);

/**
 * Prices time at the policy's rates in the person's chosen way. A lower amount is their
 * own hourly figure, never more than the rate. Time credits and volunteering pay no money;
 * paid staff, and people who have not chosen yet, get no claim until someone talks to them.
 */
export function priceTime(input: {
  activity: ActivityType;
  minutes: number;
  preparationMinutes: number;
  policy: Policy;
  choice: RewardChoice;
}): PricedTime | { none: NoClaimReason } {
  const { choice, policy, minutes, preparationMinutes } = input;
  if (choice.way === 'paid-staff' || choice.way === 'not-chosen') return { none: choice.way };
  if (minutes + preparationMinutes <= 0) return { none: 'no-minutes' };
  const rate = policy.rates[input.activity] ?? 0;
  const preparationRate = preparationMinutes > 0 ? (policy.rates.preparation ?? 0) : 0;
  const none = { ratePence: 0, preparationRatePence: 0, amountPence: 0, charity: null };
  if (choice.way === 'time-credits') return { way: 'time-credits', ...none, creditMinutes: minutes + preparationMinutes };
  if (choice.way === 'volunteer') return { way: 'volunteer', ...none, creditMinutes: 0 };
  const cap = (r: number) =>
    choice.way === 'lower-amount' && choice.lowerAmountPence !== null ? Math.max(0, Math.min(choice.lowerAmountPence, r)) : r;
  const ratePence = cap(rate);
  const preparationRatePence = cap(preparationRate);
  return {
    way: choice.way,
    ratePence,
    preparationRatePence,
    amountPence: amountFor(minutes, ratePence, preparationMinutes, preparationRatePence),
    charity: choice.way === 'donation' ? choice.charity : null,
    creditMinutes: 0,
  };
}

export type ClaimFromMeeting = PricedTime & {
  personId: string;
  reference: string;
  activity: 'meeting';
  onDate: string;
  minutes: number;
  preparationMinutes: number;
};

export const meetingReference = (meetingId: string, personId: string) => `meeting:${meetingId}:${personId}`;

/**
 * The claims a meeting's register gives: each person present is paid for the time they
 * were really there, plus the policy's preparation time for that time (the payment
 * policy shares per-hour preparation pro rata). Paid staff and people who have not
 * chosen how to be rewarded get no claim, and each person gets one claim per meeting.
 */
export function claimsFromAttendance(input: {
  meetingId: string;
  onDate: string;
  present: ReadonlyArray<{ personId: string; minutesPresent: number | null }>;
  policy: Policy | null;
  preparationMinutes: (policy: Policy, meetingMinutes: number) => number;
  choices: ReadonlyMap<string, RewardChoice>;
  alreadyMade: ReadonlySet<string>;
}): { claims: ClaimFromMeeting[]; none: Array<{ personId: string; reason: NoClaimReason }> } {
  const claims: ClaimFromMeeting[] = [];
  const none: Array<{ personId: string; reason: NoClaimReason }> = [];
  for (const p of input.present) {
    const reference = meetingReference(input.meetingId, p.personId);
    if (input.alreadyMade.has(reference)) {
      none.push({ personId: p.personId, reason: 'already-made' });
      continue;
    }
    if (!input.policy) {
      none.push({ personId: p.personId, reason: 'no-policy' });
      continue;
    }
    const minutes = p.minutesPresent ?? 0;
    if (minutes <= 0) {
      none.push({ personId: p.personId, reason: 'no-minutes' });
      continue;
    }
    const choice = input.choices.get(p.personId) ?? { way: 'not-chosen', lowerAmountPence: null, charity: null, since: null };
    const preparation = input.preparationMinutes(input.policy, minutes);
    const priced = priceTime({ activity: 'meeting', minutes, preparationMinutes: preparation, policy: input.policy, choice });
    if ('none' in priced) none.push({ personId: p.personId, reason: priced.none });
    else
      claims.push({
        ...priced,
        personId: p.personId,
        reference,
        activity: 'meeting',
        onDate: input.onDate,
        minutes,
        preparationMinutes: preparation,
      });
  }
  return { claims, none };
}
