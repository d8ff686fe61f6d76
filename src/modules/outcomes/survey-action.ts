import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import type { Answerer } from '../replies/answerers.ts';
import { chosenScores, scoresFrom } from './forms.ts';
import type { Surveys } from './surveys.ts';
import { scores } from './vocabulary.ts';

/**
 * A survey round answered by a reply code given to staff (from a letter or a text), or by an
 * action link: the same questions as the survey's own link, for that one member, while the
 * round is open. Answers can be changed until it closes, as on the other pages.
 */
export function surveyAnswerer(deps: { t: Translate; surveys: Surveys }): Answerer {
  const { t, surveys } = deps;
  return {
    async page(action, values) {
      const opened = await surveys.forAction(action.organisationId, action.aboutId, action.personId);
      if (!opened) return null;
      const { round } = opened;
      return {
        heading: t('replies:survey.heading', { project: opened.projectTitle }),
        fieldsTemplate: 'replies/views/survey-fields.njk',
        data: {
          intro: t('outcomes:answer.intro', { closes: formatDate(round.closesOn) }),
          questions: opened.questions,
          scores,
          values: values ? chosenScores(values, opened.questions) : opened.mine,
        },
        ...(round.state === 'open'
          ? {}
          : { closedReason: t(`outcomes:answer.notOpen.${round.state}`, { opens: formatDate(round.opensOn) }) }),
      };
    },

    async save(action, body, recorded) {
      const opened = await surveys.forAction(action.organisationId, action.aboutId, action.personId);
      if (!opened) return { ok: false, errors: {}, values: {} };
      const saved = await surveys.answerForAction(
        action.organisationId,
        action.aboutId,
        action.personId,
        scoresFrom(body, opened.questions),
        recorded?.personId ?? null,
      );
      if (!saved.ok) return { ok: false, errors: saved.errors, values: (body ?? {}) as Record<string, unknown> };
      return { ok: true, thanks: t('outcomes:flash.answered') };
    },
  };
}
