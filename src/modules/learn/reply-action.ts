import { z } from 'zod';
import { formFields, optionalText, parseForm } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Answerer } from '../replies/answerers.ts';
import type { LearnService } from './service.ts';

const form = z.object({ reflection: optionalText(2000) });

/**
 * A learning module by a personal link, for people who never sign in: the link stands for one
 * module of one person (its about_id is the module). They read it, may answer its question,
 * and their answer marks it done. Staff can type the reply code when the person did it with
 * them on the phone or on paper.
 */
export function learnAnswerer(deps: { t: Translate; learn: LearnService }): Answerer {
  const { t, learn } = deps;
  return {
    async page(action, values) {
      const module = await learn.moduleFor(action.organisationId, action.personId, action.aboutId);
      return {
        heading: module.title,
        fieldsTemplate: 'learn/views/reply-fields.njk',
        data: { module, values: values ?? { reflection: module.mine?.reflection ?? '' } },
      };
    },

    async save(action, body, recorded) {
      const parsed = parseForm(form, body);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values: formFields(body) };
      await learn.markDoneByLink(
        action.organisationId,
        action.personId,
        action.aboutId,
        parsed.data.reflection,
        recorded?.personId ?? null,
      );
      return { ok: true, thanks: t('learn:reply.thanks') };
    },
  };
}
