// The review forms: what each box accepts. Messages are catalogue keys.
import { z } from 'zod';
import { dateFields, isoDateFromParts, requiredText, type FieldErrors, type FormResult } from '../../platform/forms.ts';
import type { StatementAnswer } from './service.ts';
import { ratings, schedules, statementsIn, type AnswerWay, type FormSection, type Rating, type ReviewAsks } from './vocabulary.ts';

const text = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : '';
};

/** What was typed, gathered for showing the form again: dates stay as their three boxes. */
export const cycleValues = (body: unknown) => ({
  title: text(body, 'title'),
  scope: text(body, 'scope'),
  projectId: text(body, 'projectId'),
  schedule: text(body, 'schedule'),
  gap: text(body, 'gap'),
  opensOn: dateFields(body, 'opensOn'),
  closesOn: dateFields(body, 'closesOn'),
});

/** Points on the scale to tenths: "1", "1.5", "0.5" up to 4. */
const gapTenths = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : ''),
  z.string().transform((s, ctx) => {
    const m = /^(\d)(?:\.(\d))?$/.exec(s);
    const tenths = m ? Number(m[1]) * 10 + Number(m[2] ?? 0) : NaN;
    if (!(tenths >= 5 && tenths <= 40)) {
      ctx.addIssue({ code: 'custom', message: 'reviews:errors.gapInvalid' });
      return z.NEVER;
    }
    return tenths;
  }),
);

const cycleSchema = z.object({
  title: requiredText('reviews:errors.titleRequired', 120, 'reviews:errors.tooLong'),
  scope: z.enum(['organisation', 'project'], { message: 'reviews:errors.scopeRequired' }),
  projectId: z.string(),
  opensOn: isoDateFromParts('reviews:errors.opensOnRequired', 'reviews:errors.opensOnInvalid'),
  closesOn: isoDateFromParts('reviews:errors.closesOnRequired', 'reviews:errors.closesOnInvalid'),
  schedule: z.enum(schedules, { message: 'reviews:errors.scheduleRequired' }),
  gap: gapTenths,
});

export type CycleForm = {
  title: string;
  projectId: string | null;
  opensOn: string;
  closesOn: string;
  schedule: (typeof schedules)[number];
  gapThresholdTenths: number;
};

/** Cross-field checks by hand: zod does not run object refinements when a field fails. */
export function parseCycleForm(values: ReturnType<typeof cycleValues>): FormResult<CycleForm> {
  const parsed = cycleSchema.safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.map(String)[0] ?? 'form'] ??= issue.message;
  const uuid = z.string().uuid().safeParse(values.projectId);
  if (values.scope === 'project' && !uuid.success) errors.projectId ??= 'reviews:errors.projectRequired';
  if (parsed.success && parsed.data.closesOn < parsed.data.opensOn) errors.closesOn ??= 'reviews:errors.closesBeforeOpens';
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const d = parsed.data;
  return {
    ok: true,
    data: {
      title: d.title,
      projectId: d.scope === 'project' ? d.projectId : null,
      opensOn: d.opensOn,
      closesOn: d.closesOn,
      schedule: d.schedule,
      gapThresholdTenths: d.gap,
    },
  };
}

export type SectionValues = Record<string, string>;

/**
 * One form page: for each statement, `rating-<code>` (1 to 5 or dont-know) and
 * `comment-<code>`. Leaving a statement blank is fine (come back to it later); a comment
 * needs an answer beside it, so a remark is never read without knowing what it is about.
 */
export function parseSection(
  section: FormSection,
  body: unknown,
  recording: boolean,
  asks: ReviewAsks = {},
): { values: SectionValues; result: FormResult<{ answers: StatementAnswer[]; way: AnswerWay }> } {
  const values: SectionValues = {};
  const errors: FieldErrors = {};
  const answers: StatementAnswer[] = [];
  for (const code of statementsIn(section, asks)) {
    const rating = text(body, `rating-${code}`).trim();
    const comment = text(body, `comment-${code}`).trim();
    values[`rating-${code}`] = rating;
    values[`comment-${code}`] = text(body, `comment-${code}`);
    let answer: StatementAnswer['answer'] = null;
    if (rating === 'dont-know') answer = 'dont-know';
    else if ((ratings as readonly number[]).map(String).includes(rating)) answer = Number(rating) as Rating;
    else if (rating !== '') errors[`rating-${code}`] = 'reviews:errors.ratingInvalid';
    if (comment.length > 1000) errors[`comment-${code}`] = 'reviews:errors.commentTooLong';
    else if (comment && rating === '') errors[`rating-${code}`] = 'reviews:errors.ratingForComment';
    answers.push({ code, answer, comment: comment || null });
  }
  const how = text(body, 'how');
  values.how = how;
  let way: AnswerWay = 'self';
  if (recording) {
    if (how === 'in-person' || how === 'phone') way = how;
    else errors.how = 'reviews:errors.howRequired';
  }
  return { values, result: Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: { answers, way } } };
}
