import { z } from 'zod';
import {
  checkboxList,
  dateFields,
  isoDateFromParts,
  optionalText,
  parseForm,
  requiredText,
  type FieldErrors,
  type FormResult,
} from '../../platform/forms.ts';
import { londonToUtc, toLondon } from './meeting-time.ts';
import { splitLanguages, type Meeting, type MeetingInput } from './service.ts';
import { arrangements, meetingFormats } from './vocabulary.ts';

/**
 * People write times in many ways: "14:30", "2:30pm", "2pm", "14.30", "9 am". Returns
 * "HH:MM" in 24-hour time, or null when it is not a time.
 */
export function parseClockTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (m[2] === undefined && !half) return null;
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const clockTime = (requiredKey: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, requiredKey)
      .transform((s, ctx) => {
        const time = parseClockTime(s);
        if (!time) {
          ctx.addIssue({ code: 'custom', message: 'meetings:errors.timeInvalid' });
          return z.NEVER;
        }
        return time;
      }),
  );

const yesNo = (key: string) => z.enum(['yes', 'no'], { message: key }).transform((v) => v === 'yes');

const fields = z.object({
  title: requiredText('meetings:errors.titleRequired', 200),
  purpose: requiredText('meetings:errors.purposeRequired', 4000),
  date: isoDateFromParts('meetings:errors.dateRequired', 'meetings:errors.dateInvalid'),
  startTime: clockTime('meetings:errors.startRequired'),
  endTime: clockTime('meetings:errors.endRequired'),
  format: z.enum(meetingFormats, { message: 'meetings:errors.formatRequired' }),
  venueId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('meetings:errors.venueInvalid').nullable().default(null)),
  joiningDetails: optionalText(2000),
  membersOnly: yesNo('meetings:errors.membersOnlyRequired'),
  arrangements: checkboxList(arrangements),
  interpreterLanguages: optionalText(200),
  preMeetingOf: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.string().uuid('meetings:errors.preMeetingOf').nullable().default(null),
  ),
});

type Fields = z.infer<typeof fields>;

/**
 * Rules that join several boxes. They are checked on whatever boxes are filled in, even
 * when another box is wrong, so the person sees every problem at once.
 */
function crossFieldIssues(f: Partial<Fields>): FieldErrors {
  const errors: FieldErrors = {};
  const start = f.date && f.startTime ? londonToUtc(f.date, f.startTime) : null;
  const end = f.date && f.endTime ? londonToUtc(f.date, f.endTime) : null;
  if (start && !start.ok)
    errors.startTime = start.reason === 'does-not-exist' ? 'meetings:errors.timeSkipped' : 'meetings:errors.timeInvalid';
  if (end && !end.ok) errors.endTime = end.reason === 'does-not-exist' ? 'meetings:errors.timeSkipped' : 'meetings:errors.timeInvalid';
  if (f.startTime && f.endTime && f.endTime <= f.startTime) errors.endTime = 'meetings:errors.endBeforeStart';
  if (f.format && f.format !== 'in-person' && !f.joiningDetails) errors.joiningDetails = 'meetings:errors.joiningRequired';
  if (f.arrangements?.includes('spoken-interpreter') && splitLanguages(f.interpreterLanguages ?? null).length === 0) {
    errors.interpreterLanguages = 'meetings:errors.languageRequired';
  }
  // Members prepare on their own before meeting staff (P5).
  if (f.preMeetingOf && f.membersOnly === false) errors.membersOnly = 'meetings:errors.preMeetingMembersOnly';
  return errors;
}

/** Each box on its own, so the joined rules can run on the good ones. */
function goodBoxes(body: unknown): Partial<Fields> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields.shape)) {
    const parsed = (schema as z.ZodType).safeParse((body as Record<string, unknown>)?.[name]);
    if (parsed.success) out[name] = parsed.data;
  }
  return out as Partial<Fields>;
}

/** Checks a meeting form and turns London wall times into UTC instants. */
export function parseMeetingForm(body: unknown): FormResult<MeetingInput> {
  const base = parseForm(fields, body);
  const cross = crossFieldIssues(base.ok ? base.data : goodBoxes(body));
  const errors = { ...cross, ...(base.ok ? {} : base.errors) };
  if (!base.ok || Object.keys(errors).length) return { ok: false, errors };
  const f = base.data;
  const start = londonToUtc(f.date, f.startTime);
  const end = londonToUtc(f.date, f.endTime);
  if (!start.ok || !end.ok) return { ok: false, errors: { startTime: 'meetings:errors.timeInvalid' } };
  return {
    ok: true,
    data: {
      title: f.title,
      purpose: f.purpose,
      startsAt: start.iso,
      endsAt: end.iso,
      format: f.format,
      // An online or phone meeting has no room to check.
      venueId: f.format === 'online' || f.format === 'phone' ? null : f.venueId,
      joiningDetails: f.joiningDetails,
      membersOnly: f.membersOnly,
      arrangements: f.arrangements,
      interpreterLanguages: f.arrangements.includes('spoken-interpreter') ? splitLanguages(f.interpreterLanguages) : [],
      preMeetingOf: f.preMeetingOf,
    },
  };
}

/** A pre-meeting prepares for one of the choices offered, and starts before it does. */
export function preMeetingIssues(input: MeetingInput, choices: ReadonlyArray<{ id: string; startsAt: string }>): FieldErrors {
  if (!input.preMeetingOf) return {};
  const main = choices.find((c) => c.id === input.preMeetingOf);
  if (!main) return { preMeetingOf: 'meetings:errors.preMeetingOf' };
  if (input.startsAt >= main.startsAt) return { preMeetingOf: 'meetings:errors.preMeetingAfter' };
  return {};
}

/** The form body with the date's three boxes gathered, ready for meetingForm. */
export const meetingFormBody = (body: unknown) => ({ ...(body as object), date: dateFields(body, 'date') });

/** A saved meeting shown in the form's boxes. */
export function meetingFormValues(m: Meeting) {
  const start = toLondon(m.startsAt);
  const end = toLondon(m.endsAt);
  const [year, month, day] = start.date.split('-');
  return {
    title: m.title,
    purpose: m.purpose,
    date: { day: String(Number(day)), month: String(Number(month)), year },
    startTime: start.time,
    endTime: end.time,
    format: m.format,
    venueId: m.venueId ?? '',
    joiningDetails: m.joiningDetails,
    membersOnly: m.membersOnly ? 'yes' : 'no',
    arrangements: m.arrangements,
    interpreterLanguages: m.interpreterLanguages.join(', '),
    preMeetingOf: m.preMeetingOf ?? '',
  };
}
