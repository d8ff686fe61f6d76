import { meetingCreditsRules } from '../../db/schema/rewards.ts';
// The rewards forms: what each box accepts, and how saved things go back into boxes.
import { z } from 'zod';
import {
  checkbox,
  checkboxList,
  dateFields,
  dateParts,
  isoDateFromParts,
  optionalText,
  parseForm,
  type FieldErrors,
  type FormResult,
  typedValues,
} from '../../platform/forms.ts';
import type { Benefits } from './benefits.ts';
import { moneyForInput, parseMoney, type MoneyProblem } from '../../platform/money.ts';
import type { Policy } from './policy.ts';
import type { LimitInput, PolicyInput, RewardChoice, RewardChoiceInput } from './service.ts';
import { activityTypes, benefitKinds, limitKinds, preparationKinds, rewardWays, type ActivityType } from './vocabulary.ts';

const moneyProblems: Record<Exclude<MoneyProblem, 'empty'>, string> = {
  negative: 'rewards:errors.moneyNegative',
  commas: 'rewards:errors.moneyCommas',
  'too-precise': 'rewards:errors.moneyPence',
  'not-money': 'rewards:errors.moneyFormat',
  'too-large': 'rewards:errors.moneyTooLarge',
};

/** A box for pounds and pence that gives back whole pence. */
const money = (requiredKey: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z.string().transform((s, ctx) => {
      const parsed = parseMoney(s, max);
      if (parsed.ok) return parsed.pence;
      ctx.addIssue({ code: 'custom', message: parsed.problem === 'empty' ? requiredKey : moneyProblems[parsed.problem] });
      return z.NEVER;
    }),
  );

const wholeNumber = (text: unknown, min: number, max: number) => {
  const s = typeof text === 'string' ? text.trim() : '';
  return /^\d{1,4}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null;
};

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/**
 * Checks the boxes one by one, then the rules that join several, and reports every
 * problem at once: zod skips joined rules while any single box is wrong.
 */
function withJoinedRules<S extends z.ZodType>(schema: S, body: unknown, joined: (b: Body) => FieldErrors): FormResult<z.infer<S>> {
  const base = parseForm(schema, body);
  const errors = { ...joined((body ?? {}) as Body), ...(base.ok ? {} : base.errors) };
  return Object.keys(errors).length ? { ok: false, errors } : base;
}

const effectiveFrom = isoDateFromParts('rewards:errors.dateRequired', 'rewards:errors.dateInvalid');
const rate = money('rewards:errors.rateRequired', 100_000);
const rates = z.object(Object.fromEntries(activityTypes.map((a) => [a, rate])) as Record<ActivityType, typeof rate>);

const policyFields = z.object({
  effectiveFrom,
  rates,
  preparation: z.enum(preparationKinds, { message: 'rewards:errors.preparationRequired' }),
  preparationMinutes: z.unknown().optional(),
  mileage: money('rewards:errors.mileageRequired', 1_000),
});

const preparationRules = (b: Body): FieldErrors => {
  if (b.preparation === 'per-meeting-hour' && wholeNumber(b.preparationMinutes, 1, 120) === null)
    return { preparationMinutes: 'rewards:errors.perHourMinutes' };
  if (b.preparation === 'fixed' && wholeNumber(b.preparationMinutes, 1, 600) === null)
    return { preparationMinutes: 'rewards:errors.fixedMinutes' };
  return {};
};

/** The body as the policy form sends it: flat boxes named rates-<activity>. */
const policyBody = (body: unknown) => {
  const b = typedValues(body, []);
  return {
    ...b,
    effectiveFrom: dateFields(body, 'effectiveFrom'),
    rates: Object.fromEntries(activityTypes.map((a) => [a, b[`rates-${a}`]])),
  };
};

export function parsePolicyForm(body: unknown): FormResult<PolicyInput> {
  const form = withJoinedRules(policyFields, policyBody(body), preparationRules);
  if (!form.ok) return form;
  const f = form.data;
  const preparation =
    f.preparation === 'none' ? { kind: 'none' as const } : { kind: f.preparation, minutes: wholeNumber(f.preparationMinutes, 1, 600)! };
  return { ok: true, data: { effectiveFrom: f.effectiveFrom, rates: f.rates, preparation, mileagePencePerMile: f.mileage } };
}

/** What was typed, for showing the policy form again. */
export const policyTyped = (body: unknown) => ({ ...typedValues(body, []), effectiveFrom: dateFields(body, 'effectiveFrom') });

/** A new version starts from the one in force, so only what changes needs typing. */
export function policyValues(policy: Policy | null) {
  if (!policy) return { preparation: 'none', effectiveFrom: dateParts(null) };
  const p = policy.preparation;
  return {
    ...Object.fromEntries(activityTypes.map((a) => [`rates-${a}`, moneyForInput(policy.rates[a])])),
    preparation: p.kind,
    preparationMinutes: p.kind === 'none' ? '' : String(p.minutes),
    mileage: moneyForInput(policy.mileagePencePerMile),
    effectiveFrom: dateParts(null),
  };
}

