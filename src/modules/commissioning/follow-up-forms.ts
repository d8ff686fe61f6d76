// The forms of the follow-up after the contract and of comments on the policy draft, checked at the edge.
import { z } from 'zod';
import type { CheckHow, CheckOutcome } from '../../db/schema/commissioning.ts';
import { agreeOrChangeFields } from '../../platform/agree-or-change.ts';
import { fieldText, formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { recordedHows } from '../replies/service.ts';
import type { CheckEntry } from './provider-checks.ts';
import { checkOutcomes } from './provider-check.ts';

const noNul = (s: string) => !s.includes('\u0000');

/** What the winning bid promised, one box per co-production criterion (an empty box makes no commitment). */
export function readPromises(
  body: unknown,
  criterionIds: readonly string[],
): { ok: true; data: Record<string, string> } | { ok: false; errors: FieldErrors } {
  const values = formFields(body);
  const data: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const id of criterionIds) {
    const v = (fieldText(values, `promise-${id}`) ?? '').trim();
    if (v.length > 1000 || !noNul(v)) errors[`promise-${id}`] = 'provider-checks:errors.promise';
    else data[id] = v;
  }
  if (!Object.keys(errors).length && !Object.values(data).some(Boolean))
    errors[`promise-${criterionIds[0] ?? ''}`] = 'provider-checks:errors.promisesNone';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

const howField = z.object({ how: z.enum(recordedHows, { message: 'provider-checks:errors.how' }) });
const personField = z.object({
  personId: z
    .union([z.literal(''), z.string().uuid('provider-checks:errors.person')])
    .optional()
    .default(''),
});

/**
 * A check of every commitment: done, partly or not, with what the person saw. Staff may
 * write down a check someone told them (a person, and how they were told).
 */
export function readChecks(
  body: unknown,
  commitmentIds: readonly string[],
  staff: boolean,
): { ok: true; data: { entries: CheckEntry[]; personId: string | null; how: CheckHow | null } } | { ok: false; errors: FieldErrors } {
  const values = formFields(body);
  const errors: FieldErrors = {};
  const entries: CheckEntry[] = [];
  for (const id of commitmentIds) {
    const outcome = fieldText(values, `outcome-${id}`) ?? '';
    const evidence = (fieldText(values, `evidence-${id}`) ?? '').trim();
    if (!(checkOutcomes as readonly string[]).includes(outcome)) errors[`outcome-${id}`] = 'provider-checks:errors.outcome';
    if (!evidence || evidence.length > 2000 || !noNul(evidence)) errors[`evidence-${id}`] = 'provider-checks:errors.evidence';
    if (!errors[`outcome-${id}`] && !errors[`evidence-${id}`])
      entries.push({ commitmentId: id, outcome: outcome as CheckOutcome, evidence });
  }
  let personId: string | null = null;
  let how: CheckHow | null = null;
  if (staff) {
    const person = parseForm(personField, values);
    if (!person.ok) Object.assign(errors, person.errors);
    else personId = person.data.personId || null;
    if (personId) {
      const told = parseForm(howField, values);
      if (!told.ok) Object.assign(errors, told.errors);
      else how = told.data.how;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: { entries, personId, how } };
}

const commentSchema = z.object({
  draftId: z.string().uuid('policy-drafts:errors.draftChanged'),
  ...agreeOrChangeFields('policy-drafts:errors.commentAnswer', 3000),
});
export type CommentForm = z.infer<typeof commentSchema>;

/** A comment on the policy draft, read the same way signed in, by a personal link, or typed in by staff. */
export function readComment(
  body: unknown,
): { ok: true; data: CommentForm } | { ok: false; errors: FieldErrors; values: Record<string, unknown> } {
  const values = formFields(body);
  delete values._csrf;
  const form = parseForm(commentSchema, values);
  if (!form.ok) return { ok: false, errors: form.errors, values };
  if (form.data.wouldChange && !noNul(form.data.wouldChange))
    return { ok: false, errors: { wouldChange: 'policy-drafts:errors.commentWords' }, values };
  return form;
}

export const recordedHowForm = howField;
