// Welfare benefits awareness (S2): payments can affect benefits, so before a payment is
// made we show how it sits against the earnings limits the organisation has set. This
// never says what a person's benefits will be; only the DWP and advisers can do that.
// Pure: no I/O, no clock, and dates are London calendar dates (YYYY-MM-DD) throughout,
// so clock changes cannot move a period.
import { versionInForce } from './policy.ts';
import type { LimitKind, PaymentMethod } from './vocabulary.ts';

/** What a person told us they receive, kept only with their consent. */
export type Benefits = {
  /** Day of the month (1-31) their Universal Credit assessment period starts, or null. */
  universalCredit: { assessmentStartDay: number } | null;
  esaPermittedWork: boolean;
  /** Any other benefit, in their words. Never checked. */
  other: string | null;
};

export type BenefitLimit = { kind: LimitKind; effectiveFrom: string; limitPence: number };
export type Proposal = { amountPence: number; on: string; method: PaymentMethod };
export type BenefitPeriod = { kind: LimitKind; start: string; end: string };

export type BenefitLine = {
  kind: LimitKind;
  periodStart: string;
  periodEnd: string;
  earnedSoFarPence: number;
  earnedWithPaymentPence: number;
  /** Null when the organisation has set no limit for that period. */
  limitPence: number | null;
  /** The most that can still be paid in the period without going over; null without a limit. */
  headroomPence: number | null;
  alreadyOver: boolean;
  wouldGoOver: boolean;
};

export type BenefitsCheck = {
  proposal: Proposal;
  /** False for a voucher when the organisation has decided vouchers are not earnings. */
  paymentCounts: boolean;
  vouchersCountAsEarnings: boolean;
  lines: BenefitLine[];
  anyOver: boolean;
  /** Other benefits, in the person's words: shown, never checked. */
  other: string | null;
};

/**
 * What staff are offered to pay when a payment would take someone over a benefits limit:
 * the most that keeps every checked benefit within its limit (the smallest room left).
 * Null when nothing would go over, or when no limit says how much room there is.
 */
export function suggestedPart(check: Pick<BenefitsCheck, 'anyOver' | 'lines'> | null): number | null {
  if (!check?.anyOver) return null;
  const room = check.lines.filter((l) => l.wouldGoOver && l.headroomPence !== null).map((l) => l.headroomPence!);
  return room.length ? Math.min(...room) : null;
}

const DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`Not a date: ${date}`);
  return [y, mo, d];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const toDay = (date: string) => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
};
const fromDay = (t: number) => {
  const d = new Date(t);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};
export const addDays = (date: string, days: number) => fromDay(toDay(date) + days * DAY);

/**
 * Universal Credit assessment periods run a month from the day they start. When that day
 * is the 29th, 30th or 31st and a month is shorter, the period starts on the month's last
 * day instead (Universal Credit Regulations 2013, regulation 21).
 */
export function assessmentPeriod(startDay: number, on: string): { start: string; end: string } {
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 31) throw new RangeError(`Not a day of the month: ${startDay}`);
  const [y, m] = parts(on);
  const startIn = (year: number, month: number) => iso(year, month, Math.min(startDay, daysInMonth(year, month)));
  const shift = (year: number, month: number, by: number): [number, number] => {
    const index = year * 12 + (month - 1) + by;
    return [Math.floor(index / 12), (index % 12) + 1];
  };
  const thisMonth = startIn(y, m);
  const [sy, sm] = on >= thisMonth ? [y, m] : shift(y, m, -1);
  const [ny, nm] = shift(sy, sm, 1);
  return { start: startIn(sy, sm), end: addDays(startIn(ny, nm), -1) };
}

/** ESA permitted work is counted by the week, Monday to Sunday. */
export function mondayWeek(on: string): { start: string; end: string } {
  const t = toDay(on);
  const sinceMonday = (new Date(t).getUTCDay() + 6) % 7;
  const start = fromDay(t - sinceMonday * DAY);
  return { start, end: addDays(start, 6) };
}

/** The periods a payment on this date falls in, one for each benefit with a limit. */
export function benefitPeriods(benefits: Benefits, on: string): BenefitPeriod[] {
  const periods: BenefitPeriod[] = [];
  if (benefits.universalCredit)
    periods.push({ kind: 'universal-credit', ...assessmentPeriod(benefits.universalCredit.assessmentStartDay, on) });
  if (benefits.esaPermittedWork) periods.push({ kind: 'esa-permitted-work', ...mondayWeek(on) });
  return periods;
}

/**
 * How a proposed payment sits against each limit. earnedSoFar holds, for each benefit,
 * what is already approved or paid in that benefit's period and counts as earnings
 * (never expenses). The limit is the one in force on the day the period began: new
 * figures apply from the first period starting on or after the day they change. Earning
 * exactly the limit is within it.
 */
export function benefitsHeadroom(input: {
  benefits: Benefits;
  limits: readonly BenefitLimit[];
  vouchersCountAsEarnings: boolean;
  proposal: Proposal;
  earnedSoFar: Partial<Record<LimitKind, number>>;
}): BenefitsCheck {
  const { proposal } = input;
  if (!Number.isSafeInteger(proposal.amountPence) || proposal.amountPence < 0)
    throw new RangeError(`Not an amount in pence: ${proposal.amountPence}`);
  const paymentCounts = proposal.method !== 'voucher' || input.vouchersCountAsEarnings;
  const lines = benefitPeriods(input.benefits, proposal.on).map((period): BenefitLine => {
    const earnedSoFarPence = input.earnedSoFar[period.kind] ?? 0;
    const earnedWithPaymentPence = earnedSoFarPence + (paymentCounts ? proposal.amountPence : 0);
    const limit = versionInForce(
      input.limits.filter((l) => l.kind === period.kind),
      period.start,
    );
    const limitPence = limit ? limit.limitPence : null;
    return {
      kind: period.kind,
      periodStart: period.start,
      periodEnd: period.end,
      earnedSoFarPence,
      earnedWithPaymentPence,
      limitPence,
      headroomPence: limitPence === null ? null : Math.max(0, limitPence - earnedSoFarPence),
      alreadyOver: limitPence !== null && earnedSoFarPence > limitPence,
      wouldGoOver: limitPence !== null && paymentCounts && proposal.amountPence > 0 && earnedWithPaymentPence > limitPence,
    };
  });
  return {
    proposal,
    paymentCounts,
    vouchersCountAsEarnings: input.vouchersCountAsEarnings,
    lines,
    anyOver: lines.some((l) => l.wouldGoOver),
    other: input.benefits.other,
  };
}
