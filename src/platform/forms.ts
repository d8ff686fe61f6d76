import { z } from 'zod';
import type { Translate } from './i18n.ts';

export type FieldErrors = Record<string, string>;

const fieldsSchema = z.record(z.string(), z.unknown());

/**
 * A request body as named fields, checked: what a form sends is always fields, so anything
 * else (no body at all) reads as no fields. The one way routes look at a body's raw values.
 */
export function formFields(body: unknown): Record<string, unknown> {
  const parsed = fieldsSchema.safeParse(body);
  return parsed.success ? parsed.data : {};
}

/** One field's text, when it is text: a repeated or missing field is undefined. */
export function fieldText(body: unknown, name: string): string | undefined {
  const value = formFields(body)[name];
  return typeof value === 'string' ? value : undefined;
}

/** What the person typed, kept for the form again after an error. Lists stay lists. */
export function typedValues(body: unknown, listFields: readonly string[]) {
  const b = { ...formFields(body) };
  delete b._csrf;
  for (const f of listFields) {
    const v = b[f];
    b[f] = v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v];
  }
  return b;
}
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a form body. Each zod message is a catalogue key, so errors read in the
 * person's language; the first error for a field wins.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The view model govukErrorSummary and each field's errorMessage need. */
export function errorView(errors: FieldErrors | undefined, t: Translate) {
  if (!errors || Object.keys(errors).length === 0) return { errorList: [], field: {} as Record<string, { text: string }> };
  const field: Record<string, { text: string }> = {};
  const errorList = Object.entries(errors).map(([name, key]) => {
    const text = t(key);
    field[name] = { text };
    return { text, href: `#${name.replace(/\.\d+$/, '').replace(/\./g, '-')}` };
  });
  return { errorList, field };
}

// Helpers for form fields: browsers send empty strings and single values for lists.
export const trimmed = z.string().transform((s) => s.trim());
export const optionalText = (max = 2000, key = 'errors:tooLong') =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max, key).optional().default(''))
    .transform((s) => (s === '' ? null : s));
export const requiredText = (requiredKey: string, max = 200, tooLongKey = 'errors:tooLong') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, requiredKey).max(max, tooLongKey));
export const checkboxList = <T extends string>(values: readonly [T, ...T[]], key = 'errors:invalidChoice') =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { message: key })));
export const checkbox = z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean());

/**
 * A GOV.UK date input sends three fields (name-day, name-month, name-year). This gathers
 * them into one ISO date, with errors a person can act on.
 */
export function dateFields(body: unknown, name: string) {
  const b = (body ?? {}) as Record<string, unknown>;
  const part = (p: string) => (typeof b[`${name}-${p}`] === 'string' ? (b[`${name}-${p}`] as string).trim() : '');
  return { day: part('day'), month: part('month'), year: part('year') };
}

export const isoDateFromParts = (requiredKey: string, invalidKey: string) =>
  z
    .object({ day: z.string(), month: z.string(), year: z.string() })
    .superRefine((d, ctx) => {
      if (!d.day && !d.month && !d.year) return ctx.addIssue({ code: 'custom', message: requiredKey });
      const [day, month, year] = [Number(d.day), Number(d.month), Number(d.year)];
      const valid =
        /^\d{1,2}$/.test(d.day) &&
        /^\d{1,2}$/.test(d.month) &&
        /^\d{4}$/.test(d.year) &&
        year >= 1900 &&
        year <= 2200 &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (!valid) ctx.addIssue({ code: 'custom', message: invalidKey });
    })
    .transform((d) => `${d.year}-${d.month.padStart(2, '0')}-${d.day.padStart(2, '0')}`);

/** An ISO date split back into the three boxes, for showing a saved date in a form. */
export const dateParts = (iso: string | null | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
};
