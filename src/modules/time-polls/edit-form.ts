import { z } from 'zod';
import {
  dateFields,
  formFields,
  isoDateFromParts,
  parseForm,
  requiredText,
  type FieldErrors,
  type FormResult,
} from '../../platform/forms.ts';
import { londonToUtc, toLondon } from '../meetings/meeting-time.ts';
import { fewestTimes, readRow, timeRows } from './poll-form.ts';

export type PollChange = {
  title: string;
  purpose: string;
  /** The end of the new answer-by day in London. */
  closesAt: string;
  /** Times taken away (their answers go with them). */
  remove: string[];
  /** New times, each with the number it is offered as (a number no time has now). */
  add: Array<{ position: number; startsAt: string; endsAt: string }>;
};

type Offered = { id: string; position: number; startsAt: string };

const fields = z.object({
  title: requiredText('time-polls:errors.titleRequired', 200),
  purpose: requiredText('time-polls:errors.purposeRequired', 4000),
  closesOn: isoDateFromParts('time-polls:errors.closesRequired', 'time-polls:errors.closesInvalid'),
  remove: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
});

/**
 * The numbers a new time may take: those no time of the poll has. Times keep their numbers
 * when others are taken away, so an answer by text ("2Y") always means the time the person
 * was told was number 2.
 */
export const freeRows = (times: readonly Offered[]) => timeRows.filter((n) => !times.some((x) => x.position === n));

/**
 * Checks a change to a poll still taking answers: the wording, the answer-by date, times
 * taken away and new ones. Every problem is shown at once. The poll must still offer 2 to
 * 8 times, and close before the first of them.
 */
export function parsePollChange(raw: unknown, today: string, times: readonly Offered[]): FormResult<PollChange> {
  const body = { ...formFields(raw), closesOn: dateFields(raw, 'closesOn') };
  const base = parseForm(fields, body);
  const errors: FieldErrors = base.ok ? {} : { ...base.errors };
  const remove = base.ok ? base.data.remove : [];
  if (remove.some((id) => !times.some((x) => x.id === id))) errors.remove = 'errors:invalidChoice';
  const kept = times.filter((x) => !remove.includes(x.id));
  const add: PollChange['add'] = [];
  for (const n of freeRows(times)) {
    const row = readRow(body, n, today);
    if ('blank' in row) continue;
    if ('startsAt' in row && typeof row.startsAt === 'string' && typeof row.endsAt === 'string') {
      if ([...kept, ...add].some((x) => x.startsAt === row.startsAt)) errors[`time${n}Start`] = `time-polls:errors.time${n}.same`;
      else add.push({ position: n, startsAt: row.startsAt, endsAt: row.endsAt });
    } else Object.assign(errors, row);
  }
  const rowErrors = timeRows.some((n) => [`time${n}Date`, `time${n}Start`, `time${n}End`].some((f) => f in errors));
  if (!rowErrors && !errors.remove && kept.length + add.length < fewestTimes) errors.remove = 'time-polls:errors.tooFewLeft';
  let closesAt = '';
  if (!errors.closesOn) {
    const closesOn = isoDateFromParts('x', 'x').safeParse(body.closesOn);
    if (closesOn.success) {
      const first = [...kept, ...add].map((x) => toLondon(x.startsAt).date).sort()[0];
      if (closesOn.data < today) errors.closesOn = 'time-polls:errors.closesPast';
      else if (first && closesOn.data >= first) errors.closesOn = 'time-polls:errors.closesAfterTimes';
      const end = londonToUtc(closesOn.data, '23:59');
      closesAt = end.ok ? end.iso : '';
    }
  }
  if (!base.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { title: base.data.title, purpose: base.data.purpose, closesAt, remove, add } };
}

/** What was typed, for the form again. */
export function typedChangeValues(raw: unknown) {
  const body = formFields(raw);
  const values: Record<string, unknown> = { ...body, closesOn: dateFields(raw, 'closesOn') };
  delete values._csrf;
  for (const n of timeRows) values[`time${n}Date`] = dateFields(raw, `time${n}Date`);
  const ids = body.remove;
  values.remove = ids === undefined || ids === '' ? [] : Array.isArray(ids) ? ids : [ids];
  return values;
}
