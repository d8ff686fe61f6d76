// P7 for panel members who never sign in: each gets a personal link (the app's one mechanism,
// reply_actions and /act/:token) for their part in one round: to say who they know, then to
// score each bid alone. It goes by their own channel; a letter or a call carries the reply
// code instead, so staff can write down what they say. The link stops when scoring alone ends.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RoleActor } from '../../platform/auth.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate, type Clock } from '../../platform/time.ts';
import type { IdentityService } from '../identity/service.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { NoticeResult, Notices } from '../outbox/notices.ts';
import type { Person } from '../people/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { ReplyActionService } from '../replies/service.ts';

export type LinkRound = { id: string; title: string; panelMeetsOn: string };

/** A link lasts until the panel meets (ending sooner if scoring alone ends first), and at least a week. */
const minimumDays = 7;

export function makePanelLinks({
  now,
  t,
  config,
  identity,
  notices,
  replyActions,
  replyContact,
}: {
  now: Clock;
  t: Translate;
  config: Config;
  identity: Pick<IdentityService, 'activeAccounts'>;
  notices: Notices;
  replyActions: Pick<ReplyActionService, 'issue' | 'closeAbout'>;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
}) {
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  const expiryOf = (round: LinkRound) => {
    const meets = `${round.panelMeetsOn}T23:59:59.000Z`;
    const week = new Date(now().getTime() + minimumDays * 86_400_000).toISOString();
    return meets > week ? meets : week;
  };

  return {
    /** Of these panel members, those with no account to sign in with: they are sent a link without asking. */
    async withoutAccounts(organisationId: string, personIds: readonly string[]): Promise<string[]> {
      if (!personIds.length) return [];
      const signIn = new Set((await identity.activeAccounts(organisationId, personIds)).map((a) => a.personId));
      return personIds.filter((id) => !signIn.has(id));
    },

    /** The reply contact, read before the transaction that sends (SQLite has one connection). */
    contact: replyContact,

    /**
     * Issues each person's link for this round and sends it by their own channel, in the
     * caller's transaction. A letter gives the reply code, the phone number and the address,
     * never a web address; a text gives the link and the code.
     */
    async send(
      within: Executor,
      actor: RoleActor & { organisationName?: string },
      round: LinkRound,
      people: readonly Person[],
      contact: ReplyContact,
    ): Promise<NoticeResult> {
      if (!people.length) return { sent: 0, unreachable: [] };
      const issued = await replyActions.issue(within, {
        organisationId: actor.organisationId,
        kind: 'commissioning',
        aboutId: round.id,
        personIds: people.map((p) => p.id),
        expiresAt: expiryOf(round),
        once: false,
      });
      const at = now();
      const result = await notices.send(
        {
          organisationId: actor.organisationId,
          kind: 'commissioning',
          aboutId: round.id,
          projectId: null,
          dedupeKey: (p) => `commissioning-link:${round.id}:${p.id}:${at.toISOString()}`,
          compose: (person) => {
            const mine = issued.get(person.id)!;
            const vars = { name: person.name, title: round.title, meets: formatDate(round.panelMeetsOn), link: mine.link, code: mine.code };
            const letter = chooseChannel(person, usable).channel === 'letter';
            return {
              subject: t('commissioning:link.send.subject', vars),
              full: letter
                ? t('commissioning:link.send.letter', { ...vars, howToReply: letterHowToReply(t, mine.code, contact) })
                : t('commissioning:link.send.email', vars),
              text: `${t('commissioning:link.send.text', vars)} ${textCode(t, mine.code)}`,
              say: t('commissioning:link.send.say', vars),
            };
          },
        },
        people,
        within,
      );
      for (const person of people)
        await writeAudit(within, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: person.id,
          subjectType: 'commissioning',
          subjectId: round.id,
          action: 'panel-link-sent',
          changes: [],
          at,
        });
      return result;
    },

    /** Scoring alone is over: every panel link of the round stops now. */
    close: (within: Executor, organisationId: string, roundId: string) =>
      replyActions.closeAbout(within, organisationId, 'commissioning', roundId),
  };
}

export type PanelLinks = ReturnType<typeof makePanelLinks>;
