import type { Translate } from '../../platform/i18n.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Answerer } from '../replies/answerers.ts';
import { readComment } from './follow-up-forms.ts';
import type { CommentProblem, PolicyDraftService } from './policy-drafts.ts';

/** Where each reason a comment cannot be kept shows on the form. */
export const commentProblems: Record<CommentProblem, FieldErrors> = {
  'no-draft': { form: 'policy-drafts:errors.noDraft' },
  'draft-changed': { form: 'policy-drafts:errors.draftChanged' },
  'answer-missing': { answer: 'policy-drafts:errors.commentAnswer' },
  'change-missing': { wouldChange: 'policy-drafts:errors.wouldChange' },
};

/**
 * The policy draft by a personal link (no sign-in), or typed in by staff from the reply code
 * on a letter or given on the phone. The link opens whichever draft is being written now.
 */
export function policyDraftAnswerer(deps: { t: Translate; drafts: PolicyDraftService }): Answerer {
  const { t, drafts } = deps;
  return {
    async page(action, values) {
      const draft = await drafts.draft(action.organisationId);
      if (!draft)
        return {
          heading: t('policy-drafts:reply.heading'),
          fieldsTemplate: 'commissioning/views/draft-reply-fields.njk',
          data: {},
          closedReason: t('policy-drafts:reply.none'),
        };
      const mine = await drafts.myComment(action.organisationId, draft.id, action.personId);
      return {
        heading: t('policy-drafts:reply.heading'),
        fieldsTemplate: 'commissioning/views/draft-reply-fields.njk',
        data: { draft, mine, values: values ?? (mine ? { answer: mine.answer, wouldChange: mine.wouldChange ?? '' } : {}) },
      };
    },

    async save(action, body, recorded) {
      const form = readComment(body);
      if (!form.ok) return { ok: false, errors: form.errors, values: form.values };
      const problem = await drafts.comment(null, {
        organisationId: action.organisationId,
        personId: action.personId,
        draftId: form.data.draftId,
        answer: form.data.answer,
        wouldChange: form.data.wouldChange,
        how: recorded ? recorded.how : 'link',
        recordedBy: recorded?.personId ?? null,
      });
      if (problem) return { ok: false, errors: commentProblems[problem], values: { ...form.data } };
      return { ok: true, thanks: t(form.data.answer === 'agree' ? 'policy-drafts:thanks.agree' : 'policy-drafts:thanks.change') };
    },
  };
}
