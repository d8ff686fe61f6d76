import { z } from 'zod';
import { dateFields, isoDateFromParts, optionalText, requiredText, typedValues, type FieldErrors } from '../../platform/forms.ts';
import { likelihoods, severities } from './review-due.ts';

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().uuid('errors:invalidChoice').nullable());

export const riskForm = z.object({
  title: requiredText('risks:errors.title', 300),
  affects: optionalText(500),
  likelihood: z.enum(likelihoods, { message: 'risks:errors.likelihood' }),
  severity: z.enum(severities, { message: 'risks:errors.severity' }),
  plan: optionalText(2000),
  owner: optionalId,
});

export const commentForm = z.object({ body: requiredText('risks:errors.comment', 2000), saidBy: optionalId });
export const lookedAgainForm = z.object({ note: requiredText('risks:errors.note', 2000) });
export const closeForm = z.object({ why: requiredText('risks:errors.closeWhy', 2000) });
export const decisionForm = z.object({
  what: requiredText('risks:errors.decisionWhat', 2000),
  why: requiredText('risks:errors.decisionWhy', 2000),
  agreedBy: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid('errors:invalidChoice')),
  ),
});

const dateBoxes = isoDateFromParts('risks:errors.date', 'risks:errors.date');

/** The three boxes of an optional date: empty is null; a date before `earliest` is refused. */
export function optionalDate(body: unknown, name: string, earliest: string, tooEarlyKey: string) {
  const parts = dateFields(body, name);
  if (!parts.day && !parts.month && !parts.year) return { ok: true as const, value: null };
  const parsed = dateBoxes.safeParse(parts);
  if (!parsed.success) return { ok: false as const, error: 'risks:errors.date' };
  if (parsed.data < earliest) return { ok: false as const, error: tooEarlyKey };
  return { ok: true as const, value: parsed.data };
}

/** A required date in three boxes, no later than `latest`. */
export function requiredDate(body: unknown, name: string, latest: string) {
  const parsed = isoDateFromParts('risks:errors.decidedOn', 'risks:errors.decidedOn').safeParse(dateFields(body, name));
  if (!parsed.success) return { ok: false as const, error: 'risks:errors.decidedOn' };
  if (parsed.data > latest) return { ok: false as const, error: 'risks:errors.decidedOnFuture' };
  return { ok: true as const, value: parsed.data };
}

/** What was typed, with the date boxes as one value each, to show the form again. */
export const typed = (body: unknown, dates: readonly string[]) => {
  const values: Record<string, unknown> = typedValues(body, ['agreedBy']);
  for (const d of dates) values[d] = dateFields(body, d);
  return values;
};

export type { FieldErrors };
