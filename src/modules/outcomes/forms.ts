// The outcomes forms: what each box accepts. Messages are catalogue keys.
import { z } from 'zod';
import { checkbox, dateFields, isoDateFromParts, optionalText, requiredText } from '../../platform/forms.ts';
import type { Question, Scores } from './surveys.ts';
import { measures, phases, storyKinds } from './vocabulary.ts';

/** A scale needs its question, a count says what is counted: checked by hand, so every problem shows at once. */
export function parseOutcomeForm(body: Record<string, unknown>) {
  const base = z.object({
    title: requiredText('outcomes:errors.titleRequired', 200),
    measure: z.enum(measures, { message: 'outcomes:errors.measureRequired' }),
    question: optionalText(300),
    unit: optionalText(100),
    agreedHow: optionalText(1000),
  });
  const parsed = base.safeParse(body);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (body.measure === 'scale' && !text(body.question)) errors.question = 'outcomes:errors.questionRequired';
  if (body.measure === 'count' && !text(body.unit)) errors.unit = 'outcomes:errors.unitRequired';
  if (!parsed.success || Object.keys(errors).length) return { ok: false as const, errors };
  return { ok: true as const, data: parsed.data };
}

export const countForm = z.object({
  onDate: isoDateFromParts('outcomes:errors.dateRequired', 'outcomes:errors.dateInvalid'),
  value: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .regex(/^\d{1,7}$/, 'outcomes:errors.valueInvalid')
      .transform(Number),
  ),
  note: optionalText(300),
});

export const roundForm = z.object({
  phase: z.enum(phases, { message: 'outcomes:errors.phaseRequired' }),
  opensOn: isoDateFromParts('outcomes:errors.opensRequired', 'outcomes:errors.dateInvalid'),
  closesOn: isoDateFromParts('outcomes:errors.closesRequired', 'outcomes:errors.dateInvalid'),
});

/** Yes, no, or not answered (null): the teller must choose. */
const yesNo = z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : null), z.boolean().nullable());

export const storyForm = z.object({
  tellerPersonId: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  title: requiredText('outcomes:errors.storyTitleRequired', 200),
  kind: z.enum(storyKinds, { message: 'outcomes:errors.kindRequired' }),
  text: optionalText(20000),
  toldOn: isoDateFromParts('outcomes:errors.dateRequired', 'outcomes:errors.dateInvalid'),
  consent: checkbox,
  showName: yesNo,
  displayName: optionalText(100),
});

/** The scores chosen, one radio group per question (score-<outcome id>). */
export function scoresFrom(body: unknown, questions: readonly Question[]): Scores {
  const b = (body ?? {}) as Record<string, unknown>;
  const scores: Scores = {};
  for (const q of questions) {
    const v = b[`score-${q.outcomeId}`];
    if (typeof v === 'string' && /^[1-5]$/.test(v)) scores[q.outcomeId] = Number(v);
  }
  return scores;
}

/** What was chosen, to show again. */
export function chosenScores(body: unknown, questions: readonly Question[]): Record<string, string> {
  return Object.fromEntries(Object.entries(scoresFrom(body, questions)).map(([k, v]) => [k, String(v)]));
}

export const withDates = (body: unknown, ...names: string[]) => {
  const b = { ...((body ?? {}) as Record<string, unknown>) };
  delete b._csrf;
  for (const name of names) b[name] = dateFields(body, name);
  return b;
};
