import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate, type Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Notices, NoticeText } from '../outbox/notices.ts';
import type { Person, PeopleService } from '../people/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { Issued, ReplyActionService } from '../replies/service.ts';
import { describeMinutes } from './duration.ts';
import { composeSwapMessage, type SwapNews } from './messages.ts';

export type SwapTell = {
  exchangeId: string;
  to: string;
  what: string;
  news: SwapNews;
  /** Unique per piece of news on this swap. */ key: string;
};

/** Personal links and reply codes, so a swap can be confirmed without signing in (issue 16). */
export type SwapReplies = {
  actions: ReplyActionService;
  contact: (organisationId: string) => Promise<ReplyContact>;
  config: Pick<Config, 'delivery' | 'sms'>;
};

/** A "please say yes" link stays usable this long; a later proposal on the swap renews it. */
const answerDays = 30;

/**
 * Tells the other person in a swap what the signed-in person just did, by that person's own
 * channel, with a link to the swap. The same news is never sent twice. The person is loaded
 * first; the message is written by the function it returns, inside the transaction of the
 * change itself, so the change and the message are kept together or not at all.
 *
 * When they are asked to say yes, the link is their own and works without signing in, and a
 * text adds their reply code; a letter carries the code with the organisation's phone and
 * address instead of any web address.
 */
export function makeSwapNotices({
  notices,
  people,
  t,
  publicUrl,
  replies,
  now,
}: {
  notices: Notices;
  people: PeopleService;
  t: Translate;
  publicUrl: string;
  replies: SwapReplies;
  now: Clock;
}) {
  const usable = usableChannels(replies.config.delivery.kind, replies.config.sms !== null);

  const letterFor = (p: Person, user: CurrentUser, news: SwapTell, contact: ReplyContact, mine: Issued | undefined) => {
    const vars = { name: p.name, other: user.name, organisation: user.organisationName, what: news.what };
    if (news.news.event === 'asked') {
      const tellUs = contact.phone
        ? t('replies:swapLetter.tellUsByPhone', { phone: contact.phone })
        : t('replies:swapLetter.tellUsInPerson');
      return t(`replies:swapLetter.${news.news.listingKind === 'offer' ? 'wantsYourOffer' : 'canHelpYou'}`, { ...vars, tellUs });
    }
    return t(`replies:swapLetter.${news.news.recipientGave ? 'saysYouHelped' : 'saysTheyHelped'}`, {
      ...vars,
      duration: describeMinutes(t, news.news.minutes),
      date: formatDate(news.news.happenedOn),
      howToReply: mine ? letterHowToReply(t, mine.code, contact) : t('replies:swapLetter.tellUsInPerson'),
    });
  };

  return async function tell(user: CurrentUser, news: SwapTell): Promise<(trx: Executor) => Promise<void>> {
    // Read before the transaction: SQLite has one connection.
    const person = await people.get(user.organisationId, news.to);
    const contact = await replies.contact(user.organisationId);
    return async (trx) => {
      const asked = news.news.event === 'proposed';
      const issued = asked
        ? await replies.actions.issue(trx, {
            organisationId: user.organisationId,
            kind: 'swap',
            aboutId: news.exchangeId,
            personIds: [person.id],
            expiresAt: new Date(now().getTime() + answerDays * 24 * 60 * 60 * 1000).toISOString(),
            // The swap itself says whether it still waits for this person: a new proposal after
            // a "no" is answered by the same link.
            once: false,
          })
        : new Map<string, Issued>();
      await notices.send(
        {
          organisationId: user.organisationId,
          kind: 'timebank',
          aboutId: news.exchangeId,
          // A swap is between members, not about a project: only admins read it.
          projectId: null,
          dedupeKey: (p) => `timebank:${news.exchangeId}:${news.key}:${p.id}`,
          compose: (p): NoticeText => {
            const mine = issued.get(p.id);
            const message = composeSwapMessage(t, {
              name: p.name,
              other: user.name,
              organisation: user.organisationName,
              what: news.what,
              link: mine?.link ?? `${publicUrl}/timebank/exchanges/${news.exchangeId}`,
              news: news.news,
            });
            const letter = chooseChannel(p, usable).channel === 'letter';
            return {
              ...message,
              full: letter ? letterFor(p, user, news, contact, mine) : message.full,
              text: mine ? `${message.text} ${textCode(t, mine.code)}` : message.text,
            };
          },
        },
        [person],
        trx,
      );
    };
  };
}

export type TellSwap = ReturnType<typeof makeSwapNotices>;
