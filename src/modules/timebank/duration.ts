import { z } from 'zod';
import type { Translate } from '../../platform/i18n.ts';
import { maxTransferMinutes } from './ledger.ts';

/** 200 minutes -> 3 hours and 20 minutes; below zero keeps its sign apart. */
export function splitMinutes(total: number): { negative: boolean; hours: number; minutes: number } {
  const abs = Math.abs(total);
  return { negative: total < 0, hours: Math.floor(abs / 60), minutes: abs % 60 };
}

/** "3 hours and 20 minutes", "45 minutes", "minus 1 hour": time as people say it. */
export function describeMinutes(t: Translate, total: number): string {
  const { negative, hours, minutes } = splitMinutes(total);
  const h = t('timebank:duration.hours', { count: hours });
  const m = t('timebank:duration.minutes', { count: minutes });
  const text = hours && minutes ? t('timebank:duration.both', { hours: h, minutes: m }) : minutes ? m : h;
  return negative ? t('timebank:duration.negative', { duration: text }) : text;
}

/** The two boxes of a duration field (name-hours, name-minutes), as typed. */
export function durationFields(body: unknown, name: string) {
  const b = (body ?? {}) as Record<string, unknown>;
  const part = (p: string) => (typeof b[`${name}-${p}`] === 'string' ? (b[`${name}-${p}`] as string).trim() : '');
  return { hours: part('hours'), minutes: part('minutes') };
}

/** A saved number of minutes back in the two boxes. */
export const durationParts = (total: number | null | undefined) =>
  total === null || total === undefined
    ? { hours: '', minutes: '' }
    : { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };

/**
 * Hours and minutes into whole minutes. An empty box counts as 0, but not both; minutes
 * may go past 59 (people write "90 minutes").
 */
export const minutesFromParts = (
  requiredKey: string,
  invalidKey = 'timebank:errors.durationInvalid',
  tooManyKey = 'timebank:errors.durationTooMany',
) =>
  z.object({ hours: z.string(), minutes: z.string() }).transform((d, ctx) => {
    if (!d.hours && !d.minutes) {
      ctx.addIssue({ code: 'custom', message: requiredKey });
      return z.NEVER;
    }
    if (![d.hours, d.minutes].every((p) => p === '' || /^\d{1,5}$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: invalidKey });
      return z.NEVER;
    }
    const total = Number(d.hours || 0) * 60 + Number(d.minutes || 0);
    if (total <= 0) {
      ctx.addIssue({ code: 'custom', message: requiredKey });
      return z.NEVER;
    }
    if (total > maxTransferMinutes) {
      ctx.addIssue({ code: 'custom', message: tooManyKey });
      return z.NEVER;
    }
    return total;
  });
