import type { Executor } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService } from '../people/service.ts';
import { composeSwapMessage, type SwapNews } from './messages.ts';

export type SwapTell = {
  exchangeId: string;
  to: string;
  what: string;
  news: SwapNews;
  /** Unique per piece of news on this swap. */ key: string;
};

/**
 * Tells the other person in a swap what the signed-in person just did, by that person's own
 * channel, with a link to the swap. The same news is never sent twice. The person is loaded
 * first; the message is written by the function it returns, inside the transaction of the
 * change itself, so the change and the message are kept together or not at all.
 */
export function makeSwapNotices({
  notices,
  people,
  t,
  publicUrl,
}: {
  notices: Notices;
  people: PeopleService;
  t: Translate;
  publicUrl: string;
}) {
  return async function tell(user: CurrentUser, news: SwapTell): Promise<(trx: Executor) => Promise<void>> {
    const person = await people.get(user.organisationId, news.to);
    return async (trx) => {
      await notices.send(
        {
          organisationId: user.organisationId,
          kind: 'timebank',
          aboutId: news.exchangeId,
          // A swap is between members, not about a project: only admins read it.
          projectId: null,
          dedupeKey: (p) => `timebank:${news.exchangeId}:${news.key}:${p.id}`,
          compose: (p) =>
            composeSwapMessage(t, {
              name: p.name,
              other: user.name,
              organisation: user.organisationName,
              what: news.what,
              link: `${publicUrl}/timebank/exchanges/${news.exchangeId}`,
              news: news.news,
            }),
        },
        [person],
        trx,
      );
    };
  };
}

export type TellSwap = ReturnType<typeof makeSwapNotices>;
