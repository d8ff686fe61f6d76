// The forms of commissioning, checked at the edge. Errors name catalogue keys.
import { z } from 'zod';
import { dateFields, fieldText, formFields, isoDateFromParts, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { recommendationCodes, type RecommendationCode } from '../learning/recommendations.ts';
import type { PolicyInput } from './service.ts';
import { criteriaRows, roundKinds, scale } from './vocabulary.ts';

const noNul = (s: string) => !s.includes('\u0000');
const text = (key: string, max: number) => requiredText(key, max).refine(noNul, key);
const weight = z.coerce
  .number({ message: 'commissioning:errors.weight' })
  .int('commissioning:errors.weight')
  .min(1, 'commissioning:errors.weight')
  .max(10, 'commissioning:errors.weight');

export const dateNames = ['bidsCloseOn', 'panelMeetsOn', 'decisionBy'] as const;
/** The body with each date's three boxes gathered, as the round form expects. */
export const withDates = (body: unknown) => ({
  ...formFields(body),
  ...Object.fromEntries(dateNames.map((n) => [n, dateFields(body, n)])),
});

export const roundForm = z.object({
  title: text('commissioning:errors.title', 150),
  kind: z.enum(roundKinds as ['service', 'grant'], { message: 'commissioning:errors.kind' }),
  purpose: text('commissioning:errors.purpose', 2000),
  bidsCloseOn: isoDateFromParts('commissioning:errors.dateRequired', 'commissioning:errors.dateInvalid'),
  panelMeetsOn: isoDateFromParts('commissioning:errors.dateRequired', 'commissioning:errors.dateInvalid'),
  decisionBy: isoDateFromParts('commissioning:errors.dateRequired', 'commissioning:errors.dateInvalid'),
  followsRoundId: z
    .union([z.literal(''), z.string().uuid()])
    .optional()
    .transform((v) => v || null),
});

export const criterionForm = z.object({ name: text('commissioning:errors.criterionName', 200), weight });
export const bidForm = z.object({ bidder: text('commissioning:errors.bidder', 200), summary: text('commissioning:errors.summary', 3000) });
export const summaryForm = z.object({ summary: text('commissioning:errors.resultSummary', 3000) });
/** An easy read summary: may be left empty (which takes it away). */
export const easyReadForm = z.object({
  easyReadSummary: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().max(3000, 'commissioning:errors.easyReadTooLong').refine(noNul, 'commissioning:errors.easyReadTooLong'),
  ),
});
export const agreeForm = z.object({
  criterionId: z.string().uuid('commissioning:errors.score'),
  score: z.coerce
    .number({ message: 'commissioning:errors.score' })
    .int('commissioning:errors.score')
    .min(scale.min, 'commissioning:errors.score')
    .max(scale.max, 'commissioning:errors.score'),
  reason: text('commissioning:errors.reason', 1000),
});
export const providerForm = z.object({ groupId: z.union([z.literal(''), z.string().uuid()]) });

/** The policy form: ticked codes, rows of criteria (a name and a weight; empty rows left out), and the checks. */
export function readPolicyForm(body: unknown): { ok: true; data: PolicyInput } | { ok: false; errors: FieldErrors } {
  const values = formFields(body);
  const errors: FieldErrors = {};
  const ticked = values.codes === undefined ? [] : Array.isArray(values.codes) ? values.codes : [values.codes];
  const codes = recommendationCodes.filter((c) => ticked.includes(c)) as RecommendationCode[];
  if (ticked.some((c) => !(recommendationCodes as readonly unknown[]).includes(c))) errors.codes = 'commissioning:errors.codes';
  if (!codes.length) errors.codes = 'commissioning:errors.codes';
  const criteria: PolicyInput['criteria'] = [];
  for (let i = 0; i < criteriaRows; i++) {
    const name = (fieldText(values, `criterion-${i}`) ?? '').trim();
    const w = (fieldText(values, `weight-${i}`) ?? '').trim();
    if (!name && !w) continue;
    if (!name || name.length > 200 || !noNul(name)) errors[`criterion-${i}`] = 'commissioning:errors.criterionName';
    const parsed = weight.safeParse(w);
    if (!parsed.success) errors[`weight-${i}`] = 'commissioning:errors.weight';
    else if (name) criteria.push({ name, weight: parsed.data });
  }
  if (!criteria.length && !Object.keys(errors).some((k) => k.startsWith('criterion-') || k.startsWith('weight-')))
    errors['criterion-0'] = 'commissioning:errors.criteria';
  const checked = {
    bidChecks: text('commissioning:errors.bidChecks', 3000).safeParse(values.bidChecks ?? ''),
    contractChecks: text('commissioning:errors.contractChecks', 3000).safeParse(values.contractChecks ?? ''),
    writtenWith: text('commissioning:errors.writtenWith', 500).safeParse(values.writtenWith ?? ''),
  };
  for (const [name, r] of Object.entries(checked)) if (!r.success) errors[name] = r.error.issues[0]!.message;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      codes,
      criteria,
      bidChecks: checked.bidChecks.data!,
      contractChecks: checked.contractChecks.data!,
      writtenWith: checked.writtenWith.data!,
    },
  };
}

/** Scores for one bid: a score on the scale for every criterion. */
export function readScores(
  body: unknown,
  criterionIds: readonly string[],
): { ok: true; data: Record<string, number> } | { ok: false; errors: FieldErrors } {
  const values = formFields(body);
  const errors: FieldErrors = {};
  const data: Record<string, number> = {};
  for (const id of criterionIds) {
    const v = fieldText(values, `score-${id}`) ?? '';
    const n = /^\d$/.test(v) ? Number(v) : Number.NaN;
    if (n >= scale.min && n <= scale.max) data[id] = n;
    else errors[`score-${id}`] = 'commissioning:errors.score';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

/** Interests: a ticked bid needs a few words on what the interest is. */
export function readInterests(
  body: unknown,
  bidIds: readonly string[],
): { ok: true; data: Array<{ bidId: string; reason: string }> } | { ok: false; errors: FieldErrors } {
  const values = formFields(body);
  const ticked = values.interest === undefined ? [] : Array.isArray(values.interest) ? values.interest : [values.interest];
  const errors: FieldErrors = {};
  const data: Array<{ bidId: string; reason: string }> = [];
  for (const id of bidIds) {
    if (!ticked.includes(id)) continue;
    const reason = (fieldText(values, `reason-${id}`) ?? '').trim();
    if (!reason || reason.length > 1000 || !noNul(reason)) errors[`reason-${id}`] = 'commissioning:errors.interestReason';
    else data.push({ bidId: id, reason });
  }
  if (values.none !== 'yes' && !ticked.length) errors.interest = 'commissioning:errors.declareSomething';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}