const limitFields = z.object({
  kind: z.enum(limitKinds, { message: 'rewards:errors.limitKindRequired' }),
  effectiveFrom,
  limit: money('rewards:errors.limitRequired', 10_000_000),
});

export function parseLimitForm(body: unknown): FormResult<LimitInput> {
  const form = parseForm(limitFields, { ...typedValues(body, []), effectiveFrom: dateFields(body, 'effectiveFrom') });
  return form.ok ? { ok: true, data: { kind: form.data.kind, effectiveFrom: form.data.effectiveFrom, limitPence: form.data.limit } } : form;
}

export const limitTyped = policyTyped;

export const vouchersForm = z.object({ vouchersCount: z.enum(['yes', 'no'], { message: 'rewards:errors.vouchersRequired' }) });
export const meetingCreditsForm = z.object({
  meetingCredits: z.enum(meetingCreditsRules, { message: 'rewards:errors.meetingCreditsRequired' }),
});

const choiceFields = z.object({
  way: z.enum(rewardWays, { message: 'rewards:errors.wayRequired' }),
  lowerAmount: z.unknown().optional(),
  charity: optionalText(200),
  onBehalf: checkbox,
});

function choiceRules(b: Body): FieldErrors {
  if (b.way === 'donation' && !text(b.charity)) return { charity: 'rewards:errors.charityRequired' };
  if (b.way !== 'lower-amount') return {};
  const amount = parseMoney(text(b.lowerAmount), 100_000);
  if (amount.ok) return amount.pence === 0 ? { lowerAmount: 'rewards:errors.lowerAmountZero' } : {};
  return { lowerAmount: amount.problem === 'empty' ? 'rewards:errors.lowerAmountRequired' : moneyProblems[amount.problem] };
}

export function parseChoiceForm(body: unknown): FormResult<RewardChoiceInput & { onBehalf: boolean }> {
  const form = withJoinedRules(choiceFields, body, choiceRules);
  if (!form.ok) return form;
  const f = form.data;
  const lower = f.way === 'lower-amount' ? parseMoney(text(f.lowerAmount)) : null;
  return {
    ok: true,
    data: {
      way: f.way,
      lowerAmountPence: lower?.ok ? lower.pence : null,
      charity: f.way === 'donation' ? f.charity : null,
      onBehalf: f.onBehalf,
    },
  };
}

export const choiceValues = (c: RewardChoice) => ({
  way: c.way === 'not-chosen' ? '' : c.way,
  lowerAmount: moneyForInput(c.lowerAmountPence),
  charity: c.charity ?? '',
});

const benefitsFields = z.object({
  consent: z.enum(['yes', 'no'], { message: 'rewards:errors.consentRequired' }),
  benefits: checkboxList(benefitKinds),
  assessmentDay: z.unknown().optional(),
  otherBenefit: optionalText(500),
  onBehalf: checkbox,
});

function benefitsRules(b: Body): FieldErrors {
  const ticked = list(b.benefits);
  if (b.consent === 'no') return ticked.length || text(b.otherBenefit) ? { consent: 'rewards:errors.benefitsWithoutConsent' } : {};
  return {
    ...(b.consent === 'yes' && ticked.length === 0 ? { 'benefits.0': 'rewards:errors.benefitsRequired' } : {}),
    ...(ticked.includes('universal-credit') && wholeNumber(b.assessmentDay, 1, 31) === null
      ? { assessmentDay: 'rewards:errors.assessmentDay' }
      : {}),
    ...(ticked.includes('other') && !text(b.otherBenefit) ? { otherBenefit: 'rewards:errors.otherBenefitRequired' } : {}),
  };
}

export function parseBenefitsForm(body: unknown): FormResult<{ consent: boolean; benefits: Benefits; onBehalf: boolean }> {
  const form = withJoinedRules(benefitsFields, body, benefitsRules);
  if (!form.ok) return form;
  const f = form.data;
  const day = wholeNumber(f.assessmentDay, 1, 31);
  return {
    ok: true,
    data: {
      consent: f.consent === 'yes',
      benefits: {
        universalCredit: f.benefits.includes('universal-credit') && day !== null ? { assessmentStartDay: day } : null,
        esaPermittedWork: f.benefits.includes('esa-permitted-work'),
        other: f.benefits.includes('other') ? f.otherBenefit : null,
      },
      onBehalf: f.onBehalf,
    },
  };
}

export const benefitsValues = (b: Benefits | null) =>
  b
    ? {
        consent: 'yes',
        benefits: [
          ...(b.universalCredit ? ['universal-credit'] : []),
          ...(b.esaPermittedWork ? ['esa-permitted-work'] : []),
          ...(b.other ? ['other'] : []),
        ],
        assessmentDay: b.universalCredit ? String(b.universalCredit.assessmentStartDay) : '',
        otherBenefit: b.other ?? '',
      }
    : { benefits: [] };
