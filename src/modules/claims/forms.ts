// The claims forms: what each box accepts. Messages are catalogue keys; money comes in as
// pounds and pence and leaves as whole pence; dates come as three boxes.
import { z } from 'zod';
import { checkbox, dateFields, isoDateFromParts, optionalText, parseForm, requiredText, typedValues } from '../../platform/forms.ts';
import { parseMoney, type MoneyProblem } from '../../platform/money.ts';
import { activityTypes } from '../rewards/vocabulary.ts';
import { durationFields, minutesFromParts } from '../timebank/duration.ts';
import { expenseTypes, spendCategories, spendStatuses, unpaidWays } from './vocabulary.ts';

const moneyProblems: Record<Exclude<MoneyProblem, 'empty'>, string> = {
  negative: 'claims:errors.money.negative',
  commas: 'claims:errors.money.commas',
  'too-precise': 'claims:errors.money.tooPrecise',
  'not-money': 'claims:errors.money.notMoney',
  'too-large': 'claims:errors.money.tooLarge',
};

/** A box for pounds and pence. Blank is allowed only where the form says so. */
export const money = (requiredKey: string | null, max = 10_000_000) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z.string().transform((s, ctx) => {
      const parsed = parseMoney(s, max);
      if (parsed.ok) return parsed.pence;
      if (parsed.problem === 'empty' && requiredKey === null) return 0;
      ctx.addIssue({ code: 'custom', message: parsed.problem === 'empty' ? (requiredKey ?? '') : moneyProblems[parsed.problem] });
      return z.NEVER;
    }),
  );

/** Miles to one decimal place ("12.5"), kept as tenths of a mile. No cap: rural journeys are long. */
const miles = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : ''),
  z.string().transform((s, ctx) => {
    if (!s) {
      ctx.addIssue({ code: 'custom', message: 'claims:errors.milesRequired' });
      return z.NEVER;
    }
    const m = /^(\d{1,5})(?:\.(\d))?$/.exec(s);
    if (!m || Number(s) <= 0) {
      ctx.addIssue({ code: 'custom', message: 'claims:errors.milesInvalid' });
      return z.NEVER;
    }
    return Number(m[1]) * 10 + Number(m[2] ?? 0);
  }),
);

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().uuid('errors:invalidChoice').nullable());
const personId = z.string({ message: 'claims:errors.personRequired' }).uuid('claims:errors.personRequired');
const onDate = isoDateFromParts('claims:errors.dateRequired', 'claims:errors.dateInvalid');
/** Two buttons: send for approval (the usual one, and what Enter presses) or keep as a draft. */
const send = z.preprocess((v) => v !== 'draft', z.boolean());

export const timeClaimForm = z
  .object({
    personId,
    activity: z.enum(activityTypes, { message: 'claims:errors.activityRequired' }),
    onDate,
    duration: minutesFromParts('claims:errors.durationRequired', 'claims:errors.durationInvalid', 'claims:errors.durationTooMany'),
    projectId: optionalId,
    note: optionalText(1000),
    send,
  })
  .transform(({ send: submit, ...rest }) => ({ ...rest, submit }));

const expenseFields = z.object({
  type: z.enum(expenseTypes, { message: 'claims:errors.typeRequired' }),
  onDate,
  projectId: optionalId,
  note: optionalText(1000),
  send,
});

/**
 * Mileage is worked out from the miles; every other expense is the amount paid. Checked
 * apart from the other boxes so that every problem shows at once.
 */
export function parseExpenseForm(body: Record<string, unknown>) {
  const fields = parseForm(expenseFields, body);
  const mileage = body.type === 'mileage';
  const cost = mileage
    ? parseForm(z.object({ miles }), body)
    : parseForm(z.object({ amount: money('claims:errors.amountRequired') }), body);
  if (!fields.ok || !cost.ok)
    return { ok: false as const, errors: { ...(fields.ok ? {} : fields.errors), ...(cost.ok ? {} : cost.errors) } };
  const { send: submit, ...rest } = fields.data;
  const value = 'miles' in cost.data ? cost.data.miles : cost.data.amount;
  return { ok: true as const, data: { ...rest, submit, amountPence: mileage ? null : value, mileTenths: mileage ? value : null } };
}

export const staffExpenseForm = z.object({ personId });

export const approveForm = z.object({ confirmOver: checkbox });
export const partForm = z.object({
  payAmount: money('claims:errors.partRequired'),
  restAs: z.enum(unpaidWays, { message: 'claims:errors.restAsRequired' }),
  confirmOver: checkbox,
});
export const changeWayForm = z.object({ way: z.enum(unpaidWays, { message: 'errors:invalidChoice' }) });
export const rejectForm = z.object({ reason: requiredText('claims:errors.reasonRequired', 1000) });
export const paidForm = z.object({ paymentReference: requiredText('claims:errors.paymentReferenceRequired', 100) });
export const adjustForm = z
  .object({
    direction: z.enum(['less', 'more'], { message: 'claims:errors.directionRequired' }),
    amount: money('claims:errors.amountRequired'),
    reason: requiredText('claims:errors.adjustReasonRequired', 1000),
  })
  .transform((f) => ({ amountPence: f.direction === 'less' ? -f.amount : f.amount, reason: f.reason }));

export const spendForm = z.object({
  category: z.enum(spendCategories, { message: 'claims:errors.spendCategoryRequired' }),
  description: requiredText('claims:errors.descriptionRequired', 300),
  amount: money('claims:errors.amountRequired'),
  spentOn: onDate,
  status: z.enum(spendStatuses, { message: 'claims:errors.spendStatusRequired' }),
});

/** The body with its date and duration boxes gathered, ready for a schema. */
export const withParts = (body: unknown) => ({
  ...typedValues(body, []),
  onDate: dateFields(body, 'onDate'),
  spentOn: dateFields(body, 'spentOn'),
  duration: durationFields(body, 'duration'),
});
