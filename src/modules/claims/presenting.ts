import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { dateFields, dateParts, isoDateFromParts, parseForm, type FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatMoney } from '../../platform/money.ts';
import { describeMinutes } from '../timebank/duration.ts';
import { isOpen, isSettled, type Claim } from './claim.ts';
import { claimNumber } from './claim-number.ts';
import { paysMoney } from './vocabulary.ts';

/** Functions templates call to show money, time and claim numbers the same way on every page. */
export function claimFormat(t: Translate) {
  return {
    money: (pence: number) => formatMoney(pence),
    duration: (minutes: number) => describeMinutes(t, minutes),
    miles: (tenths: number | null) => (tenths === null ? '' : t('claims:milesText', { miles: (tenths / 10).toFixed(1) })),
    claimNumber: (claim: { id: string }) => claimNumber(claim.id),
  };
}

/** Which buttons a person sees on a claim. The services check each again. */
export function claimActions(user: CurrentUser, claim: Claim) {
  const staff = isStaff(user);
  const own = claim.personId === user.personId;
  const decide = staff && !own;
  const editableExpense = claim.kind === 'expense' && (staff ? isOpen(claim) : claim.status === 'draft');
  return {
    submit: claim.status === 'draft',
    edit: editableExpense,
    receipts: editableExpense,
    approve: decide && claim.status === 'submitted',
    reject: decide && claim.status === 'submitted',
    pay: decide && claim.status === 'approved' && claim.amountPence !== 0,
    adjust: staff && isSettled(claim) && claim.type !== 'adjustment' && (claim.kind === 'expense' || paysMoney(claim.way)),
  };
}

export type Period = { from: string; to: string };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A period from the address: ?from=2026-11-01&to=2026-11-30, or the date boxes of the
 * period form. Nothing given means the default; a wrong date is an error to show.
 */
export function periodFrom(query: unknown, defaults: Period): { period: Period; values: Record<string, unknown>; errors?: FieldErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const read = (name: 'from' | 'to') => {
    const parts = dateFields(q, name);
    if (parts.day || parts.month || parts.year) {
      const parsed = parseForm(isoDateFromParts(`claims:errors.${name}Required`, `claims:errors.${name}Invalid`), parts);
      if (parsed.ok) return { iso: parsed.data, parts };
      errors[name] = parsed.errors.form ?? `claims:errors.${name}Invalid`;
      return { iso: defaults[name], parts };
    }
    const text = typeof q[name] === 'string' ? (q[name] as string) : '';
    if (isoDate.test(text) && parseForm(isoDateFromParts('', ''), dateParts(text)).ok) return { iso: text, parts: dateParts(text) };
    if (text) errors[name] = `claims:errors.${name}Invalid`;
    return { iso: defaults[name], parts: dateParts(defaults[name]) };
  };
  const from = read('from');
  const to = read('to');
  if (!errors.from && !errors.to && from.iso > to.iso) errors.to = 'claims:errors.toBeforeFrom';
  const period = errors.from || errors.to ? defaults : { from: from.iso, to: to.iso };
  return { period, values: { from: from.parts, to: to.parts }, ...(Object.keys(errors).length ? { errors } : {}) };
}

/** The first of this month to today, in London. */
export const thisMonth = (today: string): Period => ({ from: `${today.slice(0, 8)}01`, to: today });
/** The first of January to today: a year's statement so far. */
export const thisYear = (today: string): Period => ({ from: `${today.slice(0, 4)}-01-01`, to: today });
