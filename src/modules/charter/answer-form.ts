import { z } from 'zod';
import { agreeOrChangeFields } from '../../platform/agree-or-change.ts';
import { formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import type { AnswerProblem } from './rules.ts';

// The one answer form, read the same way whether the person signed in, used their link, or
// staff typed in what they heard.
const answerSchema = z.object({
  version: z.coerce
    .number({ message: 'charter:errors.changedSince' })
    .int('charter:errors.changedSince')
    .min(1, 'charter:errors.changedSince'),
  ...agreeOrChangeFields('charter:errors.answer'),
});

export type AnswerForm = z.infer<typeof answerSchema>;

export function readAnswerForm(
  body: unknown,
): { ok: true; data: AnswerForm } | { ok: false; errors: FieldErrors; values: Record<string, unknown> } {
  const values = formFields(body);
  delete values._csrf;
  const form = parseForm(answerSchema, body);
  if (!form.ok) return { ok: false, errors: form.errors, values };
  return form;
}

/** Where each reason an answer cannot be kept shows on the form. */
export const problemErrors: Record<AnswerProblem, FieldErrors> = {
  'no-charter': { form: 'charter:errors.noCharter' },
  'changed-since': { form: 'charter:errors.changedSince' },
  'answer-missing': { answer: 'charter:errors.answer' },
  'change-missing': { wouldChange: 'charter:errors.wouldChange' },
};
