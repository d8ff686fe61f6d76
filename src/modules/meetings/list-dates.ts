import { dateFields, dateParts, isoDateFromParts, type FieldErrors } from '../../platform/forms.ts';

// The meetings list's "from" and "to" dates. A person types them in GOV.UK date boxes
// (from-day, from-month, from-year); links (the To do page's, the list's own pages) carry
// the ISO form (from=2027-03-27). A date typed wrong is shown again with an error and left
// out of the filter; a broken ISO date in a link is left out quietly, as any bad filter in
// the address is.

export type DateBoxes = { day: string; month: string; year: string };
export type ListDates = {
  from: string | undefined;
  to: string | undefined;
  /** What the boxes show: what was typed, or the date in use. */
  boxes: { from: DateBoxes; to: DateBoxes };
  errors: FieldErrors;
};

const invalid = { from: 'meeting-list:errors.fromInvalid', to: 'meeting-list:errors.toInvalid' };
const checked = { from: isoDateFromParts(invalid.from, invalid.from), to: isoDateFromParts(invalid.to, invalid.to) };

const boxesOf = (iso: string | undefined): DateBoxes => {
  const p = dateParts(iso);
  return { day: p.day, month: p.month, year: p.year ?? '' };
};

function oneDate(query: Record<string, unknown>, name: 'from' | 'to') {
  const typed = dateFields(query, name);
  if (typed.day || typed.month || typed.year) {
    const parsed = checked[name].safeParse(typed);
    return parsed.success ? { iso: parsed.data, boxes: typed } : { iso: undefined, boxes: typed, error: invalid[name] };
  }
  const linked = query[name];
  const fromLink = typeof linked === 'string' ? checked[name].safeParse(dateParts(linked)) : null;
  const iso = fromLink?.success ? fromLink.data : undefined;
  return { iso, boxes: boxesOf(iso) };
}

/** The list's dates from its query: typed boxes win over the ISO form of a link. */
export function listDates(query: Record<string, unknown>): ListDates {
  const from = oneDate(query, 'from');
  const to = oneDate(query, 'to');
  const errors: FieldErrors = {};
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  // ISO dates compare as text; a "to" before "from" would find nothing, so say so instead.
  const backwards = from.iso !== undefined && to.iso !== undefined && to.iso < from.iso;
  if (backwards) errors.to = 'meeting-list:errors.toBeforeFrom';
  return { from: from.iso, to: backwards ? undefined : to.iso, boxes: { from: from.boxes, to: to.boxes }, errors };
}
