/**
 * How long a wrong password makes the next try wait (OWASP ASVS 2.2.1). The first two
 * wrong passwords in a row cost nothing: people mistype. From the third on, the next try
 * must wait 1, 2, 4 ... seconds, at most a minute; the tenth in a row locks passwords for
 * that address for 15 minutes, and each lock after that lasts twice as long, at most a day.
 * A right password, or a day without a wrong one, starts the count again. Guessing is then
 * held to about 70 tries a day for one address, however many machines ask.
 */
export const failuresBeforeLock = 10;
export const firstLockMinutes = 15;
export const longestLockMinutes = 24 * 60;
export const longestWaitSeconds = 60;
/** Wrong passwords older than this are forgotten. */
export const forgetAfterMinutes = 24 * 60;

/** Seconds to wait before the next try, after this many wrong passwords in a row. */
export function waitAfterFailures(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(2 ** (failures - 3), longestWaitSeconds);
}

/** Minutes a lock lasts when it is the nth since the last right password (1 for the first). */
export function lockMinutes(nth: number): number {
  return Math.min(firstLockMinutes * 2 ** Math.max(0, nth - 1), longestLockMinutes);
}

/** Whether a try may check its password now, and if not, why and for how long. */
export type TryState = { kind: 'open' } | { kind: 'wait'; seconds: number } | { kind: 'locked'; until: Date; minutes: number };

export function tryStateAt(
  row: { failures: number; last_failure_at: string; not_before: string | null; locked_until: string | null } | undefined,
  now: Date,
): TryState {
  if (!row || Date.parse(row.last_failure_at) + forgetAfterMinutes * 60_000 <= now.getTime()) return { kind: 'open' };
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    const until = new Date(row.locked_until);
    return { kind: 'locked', until, minutes: Math.ceil((until.getTime() - now.getTime()) / 60_000) };
  }
  if (row.not_before && Date.parse(row.not_before) > now.getTime())
    return { kind: 'wait', seconds: Math.ceil((Date.parse(row.not_before) - now.getTime()) / 1000) };
  return { kind: 'open' };
}
