import type { Translate } from '../../platform/i18n.ts';
import type { Answerer } from '../replies/answerers.ts';
import { problemErrors, readAnswerForm } from './answer-form.ts';
import type { CharterService } from './service.ts';

/**
 * The charter by a personal link (no sign-in), or typed in by staff from the reply code on a
 * letter or given on the phone. The link always opens the version published now, so one link
 * serves every version; the person sees their own answer to it and can change it.
 */
export function charterAnswerer(deps: { t: Translate; charter: CharterService }): Answerer {
  const { t, charter } = deps;
  return {
    async page(action, values) {
      const current = await charter.current(action.organisationId);
      if (!current)
        return {
          heading: t('charter:reply.heading'),
          fieldsTemplate: 'charter/views/reply-fields.njk',
          data: {},
          closedReason: t('charter:reply.none'),
        };
      const mine = await charter.myAnswer(action.organisationId, current.version, action.personId);
      return {
        heading: t('charter:reply.heading'),
        fieldsTemplate: 'charter/views/reply-fields.njk',
        data: {
          charter: current,
          values: values ?? (mine ? { answer: mine.answer, wouldChange: mine.wouldChange ?? '' } : {}),
          mine,
        },
      };
    },

    async save(action, body, recorded) {
      const form = readAnswerForm(body);
      if (!form.ok) return { ok: false, errors: form.errors, values: form.values };
      const problem = await charter.answer(null, {
        organisationId: action.organisationId,
        personId: action.personId,
        version: form.data.version,
        answer: form.data.answer,
        wouldChange: form.data.wouldChange,
        how: recorded ? recorded.how : 'link',
        recordedBy: recorded?.personId ?? null,
      });
      if (problem) return { ok: false, errors: problemErrors[problem], values: { ...form.data } };
      return { ok: true, thanks: t(form.data.answer === 'agree' ? 'charter:thanks.agree' : 'charter:thanks.change') };
    },
  };
}
