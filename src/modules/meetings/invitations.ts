import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { InvitationReply, OutboxKind } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import { NotFound } from '../../platform/errors.ts';
import { activeLanguage, type AppLanguage, type Translate } from '../../platform/i18n.ts';
import { composeIn, joinMessages, messageLanguagesFor } from '../languages/messages.ts';
import { enqueue, listOutbox, markHandled, type OutgoingMessage } from '../../platform/outbox.ts';
import type { Clock } from '../../platform/time.ts';
import type { PeopleService, Person } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { meetingInvite } from './calendar.ts';
import { calendarMeeting } from './calendar-meeting.ts';
import { chooseChannel, usableChannels } from './channel-choice.ts';
import {
  composeMeetingMessage,
  easyReadKinds,
  summaryForReader,
  whenText,
  whereText,
  type MessageKind,
  type SentSummary,
} from './messages.ts';
import type { Issued, ReplyActionService } from '../replies/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { Executor } from '../../db/connection.ts';
import * as repo from './repository.ts';
import { movesPeople } from './meeting-change.ts';
import { supporterInvitation } from './supporter-copy.ts';
import type { Meeting, MeetingInput, MeetingService } from './service.ts';
import { readReplyToken, replyToken } from './signed-links.ts';
import type { Reply } from './vocabulary.ts';
import type { Actor } from '../../platform/auth.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';

type Deps = {
  db: Db;
  now: Clock;
  config: Config;
  secret: string;
  delivery: Delivery | null;
  t: Translate;
  people: PeopleService;
  projects: ProjectService;
  meetings: MeetingService;
  organisationName: (organisationId: string) => Promise<string>;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  /**
   * Which of these people read in easy read (issue 24): they are sent invitations and reminders
   * in easy read words, and the easy read summary.
   */
  easyReaders: (organisationId: string, personIds: readonly string[]) => Promise<Set<string>>;
};

export type { SentSummary } from './messages.ts';

/** The address in MAIL_FROM, for the calendar invitation's organiser. */
const fromAddress = (mailFrom: string) => /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;

/**
 * Invitations, reminders and summaries, each by the person's own channel (S4), written to
 * the outbox in the same transaction as the change that records them: a crash can never
 * leave a person marked as invited with nothing sent, or sent twice.
 */
