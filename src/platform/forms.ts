import { z } from 'zod';
import type { Translate } from './i18n.ts';

export type FieldErrors = Record<string, string>;
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
    return { text, href: `#${name.replace(/\./g, '-')}` };
  });
  return { errorList, field };
}

// Helpers for form fields: browsers send empty strings and single values for lists.
export const trimmed = z.string().transform((s) => s.trim());
export const optionalText = (max = 2000, key = 'errors:tooLong') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max, key).optional().default(''))
    .transform((s) => (s === '' ? null : s));
export const requiredText = (requiredKey: string, max = 200, tooLongKey = 'errors:tooLong') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, requiredKey).max(max, tooLongKey));
export const checkboxList = <T extends string>(values: readonly [T, ...T[]], key = 'errors:invalidChoice') =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { message: key })),
  );
export const checkbox = z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean());
