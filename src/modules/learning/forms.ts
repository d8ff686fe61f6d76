// The learning forms: what each box accepts. Messages are catalogue keys.
import { z } from 'zod';
import { checkboxList, dateFields, isoDateFromParts, optionalText, requiredText, typedValues } from '../../platform/forms.ts';
import { recommendationCodes } from './recommendations.ts';
import { actionStatuses } from './vocabulary.ts';

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().uuid('errors:invalidChoice').nullable());

export const actionForm = z.object({
  what: requiredText('learning:errors.whatRequired', 500),
  ownerPersonId: z.string({ message: 'learning:errors.ownerRequired' }).uuid('learning:errors.ownerRequired'),
  dueOn: isoDateFromParts('learning:errors.dueRequired', 'learning:errors.dueInvalid'),
  status: z.enum(actionStatuses, { message: 'learning:errors.statusRequired' }),
  whatChanged: optionalText(2000),
  projectId: optionalId,
  reviewCycleId: optionalId,
  recommendations: checkboxList(recommendationCodes),
});

export const progressForm = z.object({
  status: z.enum(actionStatuses, { message: 'learning:errors.statusRequired' }),
  whatChanged: optionalText(2000),
});

export const lessonForm = z.object({
  title: requiredText('learning:errors.titleRequired', 200),
  worked: optionalText(3000),
  didNotWork: optionalText(3000),
  doDifferently: optionalText(3000),
  projectId: optionalId,
  recommendations: checkboxList(recommendationCodes),
});

export const lessonQuery = z.object({
  code: z.enum(recommendationCodes).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  projectId: z.string().uuid().optional().catch(undefined),
});

export const actionQuery = z.object({
  status: z.enum(actionStatuses).optional().catch(undefined),
  code: z.enum(recommendationCodes).optional().catch(undefined),
  projectId: z.string().uuid().optional().catch(undefined),
  reviewCycleId: z.string().uuid().optional().catch(undefined),
});

/** What the person typed, with the date boxes gathered and the codes as a list. */
export const withParts = (body: unknown) => ({ ...typedValues(body, ['recommendations']), dueOn: dateFields(body, 'dueOn') });
