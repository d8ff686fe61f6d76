// The payment policy (S2, S3): what an hour of each kind of work is paid, how preparation
// counts, and the mileage rate. Versions take effect on a date, so past claims keep the
// rates that applied on their day.
import type { ActivityType } from './vocabulary.ts';

export type Preparation = { kind: 'none' } | { kind: 'per-meeting-hour'; minutes: number } | { kind: 'fixed'; minutes: number };

export type Policy = {
  id: string;
  /** YYYY-MM-DD, London. */
  effectiveFrom: string;
  /** Pence for an hour, for each kind of work. */
  rates: Record<ActivityType, number>;
  preparation: Preparation;
  mileagePencePerMile: number;
};

/**
 * The version in force on a London date: the latest that started on or before it.
 * ISO dates compare as text, so no time zone can move a change by a day.
 */
export function versionInForce<T extends { effectiveFrom: string }>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}

/**
 * Minutes of preparation that go with a meeting. Per-hour preparation is shared pro rata,
 * rounded up to the next whole minute so that rounding never takes time from the person.
 * No time at the meeting means no preparation is paid with it; preparation for a meeting
 * someone could not come to is claimed on its own.
 */
export function preparationMinutes(policy: Pick<Policy, 'preparation'>, meetingMinutes: number): number {
  if (!Number.isFinite(meetingMinutes) || meetingMinutes <= 0) return 0;
  const p = policy.preparation;
  switch (p.kind) {
    case 'none':
      return 0;
    case 'per-meeting-hour':
      return Math.ceil((meetingMinutes * p.minutes) / 60);
    case 'fixed':
      return p.minutes;
  }
}
