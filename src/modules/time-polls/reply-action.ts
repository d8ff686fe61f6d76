import type { Translate } from '../../platform/i18n.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { Answerer } from '../replies/answerers.ts';
import type { LiveAction } from '../replies/service.ts';
import type { AnswerByText } from '../texts/service.ts';
import type { TimePollService } from './service.ts';
import { readPollText } from './text-reply.ts';

/**
 * "When can you come?" by a personal link, or by a reply code staff type in (recorded by
 * them, and how they heard it). The same form as signed in: yes, if need be or no for
 * each time. Answers can be changed until the poll closes; then the link says so.
 */
export function timePollAnswerer(deps: { t: Translate; polls: TimePollService }): Answerer {
  const { t, polls } = deps;
  return {
    async page(action, values) {
      const poll = await polls.load(action.organisationId, action.aboutId).catch(() => null);
      if (!poll) return null;
      const saved = values ? null : await polls.answersOf(action.organisationId, poll.id, action.personId);
      return {
        heading: t('time-polls:answer.heading', { title: poll.title }),
        fieldsTemplate: 'time-polls/views/answer-fields.njk',
        data: {
          poll: { title: poll.title, purpose: poll.purpose, closesAt: poll.closesAt, times: poll.times },
          values: values ?? saved ?? {},
        },
        ...(polls.isOpen(poll) ? {} : { closedReason: t('time-polls:answer.closed') }),
      };
    },

    async save(action, body, recorded) {
      try {
        const how = recorded ? { by: recorded.personId, how: recorded.how } : 'link';
        const saved = await polls.answer(action.organisationId, action.aboutId, action.personId, body, how);
        if (!saved.ok) return saved;
        return { ok: true, thanks: t('time-polls:answer.thanks') };
      } catch (e) {
        if (e instanceof Conflict || e instanceof NotFound) return { ok: false, errors: { time1: 'time-polls:errors.closed' }, values: {} };
        throw e;
      }
    },
  };
}

/** A text such as "1Y 2M 3N" answers the person's open poll through the answerer above, saved as by text. */
export function timePollByText(deps: { t: Translate; polls: TimePollService }): AnswerByText {
  const { polls } = deps;
  const byText: Answerer = {
    page: timePollAnswerer(deps).page,
    async save(action: LiveAction, body: unknown) {
      const saved = await polls.answer(action.organisationId, action.aboutId, action.personId, body, 'text');
      return saved.ok ? { ok: true, thanks: '' } : saved;
    },
  };
  return async (action, text) => {
    if (action.kind !== 'time-poll') return null;
    const poll = await polls.load(action.organisationId, action.aboutId).catch(() => null);
    if (!poll) return null;
    const before = await polls.answersOf(action.organisationId, poll.id, action.personId);
    const earlier = new Map(
      poll.times.flatMap((x) => {
        const answer = before[`time${x.position}`];
        return answer === 'yes' || answer === 'maybe' || answer === 'no' ? [[x.position, answer] as const] : [];
      }),
    );
    const read = readPollText(
      text,
      poll.times.map((x) => x.position),
      earlier,
    );
    if (!read) return null;
    return { answerer: byText, body: Object.fromEntries([...read].map(([n, answer]) => [`time${n}`, answer])), subjectType: 'time-poll' };
  };
}
