import type { Translate } from '../../platform/i18n.ts';
import type { Answerer } from '../replies/answerers.ts';
import { answersAsValues, readAnswersForm } from './answers-form.ts';
import type { EqualityService } from './service.ts';
import { questionView } from './question-view.ts';

/**
 * The equality questions by a personal link (no sign-in), or typed in by staff from the
 * reply code on a paper form or given on the phone, saved as recorded by them and how.
 * The person sees their own answers on their link; staff typing a code never do (the form
 * shows them blank), as only an equality lead may see one person's answers.
 */
export function equalityAnswerer(deps: { t: Translate; equality: EqualityService }): Answerer {
  const { t, equality } = deps;
  return {
    async page(action, values) {
      const saved = await equality.mine(action.organisationId, action.personId);
      return {
        heading: t('equality:reply.heading'),
        fieldsTemplate: 'equality/views/reply-fields.njk',
        data: {
          questions: questionView(),
          // Only the link's owner is shown these: the fields template leaves them out for staff.
          mine: saved ? answersAsValues(saved.answers) : null,
          values,
        },
      };
    },

    async save(action, body, recorded) {
      const form = readAnswersForm(body);
      if (!form.ok) return { ok: false, errors: form.errors, values: form.values };
      if (form.withdraw) {
        await equality.withdraw(action.organisationId, action.personId, recorded?.personId ?? null);
        return { ok: true, thanks: t('equality:thanks.withdrawn') };
      }
      await equality.save(action.organisationId, action.personId, form.answers, {
        how: recorded ? recorded.how : 'link',
        by: recorded?.personId ?? null,
      });
      return { ok: true, thanks: t('equality:thanks.saved') };
    },
  };
}
