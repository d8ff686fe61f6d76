import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Answerer } from '../replies/answerers.ts';
import { parseSection, type SectionValues } from './forms.ts';
import type { ReviewService, StatementAnswer } from './service.ts';
import { formSections, ratings, statementsIn } from './vocabulary.ts';

/**
 * A review answered through a personal link or a reply code: every piece on one page, as
 * the link opens one thing only. Blanks are fine, as on the signed-in pages; what was
 * answered before shows again and can be changed while the review is open.
 */
export function reviewAnswerer(deps: { t: Translate; reviews: ReviewService }): Answerer {
  const { t, reviews } = deps;
  return {
    async page(action, typed) {
      const cycle = await reviews.forAction(action.organisationId, action.aboutId, action.personId);
      if (!cycle) return null;
      let values: Record<string, unknown> | null = typed;
      if (!values) {
        const saved: SectionValues = {};
        for (const a of await reviews.answersFor(action.organisationId, cycle, action.personId, formSections)) {
          saved[`rating-${a.code}`] = a.answer === null ? '' : String(a.answer);
          saved[`comment-${a.code}`] = a.comment ?? '';
        }
        values = saved;
      }
      // Beside the culture statements, what the app knows (issue 21), as on the signed-in pages.
      const evidence = await reviews.cultureEvidence(action.organisationId);
      return {
        heading: t('replies:review.heading', { title: cycle.title }),
        fieldsTemplate: 'replies/views/review-fields.njk',
        data: {
          cycle,
          values,
          ratings,
          evidence,
          sections: formSections.map((section) => ({ section, codes: statementsIn(section, cycle.asks) })),
        },
        ...(cycle.answerable ? {} : { closedReason: t('replies:review.closed') }),
      };
    },

    async save(action, body, recorded) {
      const cycle = await reviews.forAction(action.organisationId, action.aboutId, action.personId);
      const answers: StatementAnswer[] = [];
      let errors: FieldErrors = {};
      let values: Record<string, unknown> = {};
      for (const section of formSections) {
        const parsed = parseSection(section, body, false, cycle?.asks);
        values = { ...values, ...parsed.values };
        if (parsed.result.ok) answers.push(...parsed.result.data.answers);
        else errors = { ...errors, ...parsed.result.errors };
      }
      if (Object.keys(errors).length) return { ok: false, errors, values };
      await reviews.saveForAction(action.organisationId, action.aboutId, action.personId, answers, recorded);
      return { ok: true, thanks: t('replies:thanks.review') };
    },
  };
}
