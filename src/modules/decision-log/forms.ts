// The decision log's forms: what each box accepts. Messages are catalogue keys.
import { z } from 'zod';
import { dateFields, isoDateFromParts, optionalText, requiredText, type FieldErrors, typedValues } from '../../platform/forms.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { actionStatuses, type TakingPart } from './rules.ts';

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().uuid('errors:invalidChoice').nullable());

export const decisionForm = z.object({
  decided: requiredText('decision-log:errors.decidedRequired', 2000),
  why: requiredText('decision-log:errors.whyRequired', 4000),
  decidedOn: isoDateFromParts('decision-log:errors.dateRequired', 'decision-log:errors.dateInvalid'),
  meetingId: optionalId,
});

export const noteForm = z.object({ text: requiredText('decision-log:errors.noteRequired', 2000) });

export const actionForm = z.object({
  what: requiredText('decision-log:errors.whatRequired', 500),
  ownerId: z.string({ message: 'decision-log:errors.ownerRequired' }).uuid('decision-log:errors.ownerRequired'),
  dueOn: isoDateFromParts('decision-log:errors.dueRequired', 'decision-log:errors.dueInvalid'),
});

/** Done needs "what we did"; checked by hand because zod skips object checks when a field fails. */
export const progressForm = z.object({
  status: z.enum(actionStatuses, { message: 'decision-log:errors.statusRequired' }),
  whatWeDid: optionalText(2000),
});

/** The names of the two number boxes for a perspective group. */
export const groupFieldNames = (group: string) => ({ invited: `${group}-invited`, tookPart: `${group}-tookPart` });

type NumberBox = { ok: true; value: number | null } | { ok: false };
function numberBox(value: unknown): NumberBox {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s === '') return { ok: true, value: null };
  return /^\d{1,6}$/.test(s) ? { ok: true, value: Number(s) } : { ok: false };
}

/**
 * Who took part, as typed: all boxes blank means nobody counted (null). Each pair is both
 * numbers or both blank, and nobody takes part who was not asked. Every problem shows at once.
 */
export function parseTakingPart(
  body: Record<string, unknown>,
): { ok: true; value: TakingPart | null } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const pair = (invitedName: string, tookPartName: string) => {
    const invited = numberBox(body[invitedName]);
    const tookPart = numberBox(body[tookPartName]);
    if (!invited.ok) errors[invitedName] = 'decision-log:errors.number';
    if (!tookPart.ok) errors[tookPartName] = 'decision-log:errors.number';
    if (!invited.ok || !tookPart.ok) return { given: true, value: null };
    if (invited.value === null && tookPart.value === null) return { given: false, value: null };
    if (invited.value === null || tookPart.value === null) {
      errors[invited.value === null ? invitedName : tookPartName] = 'decision-log:errors.bothNumbers';
      return { given: true, value: null };
    }
    if (tookPart.value > invited.value) {
      errors[tookPartName] = 'decision-log:errors.moreThanAsked';
      return { given: true, value: null };
    }
    return { given: true, value: { invited: invited.value, tookPart: tookPart.value } };
  };
  const overall = pair('invited', 'tookPart');
  const groups = perspectiveGroups.map((group) => ({ group, ...pair(groupFieldNames(group).invited, groupFieldNames(group).tookPart) }));
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!overall.given) {
    if (groups.some((g) => g.given)) return { ok: false, errors: { invited: 'decision-log:errors.bothNumbers' } };
    return { ok: true, value: null };
  }
  const byPerspective = groups.flatMap((g) => (g.value ? [{ group: g.group, ...g.value }] : []));
  return { ok: true, value: { ...overall.value!, byPerspective } };
}

/** The body with its date boxes gathered, ready for a schema; number boxes stay as typed. */
export const withParts = (body: unknown) => ({
  ...typedValues(body, []),
  decidedOn: dateFields(body, 'decidedOn'),
  dueOn: dateFields(body, 'dueOn'),
});
