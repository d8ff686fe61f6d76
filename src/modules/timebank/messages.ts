import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import type { NoticeText } from '../outbox/notices.ts';
import { describeMinutes } from './duration.ts';

// What people are told about a swap, by their own channel (S4): someone answered their post,
// or the other side says it happened and asks them to say yes. Every wording comes in the
// three shapes people receive: written in full, a short text, and words to say on the phone.

export type SwapNews =
  { event: 'asked'; listingKind: 'offer' | 'request' } | { event: 'proposed'; minutes: number; happenedOn: string; recipientGave: boolean };

export type SwapMessage = {
  /** The person told, by the name they like. */
  name: string;
  /** The other person in the swap. */
  other: string;
  organisation: string;
  /** The post's title, or the note when there is no post. */
  what: string;
  link: string;
  news: SwapNews;
};

export function composeSwapMessage(t: Translate, m: SwapMessage): NoticeText {
  const vars: Record<string, string> = { name: m.name, other: m.other, organisation: m.organisation, what: m.what, link: m.link };
  let key: string;
  if (m.news.event === 'asked') {
    key = m.news.listingKind === 'offer' ? 'wantsYourOffer' : 'canHelpYou';
  } else {
    key = m.news.recipientGave ? 'saysYouHelped' : 'saysTheyHelped';
    vars.duration = describeMinutes(t, m.news.minutes);
    vars.date = formatDate(m.news.happenedOn);
  }
  const text = (style: string) => t(`timebank:message.${key}.${style}`, vars);
  return { subject: text('subject'), full: text('full'), text: text('text'), say: text('say') };
}
