import { z } from 'zod';
import { formFields, type FieldErrors } from '../../platform/forms.ts';
import {
  circumstances,
  noCircumstance,
  preferNot,
  singleQuestionNames,
  singleQuestions,
  sixteenPlusQuestions,
  type SingleQuestion,
} from './vocabulary.ts';

/** A person's answers: null is a question left blank; circumstances null when that was left blank. */
export type EqualityAnswers = Record<SingleQuestion, string | null> & { circumstances: string[] | null };

export const noAnswers = (): EqualityAnswers => ({
  ...(Object.fromEntries(singleQuestionNames.map((q) => [q, null])) as Record<SingleQuestion, null>),
  circumstances: null,
});

const single = (q: SingleQuestion) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? null : v),
    z.enum([...singleQuestions[q], preferNot] as [string, ...string[]], { message: 'equality:errors.choice' }).nullable(),
  );
const circumstanceChoices = [...circumstances, noCircumstance, preferNot] as [string, ...string[]];

const answersSchema = z
  .object({
    ...(Object.fromEntries(singleQuestionNames.map((q) => [q, single(q)])) as Record<SingleQuestion, ReturnType<typeof single>>),
    circumstances: z.preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(circumstanceChoices, { message: 'equality:errors.choice' })),
    ),
  })
  .superRefine((a, ctx) => {
    const alone = a.circumstances.filter((c) => c === noCircumstance || c === preferNot);
    if (alone.length && a.circumstances.length > 1)
      ctx.addIssue({ code: 'custom', path: ['circumstances'], message: 'equality:errors.circumstancesAlone' });
  });

export type AnswersForm =
  { ok: true; answers: EqualityAnswers; withdraw: boolean } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/**
 * The answers as sent by the form (signed in, by link or typed in by staff). Questions for
 * people aged 16 or over are dropped for someone under 16, and how much a condition limits
 * them is dropped when they have none, as the Census does. Blank everywhere is an error
 * unless they asked to withdraw.
 */
export function readAnswersForm(body: unknown): AnswersForm {
  const fields = formFields(body);
  const values = { ...fields, circumstances: listOf(fields.circumstances) };
  if (fields.withdraw === 'yes') return { ok: true, answers: noAnswers(), withdraw: true };
  const parsed = answersSchema.safeParse(fields);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'ageBand')] ??= issue.message;
    return { ok: false, errors, values };
  }
  const a = parsed.data;
  const answers: EqualityAnswers = {
    ...(Object.fromEntries(singleQuestionNames.map((q) => [q, a[q] ?? null])) as Record<SingleQuestion, string | null>),
    circumstances: a.circumstances.length ? a.circumstances.filter((c) => c !== noCircumstance) : null,
  };
  if (answers.ageBand === 'under-16') for (const q of sixteenPlusQuestions) answers[q] = null;
  if (answers.longTermCondition === 'no') answers.activityLimitation = null;
  const blank = singleQuestionNames.every((q) => answers[q] === null) && answers.circumstances === null;
  if (blank) return { ok: false, errors: { ageBand: 'equality:errors.nothing' }, values };
  return { ok: true, answers, withdraw: false };
}

const listOf = (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Saved answers as form values, for showing them again to their owner. */
export function answersAsValues(a: EqualityAnswers): Record<string, unknown> {
  return { ...a, circumstances: a.circumstances === null ? [] : a.circumstances.length ? a.circumstances : [noCircumstance] };
}
