import { dateFields, dateParts, isoDateFromParts, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { londonToUtc } from '../meetings/meeting-time.ts';
import type { Period, Scope } from './service.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The year up to today: from the same day last year (the day after, so 365 or 366 days). */
export function lastTwelveMonths(today: string): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // 29 February a year back is 28 February.
  const day = Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate());
  return { from: new Date(Date.UTC(y - 1, m - 1, day + 1)).toISOString().slice(0, 10), to: today };
}

/**
 * The report's period from the address: the date boxes (from-day, from-month, from-year ...)
 * or ISO dates (from=2026-04-01), so a report can be bookmarked and shared among staff.
 * Bad dates come back with what was typed and an error; the report then shows the default.
 */
export function periodFrom(
  query: unknown,
  defaults: Period,
): { period: Period; values: Record<string, { day: string; month: string; year: string }>; errors?: FieldErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const read = (name: 'from' | 'to') => {
    const parts = dateFields(q, name);
    if (parts.day || parts.month || parts.year) {
      const parsed = parseForm(isoDateFromParts(`impact:errors.${name}Required`, `impact:errors.${name}Invalid`), parts);
      if (parsed.ok) return { iso: parsed.data, parts };
      errors[name] = parsed.errors.form ?? `impact:errors.${name}Invalid`;
      return { iso: defaults[name], parts };
    }
    const text = typeof q[name] === 'string' ? (q[name] as string) : '';
    if (isoDate.test(text) && parseForm(isoDateFromParts('', ''), dateParts(text)).ok) return { iso: text, parts: dateParts(text) };
    if (text) errors[name] = `impact:errors.${name}Invalid`;
    return { iso: defaults[name], parts: dateParts(defaults[name]) };
  };
  const from = read('from');
  const to = read('to');
  if (!errors.from && !errors.to && from.iso > to.iso) errors.to = 'impact:errors.toBeforeFrom';
  const period = errors.from || errors.to ? defaults : { from: from.iso, to: to.iso };
  const typed = (d: { day: string; month: string; year?: string }) => ({ day: d.day, month: d.month, year: d.year ?? '' });
  return { period, values: { from: typed(from.parts), to: typed(to.parts) }, ...(Object.keys(errors).length ? { errors } : {}) };
}

/** The report's scope: the organisation (the default) or a project id. Anything else is not found. */
export function scopeFrom(query: unknown): Scope | null {
  const raw = (query as Record<string, unknown> | null)?.scope;
  if (raw === undefined || raw === '' || raw === 'organisation') return { kind: 'organisation' };
  return typeof raw === 'string' && uuid.test(raw) ? { kind: 'project', projectId: raw.toLowerCase() } : null;
}

export const scopeParam = (scope: Scope) => (scope.kind === 'organisation' ? 'organisation' : scope.projectId);

/** A period of London days as instants: from its first midnight up to (not including) the midnight after it. */
export function periodInstants(period: Period): { fromIso: string; toIso: string } {
  const [y, m, d] = period.to.split('-').map(Number) as [number, number, number];
  const dayAfter = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const midnight = (date: string) => {
    const at = londonToUtc(date, '00:00');
    if (!at.ok) throw new RangeError(`Not a date: ${date}`);
    return at.iso;
  };
  return { fromIso: midnight(period.from), toIso: midnight(dayAfter) };
}
