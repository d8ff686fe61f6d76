import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import type { OutboxKind } from '../../db/schema.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import type { Translate } from '../../platform/i18n.ts';
import { enqueue } from '../../platform/outbox.ts';
import type { Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import { messageLanguagesFor } from '../languages/messages.ts';
import type { Person } from '../people/service.ts';

/**
 * One message in the three shapes people receive it: written in full (email, letter),
 * short enough for a text message, and what staff say on the phone or in person.
 */
export type NoticeText = { subject: string; full: string; text: string; say: string };

export type Notice = {
  organisationId: string;
  kind: OutboxKind;
  /** What it is about (a proposal, a decision, a survey), so that page can list what went. */
  aboutId: string;
  /** The project it is about, whose facilitators may read it; null for the organisation's own news. */
  projectId: string | null;
  /** Unique per person and news: the same key is never queued twice. */
  dedupeKey: (person: Person) => string;
  compose: (person: Person) => NoticeText;
};

export type NoticeResult = { sent: number; unreachable: string[] };

/**
 * Sends news to people by their own channel (S4): a repeat with the same dedupe keys sends
 * nothing new. Letters and calls land on the staff lists as for meetings. Pass the
 * transaction of the change the news is about, so the two are saved together or not at all
 * (DESIGN.md's outbox rule). Load the people before the transaction: SQLite has one connection.
 */
export function makeNotices({ now, config, delivery, t }: { now: Clock; config: Config; delivery: Delivery | null; t: Translate }) {
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  return {
    async send(notice: Notice, people: readonly Person[], within: Executor): Promise<NoticeResult> {
      const at = now();
      const unreachable: string[] = [];
      let sent = 0;
      // Each in their language, or in both when Welsh is on and they have not chosen (issue 24).
      const languages = await messageLanguagesFor(
        within,
        notice.organisationId,
        people.map((p) => p.id),
      );
      for (const person of people) {
        const choice = chooseChannel(person, usable);
        if (!choice.channel) {
          unreachable.push(person.name);
          continue;
        }
        const style = choice.channel === 'text' ? 'text' : choice.channel === 'phone' || choice.channel === 'in-person' ? 'say' : 'full';
        await enqueue(
          within,
          {
            organisationId: notice.organisationId,
            personId: person.id,
            aboutId: notice.aboutId,
            projectId: notice.projectId,
            recipientName: person.fullName,
            kind: notice.kind,
            channel: choice.channel === 'in-person' ? 'phone' : choice.channel,
            recipient: choice.channel === 'in-person' ? t('meetings:calls.inPerson') : choice.recipient,
            // Written by the outbox, so a supporter's copy can be written again in theirs.
            languages: languages(person.id),
            compose: () => {
              const text = notice.compose(person);
              return { subject: text.subject, bodyText: text[style] };
            },
            dedupeKey: notice.dedupeKey(person),
          },
          at,
          delivery,
        );
        sent++;
      }
      return { sent, unreachable };
    },
  };
}

export type Notices = ReturnType<typeof makeNotices>;
