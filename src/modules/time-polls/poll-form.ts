import { z } from 'zod';
import {
  dateFields,
  formFields,
  isoDateFromParts,
  optionalText,
  parseForm,
  requiredText,
  type FieldErrors,
  type FormResult,
} from '../../platform/forms.ts';
import { parseClockTime } from '../meetings/meeting-form.ts';
import { londonToUtc, toLondon } from '../meetings/meeting-time.ts';
import { meetingFormats, type MeetingFormat } from '../meetings/vocabulary.ts';

/** At least two times to choose from, and no more than fit on a text message and a page. */
export const fewestTimes = 2;
export const mostTimes = 8;
export const timeRows = Array.from({ length: mostTimes }, (_, i) => i + 1);

export type PollInput = {
  title: string;
  purpose: string;
  format: MeetingFormat;
  venueId: string | null;
  joiningDetails: string | null;
  /** The last moment answers are taken: the end of the closing day in London. */
  closesAt: string;
  times: Array<{ startsAt: string; endsAt: string }>;
  personIds: string[];
};

const fields = z.object({
  title: requiredText('time-polls:errors.titleRequired', 200),
  purpose: requiredText('time-polls:errors.purposeRequired', 4000),
  format: z.enum(meetingFormats, { message: 'time-polls:errors.formatRequired' }),
  venueId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('meetings:errors.venueInvalid').nullable().default(null)),
  joiningDetails: optionalText(2000),
  closesOn: isoDateFromParts('time-polls:errors.closesRequired', 'time-polls:errors.closesInvalid'),
  personIds: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid('errors:invalidChoice')).min(1, 'time-polls:errors.peopleRequired'),
  ),
});

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** One row of the times: blank (skipped), a time, or what is wrong with it. */
export function readRow(
  body: Record<string, unknown>,
  n: number,
  today: string,
): { blank: true } | { startsAt: string; endsAt: string } | FieldErrors {
  const date = dateFields(body, `time${n}Date`);
  const start = text(body, `time${n}Start`);
  const end = text(body, `time${n}End`);
  if (!date.day && !date.month && !date.year && !start && !end) return { blank: true };
  const errors: FieldErrors = {};
  const key = (what: string) => `time-polls:errors.time${n}.${what}`;
  const day = isoDateFromParts(key('dateRequired'), key('dateInvalid')).safeParse(date);
  if (!day.success) errors[`time${n}Date`] = day.error.issues[0]!.message;
  const from = start ? parseClockTime(start) : null;
  const to = end ? parseClockTime(end) : null;
  if (!start) errors[`time${n}Start`] = key('startRequired');
  else if (!from) errors[`time${n}Start`] = key('timeInvalid');
  if (!end) errors[`time${n}End`] = key('endRequired');
  else if (!to) errors[`time${n}End`] = key('timeInvalid');
  else if (from && to <= from) errors[`time${n}End`] = key('endBeforeStart');
  if (Object.keys(errors).length || !day.success || !from || !to) return errors;
  const startsAt = londonToUtc(day.data, from);
  const endsAt = londonToUtc(day.data, to);
  if (!startsAt.ok) return { [`time${n}Start`]: key('timeInvalid') };
  if (!endsAt.ok) return { [`time${n}End`]: key('timeInvalid') };
  if (day.data <= today) return { [`time${n}Date`]: key('past') };
  return { startsAt: startsAt.iso, endsAt: endsAt.iso };
}

/**
 * Checks the new poll form: every box is checked, so the person sees every problem at once.
 * Blank rows of times are skipped; the filled ones must be 2 to 8 different times after
 * today, and the poll must close before the first of them.
 */
export function parsePollForm(raw: unknown, today: string): FormResult<PollInput> {
  const body = { ...formFields(raw), closesOn: dateFields(raw, 'closesOn') };
  const base = parseForm(fields, body);
  const errors: FieldErrors = base.ok ? {} : { ...base.errors };
  const times: Array<{ startsAt: string; endsAt: string }> = [];
  for (const n of timeRows) {
    const row = readRow(body, n, today);
    if ('blank' in row) continue;
    if ('startsAt' in row && typeof row.startsAt === 'string' && typeof row.endsAt === 'string') {
      if (times.some((x) => x.startsAt === row.startsAt)) errors[`time${n}Start`] = `time-polls:errors.time${n}.same`;
      else times.push({ startsAt: row.startsAt, endsAt: row.endsAt });
    } else Object.assign(errors, row);
  }
  const rowErrors = timeRows.some((n) => [`time${n}Date`, `time${n}Start`, `time${n}End`].some((f) => f in errors));
  if (!rowErrors && times.length < fewestTimes) errors.times = 'time-polls:errors.tooFewTimes';
  const format = base.ok ? base.data.format : text(body, 'format');
  if (format && format !== 'in-person' && !text(body, 'joiningDetails')) errors.joiningDetails = 'meetings:errors.joiningRequired';
  let closesAt = '';
  if (base.ok || !errors['closesOn']) {
    const closesOn = isoDateFromParts('x', 'x').safeParse(body.closesOn);
    if (closesOn.success) {
      const first = times.map((x) => toLondon(x.startsAt).date).sort()[0];
      if (closesOn.data < today) errors.closesOn = 'time-polls:errors.closesPast';
      else if (first && closesOn.data >= first) errors.closesOn = 'time-polls:errors.closesAfterTimes';
      const end = londonToUtc(closesOn.data, '23:59');
      closesAt = end.ok ? end.iso : '';
    }
  }
  if (!base.ok || Object.keys(errors).length) return { ok: false, errors };
  const f = base.data;
  return {
    ok: true,
    data: {
      title: f.title,
      purpose: f.purpose,
      format: f.format,
      venueId: f.format === 'online' || f.format === 'phone' ? null : f.venueId,
      joiningDetails: f.joiningDetails,
      closesAt,
      times: times.sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      personIds: [...new Set(f.personIds)],
    },
  };
}

/** What was typed, for the form again: each date's three boxes gathered, lists kept as lists. */
export function typedPollValues(raw: unknown) {
  const body = formFields(raw);
  const values: Record<string, unknown> = { ...body, closesOn: dateFields(raw, 'closesOn') };
  delete values._csrf;
  for (const n of timeRows) values[`time${n}Date`] = dateFields(raw, `time${n}Date`);
  const ids = body.personIds;
  values.personIds = ids === undefined || ids === '' ? [] : Array.isArray(ids) ? ids : [ids];
  return values;
}
