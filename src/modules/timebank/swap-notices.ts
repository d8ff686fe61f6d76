import type { CurrentUser } from '../../platform/auth.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService } from '../people/service.ts';
import { composeSwapMessage, type SwapNews } from './messages.ts';

export type SwapTell = { exchangeId: string; to: string; what: string; news: SwapNews; /** Unique per piece of news on this swap. */ key: string };

/**
 * Tells the other person in a swap what the signed-in person just did, by that person's own
 * channel, with a link to the swap. The same news is never sent twice.
 */
export function makeSwapNotices({ notices, people, t, publicUrl }: { notices: Notices; people: PeopleService; t: Translate; publicUrl: string }) {
  return async function tell(user: CurrentUser, news: SwapTell): Promise<void> {
    const person = await people.get(user.organisationId, news.to);
    await notices.send(
      {
        organisationId: user.organisationId,
        kind: 'timebank',
        aboutId: news.exchangeId,
        dedupeKey: (p) => `timebank:${news.exchangeId}:${news.key}:${p.id}`,
        compose: (p) =>
          composeSwapMessage(t, { name: p.name, other: user.name, organisation: user.organisationName, what: news.what, link: `${publicUrl}/timebank/exchanges/${news.exchangeId}`, news: news.news }),
      },
      [person],
    );
  };
}

export type TellSwap = ReturnType<typeof makeSwapNotices>;
