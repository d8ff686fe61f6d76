import type { Config } from '../../config.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Notice } from '../outbox/notices.ts';
import type { Person } from '../people/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { Issued } from '../replies/service.ts';
import type { Poll, PollTime } from './service.ts';

/**
 * "When can you come?" by each person's own channel. An email has the times and a personal
 * link; a letter has the times, the reply code and the organisation's phone number, never a
 * web address; a text numbers the times, says how to answer by text ("1Y 2M 3N"), and has
 * the short link and code; a call puts the person on the staff call list.
 */
export function pollNotice(args: {
  t: Translate;
  config: Config;
  poll: Poll;
  issued: Map<string, Issued>;
  contact: ReplyContact;
  organisationName: string;
}): Notice {
  const { t, config, poll, issued, contact, organisationName } = args;
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  const numbered = poll.times.map((x) => `${x.position}: ${x.label}`);
  return {
    organisationId: poll.organisationId,
    kind: 'time-poll',
    aboutId: poll.id,
    projectId: poll.projectId,
    dedupeKey: (person) => `time-poll:${poll.id}:${person.id}`,
    compose: (person: Person) => {
      const mine = issued.get(person.id);
      const vars = {
        name: person.preferredName || person.fullName,
        organisation: organisationName,
        title: poll.title,
        purpose: poll.purpose,
        project: poll.projectTitle,
        closes: formatDate(poll.closesAt),
        times: numbered.join('\n'),
        link: mine?.link ?? `${config.publicUrl}/time-polls/${poll.id}/answer`,
      };
      const letter = mine && chooseChannel(person, usable).channel === 'letter';
      return {
        subject: t('time-polls:notice.subject', vars),
        full: letter
          ? t('time-polls:notice.letter', { ...vars, howToReply: letterHowToReply(t, mine.code, contact) })
          : t('time-polls:notice.full', vars),
        text: [t('time-polls:notice.text', { ...vars, times: numbered.join('. ') }), mine ? textCode(t, mine.code) : '']
          .filter(Boolean)
          .join(' '),
        say: t('time-polls:notice.say', { ...vars, link: `${config.publicUrl}/time-polls/${poll.id}` }),
      };
    },
  };
}

/**
 * New times added to a poll: each person asked hears of the new times only, by their own
 * channel, with their same link and code (answers they gave before stand). A text asks for
 * the new numbers alone ("4Y"); times left out keep the answer given before.
 */
export function newTimesNotice(args: {
  t: Translate;
  config: Config;
  poll: Poll;
  added: readonly PollTime[];
  issued: Map<string, Issued>;
  contact: ReplyContact;
  organisationName: string;
}): Notice {
  const { t, config, poll, added, issued, contact, organisationName } = args;
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  const numbered = added.map((x) => `${x.position}: ${x.label}`);
  const example = added.map((x) => `${x.position}Y`).join(' ');
  return {
    organisationId: poll.organisationId,
    kind: 'time-poll',
    aboutId: poll.id,
    projectId: poll.projectId,
    // One message per person for each set of new times.
    dedupeKey: (person) => `time-poll-added:${poll.id}:${added.map((x) => x.id).join(',')}:${person.id}`,
    compose: (person: Person) => {
      const mine = issued.get(person.id);
      const vars = {
        name: person.preferredName || person.fullName,
        organisation: organisationName,
        title: poll.title,
        project: poll.projectTitle,
        closes: formatDate(poll.closesAt),
        times: numbered.join('\n'),
        count: added.length,
        example,
        link: mine?.link ?? `${config.publicUrl}/time-polls/${poll.id}/answer`,
      };
      const letter = mine && chooseChannel(person, usable).channel === 'letter';
      return {
        subject: t('time-polls:added.subject', vars),
        full: letter
          ? t('time-polls:added.letter', { ...vars, howToReply: letterHowToReply(t, mine.code, contact) })
          : t('time-polls:added.full', vars),
        text: [t('time-polls:added.text', { ...vars, times: numbered.join('. ') }), mine ? textCode(t, mine.code) : '']
          .filter(Boolean)
          .join(' '),
        say: t('time-polls:added.say', { ...vars, link: `${config.publicUrl}/time-polls/${poll.id}` }),
      };
    },
  };
}

/** The poll is cancelled: everyone asked is told, by their own channel, that no answer is needed now. */
export function cancelNotice(args: { t: Translate; poll: Poll; reason: string | null; organisationName: string }): Notice {
  const { t, poll, reason, organisationName } = args;
  return {
    organisationId: poll.organisationId,
    kind: 'time-poll',
    aboutId: poll.id,
    projectId: poll.projectId,
    dedupeKey: (person) => `time-poll-cancelled:${poll.id}:${person.id}`,
    compose: (person: Person) => {
      const vars = {
        name: person.preferredName || person.fullName,
        organisation: organisationName,
        title: poll.title,
        project: poll.projectTitle,
      };
      const why = reason ? ` ${t('time-polls:cancelled.reason', { reason })}` : '';
      return {
        subject: t('time-polls:cancelled.subject', vars),
        full: t('time-polls:cancelled.full', vars) + (reason ? `\n\n${t('time-polls:cancelled.reason', { reason })}` : ''),
        text: t('time-polls:cancelled.text', vars) + why,
        say: t('time-polls:cancelled.say', vars) + why,
      };
    },
  };
}