export function makeInvitationService(deps: Deps) {
  const { db, now, config, secret, delivery, t, people, projects, meetings } = deps;
  const usable = usableChannels(config.delivery.kind, config.sms !== null);

  const tokenFor = (meeting: Meeting, personId: string) =>
    replyToken(secret, { meetingId: meeting.id, personId, expiresAt: meeting.endsAt });
  const replyLink = (meeting: Meeting, personId: string) => `${config.publicUrl}/reply/${tokenFor(meeting, personId)}`;

  /**
   * The outbox message for one person about one meeting, or null when they cannot be reached:
   * in their language, or in both when Welsh is on and they have not chosen (issue 24).
   */
  function messageFor(
    organisationId: string,
    person: Person,
    meeting: Meeting,
    organisationName: string,
    kind: MessageKind,
    summary?: SentSummary,
    ask?: { issued: Issued | undefined; contact: ReplyContact },
    languages: readonly AppLanguage[] = ['en'],
    easyRead = false,
  ): { message: OutgoingMessage; channel: string } | null {
    const compose = () => messageIn(organisationId, person, meeting, organisationName, kind, summary, ask, easyRead);
    return composeIn(languages, compose, joinMessages);
  }

  function messageIn(
    organisationId: string,
    person: Person,
    meeting: Meeting,
    organisationName: string,
    kind: MessageKind,
    summary?: SentSummary,
    ask?: { issued: Issued | undefined; contact: ReplyContact },
    easyRead = false,
  ): { message: OutgoingMessage; channel: string } | null {
    const choice = chooseChannel(person, usable);
    if (!choice.channel) return null;
    const link = replyLink(meeting, person.id);
    const composed = composeMeetingMessage(t, {
      kind,
      channel: choice.channel,
      name: person.name,
      organisationName,
      meeting,
      replyLink: link,
      calendarLink: `${link}/meeting.ics`,
      summary: summary ? summaryForReader(t, summary, activeLanguage() === 'cy') : undefined,
      easyRead,
    });
    // A letter gives the reply code, phone and address, never a web address; a text adds the code.
    const issued = ask?.issued;
    const letterKey = easyRead && easyReadKinds.includes(kind) ? `easy-read:message.${kind}.letter` : `replies:meetingLetter.${kind}`;
    if (issued && choice.channel === 'letter' && kind !== 'summary' && kind !== 'cancellation')
      composed.bodyText = t(letterKey, {
        name: person.name,
        organisation: organisationName,
        title: meeting.title,
        when: whenText(t, meeting),
        where: whereText(t, meeting),
        purpose: meeting.purpose,
        howToReply: letterHowToReply(t, issued.code, ask.contact),
      });
    if (issued && choice.channel === 'text' && kind !== 'summary' && kind !== 'cancellation')
      composed.bodyText = `${composed.bodyText} ${textCode(t, issued.code)}`;
    // A call or a word in person goes on the staff call list.
    const channel = choice.channel === 'in-person' ? 'phone' : choice.channel;
    // The calendar file updates or removes the event in the person's own calendar.
    const attachments =
      kind !== 'summary' && choice.channel === 'email'
        ? [
            {
              filename: 'meeting.ics',
              contentType: `text/calendar; method=${meeting.cancelled ? 'CANCEL' : 'REQUEST'}`,
              content: meetingInvite(
                calendarMeeting(meeting, link),
                { name: organisationName, email: fromAddress(config.mailFrom) },
                { name: person.name, email: choice.recipient },
              ),
            },
          ]
        : [];
    const message: OutgoingMessage = {
      organisationId,
      personId: person.id,
      aboutId: meeting.id,
      projectId: meeting.projectId,
      recipientName: person.fullName,
      kind: kind as OutboxKind,
      channel,
      recipient: choice.channel === 'in-person' ? t('meetings:calls.inPerson') : choice.recipient,
      subject: composed.subject,
      bodyText: composed.bodyText,
      attachments,
      // A supporter's copy of an invitation is written to the supporter, about the person (issue 24).
      forSupporter:
        kind === 'invitation' && ask
          ? (supporter) =>
              supporterInvitation(t, supporter, {
                person: person.fullName,
                organisationName,
                meeting,
                contact: ask.contact,
                replyForThemLink: `${config.publicUrl}/supporting/${person.id}/meetings/${meeting.id}`,
              })
          : undefined,
      // A meeting can change more than once; each version's news goes once.
      dedupeKey:
        kind === 'change' || kind === 'cancellation'
          ? `${kind}:${meeting.id}:${person.id}:${meeting.updatedAt}`
          : `${kind}:${meeting.id}:${person.id}`,
    };
    return { message, channel: choice.channel };
  }

  /**
   * The reply code and personal link of each person asked "can you come?", in the messages'
   * transaction. The contact is read before it: SQLite has one connection.
   */
  async function askReply(within: Executor, organisationId: string, meeting: Meeting, personIds: readonly string[], contact: ReplyContact) {
    const issued = await deps.replyActions.issue(within, {
      organisationId,
      kind: 'meeting-reply',
      aboutId: meeting.id,
      personIds,
      expiresAt: meeting.endsAt,
      once: false,
    });
    return (personId: string) => ({ issued: issued.get(personId), contact });
  }

  async function loadPeople(organisationId: string, ids: readonly string[]) {
    const out: Person[] = [];
    for (const id of ids) out.push(await people.get(organisationId, id));
    return out;
  }

  return {
    replyLink,

    /** Invites everyone not invited yet. Returns who could not be reached by any channel. */
    async sendInvitations(actor: Actor, meetingId: string): Promise<{ sent: number; unreachable: string[] }> {
      const meeting = await meetings.load(actor.organisationId, meetingId);
      const organisationName = await deps.organisationName(actor.organisationId);
      const contact = await deps.replyContact(actor.organisationId);
      const waiting = (await repo.invitees(db, actor.organisationId, meetingId)).filter((i) => !i.invited_at);
      const unreachable: string[] = [];
      let sent = 0;
      const at = now();
      const everyone = await loadPeople(
        actor.organisationId,
        waiting.map((w) => w.person_id),
      );
      const languages = await messageLanguagesFor(
        db,
        actor.organisationId,
        everyone.map((p) => p.id),
      );
      const easyReaders = await deps.easyReaders(
        actor.organisationId,
        everyone.map((p) => p.id),
      );
      await db.transaction().execute(async (trx) => {
        const ask = await askReply(
          trx,
          actor.organisationId,
          meeting,
          everyone.map((p) => p.id),
          contact,
        );
        for (const person of everyone) {
          const out = messageFor(
            actor.organisationId,
            person,
            meeting,
            organisationName,
            'invitation',
            undefined,
            ask(person.id),
            languages(person.id),
            easyReaders.has(person.id),
          );
          if (!out) {
            unreachable.push(person.name);
            continue;
          }
          await enqueue(trx, out.message, at, delivery);
          await repo.markInvited(trx, actor.organisationId, meetingId, person.id, out.channel, at.toISOString());
          sent++;
        }
        await repo.updateMeeting(trx, actor.organisationId, meetingId, { invitations_sent_at: at.toISOString() });
      });
      await writeAudit(db, {
        organisationId: actor.organisationId,
        actorPersonId: actor.personId,
        subjectType: 'meeting',
        subjectId: meetingId,
        action: 'invitations-sent',
        changes: [{ field: 'sent', to: sent }],
        at,
      });
      return { sent, unreachable };
    },

    /**
     * Reminders for meetings starting within the reminder period. Each invitee is claimed
     * first, in the same transaction as the message, so a reminder goes once at most.
     */
    async sendDueReminders(): Promise<number> {
      const at = now();
      const due = await repo.dueReminders(db, at.toISOString(), new Date(at.getTime() + config.reminderDays * 86_400_000).toISOString());
      let sent = 0;
      // Who reads in easy read, asked once for each organisation with reminders due.
      const easyReaders = new Map<string, Set<string>>();
      for (const organisationId of new Set(due.map((r) => r.organisation_id))) {
        const ids = due.filter((r) => r.organisation_id === organisationId).map((r) => r.person_id);
        easyReaders.set(organisationId, await deps.easyReaders(organisationId, ids));
      }
      for (const row of due) {
        const meeting = await meetings.load(row.organisation_id, row.meeting_id);
        const person = await people.get(row.organisation_id, row.person_id);
        const organisationName = await deps.organisationName(row.organisation_id);
        const contact = await deps.replyContact(row.organisation_id);
        const languages = await messageLanguagesFor(db, row.organisation_id, [person.id]);
        const easyRead = easyReaders.get(row.organisation_id)?.has(person.id) ?? false;
        await db.transaction().execute(async (trx) => {
          if (!(await repo.claimReminder(trx, row.organisation_id, row.meeting_id, row.person_id, at.toISOString()))) return;
          const ask = await askReply(trx, row.organisation_id, meeting, [person.id], contact);
          const out = messageFor(
            row.organisation_id,
            person,
            meeting,
            organisationName,
            'reminder',
            undefined,
            ask(person.id),
            languages(person.id),
            easyRead,
          );
          if (out) {
            await enqueue(trx, out.message, at, delivery);
            sent++;
          }
        });
      }
      return sent;
    },

    /** Tells everyone already invited that the meeting changed, or is cancelled. */
    async sendChange(actor: Actor, meetingId: string, kind: 'change' | 'cancellation'): Promise<{ sent: number; unreachable: string[] }> {
      const meeting = await meetings.load(actor.organisationId, meetingId);
      const organisationName = await deps.organisationName(actor.organisationId);
      const contact = await deps.replyContact(actor.organisationId);
      const invited = (await repo.invitees(db, actor.organisationId, meetingId)).filter((i) => i.invited_at);
      const everyone = await loadPeople(
        actor.organisationId,
        invited.map((i) => i.person_id),
      );
      const languages = await messageLanguagesFor(
        db,
        actor.organisationId,
        everyone.map((p) => p.id),
      );
      // Easy read readers are told of a change or a cancellation in easy read, as they were invited.
      const easyReaders = await deps.easyReaders(
        actor.organisationId,
        everyone.map((p) => p.id),
      );
      const at = now();
      const unreachable: string[] = [];
      let sent = 0;
      await db.transaction().execute(async (trx) => {
        const ask = await askReply(
          trx,
          actor.organisationId,
          meeting,
          everyone.map((p) => p.id),
          contact,
        );
        for (const person of everyone) {
          const out = messageFor(
            actor.organisationId,
            person,
            meeting,
            organisationName,
            kind,
            undefined,
            ask(person.id),
            languages(person.id),
            easyReaders.has(person.id),
          );
          if (!out) unreachable.push(person.name);
          else {
            await enqueue(trx, out.message, at, delivery);
            sent++;
          }
        }
      });
      return { sent, unreachable };
    },

    /**
     * The plain-English summary goes to every member of the project, by their channel; easy
     * read readers get the easy read summary instead, when staff wrote one.
     */
    async sendSummary(
      actor: Actor,
      meeting: Meeting,
      summary: SentSummary,
      easyReadSummary: SentSummary | null = null,
    ): Promise<{ sent: number; unreachable: string[] }> {
      const organisationName = await deps.organisationName(actor.organisationId);
      const members = await projects.members(actor.organisationId, meeting.projectId);
      const everyone = await loadPeople(
        actor.organisationId,
        members.map((m) => m.personId),
      );
      const easyReaders = easyReadSummary
        ? await deps.easyReaders(
            actor.organisationId,
            everyone.map((p) => p.id),
          )
        : new Set<string>();
      const languages = await messageLanguagesFor(
        db,
        actor.organisationId,
        everyone.map((p) => p.id),
      );
      const at = now();
      const unreachable: string[] = [];
      let sent = 0;
      await db.transaction().execute(async (trx) => {
        for (const person of everyone) {
          const theirs = easyReadSummary && easyReaders.has(person.id) ? easyReadSummary : summary;
          const out = messageFor(
            actor.organisationId,
            person,
            meeting,
            organisationName,
            'summary',
            theirs,
            undefined,
            languages(person.id),
          );
          if (!out) unreachable.push(person.name);
          else {
            await enqueue(trx, out.message, at, delivery);
            sent++;
          }
        }
      });
      return { sent, unreachable };
    },

    /** A call on this meeting's list was made: only a call or letter about this meeting, still waiting. */
    async markCallMade(actor: Actor, meetingId: string, messageId: string): Promise<boolean> {
      return markHandled(db, actor.organisationId, messageId, now(), { aboutId: meetingId });
    },

    /**
     * Saves a change to a meeting; when its time or place changed, invitations have gone out
     * and staff asked for it, tells everyone invited. Returns how many were told, or null
     * when nobody needed telling.
     */
    async changeMeeting(
      actor: Actor,
      before: Meeting,
      input: MeetingInput,
      opts: { tellPeople: boolean },
    ): Promise<{ told: number | null }> {
      await meetings.update(actor, before.id, input);
      if (!(before.invitationsSentAt && opts.tellPeople && movesPeople(before, input))) return { told: null };
      return { told: (await this.sendChange(actor, before.id, 'change')).sent };
    },

    /** What staff still have to do by hand for a meeting: calls to make, letters to post. */
    async handWork(organisationId: string, meetingId: string) {
      const [calls, letters, all] = await Promise.all([
        listOutbox(db, organisationId, { aboutId: meetingId, status: 'to-call' }),
        listOutbox(db, organisationId, { aboutId: meetingId, status: 'to-print' }),
        listOutbox(db, organisationId, { aboutId: meetingId }),
      ]);
      return { calls, letters, messages: all };
    },

    /**
     * A person's reply by text ("YES"): to the latest invitation they were sent for a
     * meeting still to come. The meeting it answered, or null when none is open.
     */
    async replyByText(organisationId: string, personId: string, reply: Reply): Promise<string | null> {
      const meetingId = await repo.latestOpenInvitation(db, organisationId, personId, now().toISOString());
      if (!meetingId) return null;
      await this.recordReply(organisationId, meetingId, personId, reply, null, null, { via: 'text' });
      return meetingId;
    },

    /**
     * A reply by the person, or recorded by staff (by phone or in person), or given by one
     * of the person's supporters (`actingFor`): the reply, its history and the supporter's
     * act are saved together.
     */
    async recordReply(
      organisationId: string,
      meetingId: string,
      personId: string,
      reply: Reply,
      recordedBy: string | null,
      note: string | null,
      how: { via?: 'text'; actingFor?: ActingFor | null } = {},
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const ok = await repo.setReply(trx, organisationId, meetingId, personId, {
          reply: reply as InvitationReply,
          replied_at: now().toISOString(),
          reply_recorded_by: recordedBy,
          reply_note: note,
        });
        if (!ok) throw new NotFound();
        await writeAudit(trx, {
          organisationId,
          actorPersonId: recordedBy ?? personId,
          onBehalfOfPersonId: recordedBy ? personId : null,
          subjectType: 'meeting',
          subjectId: meetingId,
          action: how.via === 'text' ? 'replied-by-text' : 'reply',
          changes: [{ field: 'reply', to: reply }],
          at: now(),
        });
        await keepAct(trx, how.actingFor, 'meeting-reply', meetingId);
      });
    },

    /** Opens a reply link: the meeting and who it is for, or why it does not work. */
    async openReplyLink(token: string) {
      const read = readReplyToken(secret, token, now());
      if (!read.ok) return { ok: false as const, reason: read.reason };
      const row = await db.selectFrom('meetings').select('organisation_id').where('id', '=', read.link.meetingId).executeTakeFirst();
      if (!row) return { ok: false as const, reason: 'invalid' as const };
      const meeting = await meetings.load(row.organisation_id, read.link.meetingId);
      const invitee = (await meetings.invitees(row.organisation_id, meeting.id)).find((i) => i.personId === read.link.personId);
      if (!invitee) return { ok: false as const, reason: 'invalid' as const };
      return {
        ok: true as const,
        meeting,
        invitee,
        organisationId: row.organisation_id,
        organisationName: await deps.organisationName(row.organisation_id),
        link: replyLink(meeting, invitee.personId),
      };
    },
  };
}

export type InvitationService = ReturnType<typeof makeInvitationService>;
