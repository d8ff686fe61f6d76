import { z } from 'zod';
import { dateFields, isoDateFromParts, optionalText, requiredText, typedValues } from '../../platform/forms.ts';
import { durationFields, minutesFromParts } from './duration.ts';
import type { Refusal } from './ledger.ts';

// The time bank's forms. Messages are catalogue keys; durations come as two boxes (hours,
// minutes) and dates as three (day, month, year).

export const listingForm = z.object({
  kind: z.enum(['offer', 'request'], { message: 'timebank:errors.kindRequired' }),
  title: requiredText('timebank:errors.titleRequired', 120),
  description: requiredText('timebank:errors.descriptionRequired', 2000),
  duration: minutesFromParts('timebank:errors.durationRequired'),
});

export const respondForm = z.object({ note: optionalText(500) });

const happenedOn = (today: string) =>
  isoDateFromParts('timebank:errors.dateRequired', 'timebank:errors.dateInvalid').refine((d) => d <= today, 'timebank:errors.dateFuture');

export const proposeForm = (today: string) =>
  z.object({ duration: minutesFromParts('timebank:errors.howLongRequired'), date: happenedOn(today) });

export const confirmForm = z.object({ minutes: z.coerce.number().int().positive() });

const personChoice = (key: string) => z.string({ message: key }).uuid(key);

export const recordForm = (today: string) =>
  z
    .object({
      giverId: personChoice('timebank:errors.giverRequired'),
      receiverId: personChoice('timebank:errors.receiverRequired'),
      what: requiredText('timebank:errors.whatRequired', 500),
      duration: minutesFromParts('timebank:errors.howLongRequired'),
      date: happenedOn(today),
    })
    .refine((f) => f.giverId !== f.receiverId, { message: 'timebank:errors.samePerson', path: ['receiverId'] });

export const reverseForm = z.object({ reason: requiredText('timebank:errors.reasonRequired', 1000) });

/** A partner from the directory (partnerId), or the name of a new one to add to it. */
export const partnerOfferForm = z
  .object({
    partnerId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('timebank:errors.partnerRequired').optional()),
    partnerName: optionalText(200),
    what: requiredText('timebank:errors.offerWhatRequired', 300),
    duration: minutesFromParts('timebank:errors.costRequired'),
  })
  .refine((f) => f.partnerId || f.partnerName, { message: 'timebank:errors.partnerRequired', path: ['partnerName'] });

/** none: no limit; zero: never below zero; limit: so many whole hours below zero. */
export const settingsForm = z
  .object({
    floor: z.enum(['none', 'zero', 'limit'], { message: 'timebank:errors.floorRequired' }),
    floorHours: z.string().optional().default(''),
  })
  .transform((f, ctx) => {
    if (f.floor === 'none') return null;
    if (f.floor === 'zero') return 0;
    const hours = f.floorHours.trim();
    if (!hours) ctx.addIssue({ code: 'custom', message: 'timebank:errors.floorHoursRequired', path: ['floorHours'] });
    else if (!/^\d{1,4}$/.test(hours) || Number(hours) > 1000)
      ctx.addIssue({ code: 'custom', message: 'timebank:errors.floorHoursInvalid', path: ['floorHours'] });
    else return Number(hours) === 0 ? 0 : -Number(hours) * 60;
    return z.NEVER;
  });

/** What the person typed, with the boxes of durations and dates gathered up, for the form again. */
export function typedForm(body: unknown, parts: { durations?: string[]; dates?: string[] } = {}) {
  const values: Record<string, unknown> = typedValues(body, []);
  for (const name of parts.durations ?? []) values[name] = durationFields(body, name);
  for (const name of parts.dates ?? []) values[name] = dateFields(body, name);
  return values;
}

/** The message for a refused transfer, by who is looking. */
export function refusalMessage(refusal: Refusal, payerIsViewer: boolean): string {
  if (refusal === 'below-floor') return payerIsViewer ? 'timebank:errors.notEnoughYou' : 'timebank:errors.notEnoughOther';
  if (refusal === 'already-reversed') return 'timebank:errors.alreadyReversed';
  if (refusal === 'is-reversal') return 'timebank:errors.isReversal';
  if (refusal === 'same-account') return 'timebank:errors.samePerson';
  return 'timebank:errors.durationInvalid';
}
