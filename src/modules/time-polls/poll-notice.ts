import type { Config } from '../../config.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Notice } from '../outbox/notices.ts';
import type { Person } from '../people/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { Issued } from '../replies/service.ts';
import type { Poll } from './service.ts';

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
