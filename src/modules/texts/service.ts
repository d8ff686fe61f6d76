import type { Db } from '../../db/connection.ts';
import type { ReceivedTextOutcome } from '../../db/schema/texts.ts';
import type { RoleActor } from '../../platform/auth.ts';
import { internationalNumber, storedForms } from '../../platform/delivery/phone-number.ts';
import type { ReceivedTextsReader } from '../../platform/delivery/notify-received.ts';
import type { ReceivedText } from '../../platform/delivery/received-text.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import type { InvitationService } from '../meetings/invitations.ts';
import { peopleByMobile } from '../people/mobile-lookup.ts';
import type { PeopleService } from '../people/service.ts';
import type { Answerer } from '../replies/answerers.ts';
import { claimUse } from '../replies/repository.ts';
import type { LiveAction } from '../replies/service.ts';
import { readReply } from './reply-words.ts';
import * as repo from './repository.ts';

/**
 * What a person was last asked through a personal action (a vote, a meeting ...), still open:
 * a number sent back answers it when it can, and staff reading a text see it. The replies
 * module provides it.
 */
export type LatestQuestion = (organisationId: string, personId: string) => Promise<LiveAction | null>;

/**
 * What a number means for one open action ("2": the second option of a vote), with the
 * answerer of the module that owns it; null when the number is none of its options. Only
 * votes have numbered options, so only votes are answered this way.
 */
export type AnswerByNumber = (action: LiveAction, n: number) => Promise<{ answerer: Answerer; body: unknown } | null>;

/**
 * What a text's words mean for one open action of another kind (a time poll's "1Y 2N 3M"),
 * with its answerer and what to call it in the audit log; null when they are not an answer
 * to it. The module that owns the action reads its own words.
 */
export type AnswerByText = (
  action: LiveAction,
  body: string,
) => Promise<{ answerer: Answerer; body: unknown; subjectType: AuditEntry['subjectType'] } | null>;

export type InboxText = {
  id: string;
  from: string;
  body: string;
  receivedAt: string;
  personId: string | null;
  personName: string | null;
  outcome: ReceivedTextOutcome;
  reply: string | null;
  meetingId: string | null;
  status: 'to-do' | 'done';
  dealtWithAt: string | null;
  dealtWithNote: string | null;
};

/** What became of one received text, for the job's log and the tests. */
export type Received = 'duplicate' | ReceivedTextOutcome;

type Deps = {
  db: Db;
  now: Clock;
  people: PeopleService;
  invitations: Pick<InvitationService, 'replyByText'>;
  /** Texts from GOV.UK Notify; null when Notify is not set up (Twilio posts its texts to us). */
  notifyTexts: ReceivedTextsReader | null;
  latestQuestion?: LatestQuestion;
  answerByNumber?: AnswerByNumber;
  answerByText?: AnswerByText;
};

/**
 * Texts people send back (issue 16). Each is stored once by the provider's id, then matched:
 * the sender's number to one person of one organisation, the words to the question they
 * were last asked. YES, NO and MAYBE answer their latest open meeting invitation; a number
 * answers their latest open vote when it is one of its options; STOP stops texts to them
 * and tells staff. Everything else waits in the staff inbox.
 */
export function makeTextService({ db, now, people, invitations, notifyTexts, latestQuestion, answerByNumber, answerByText }: Deps) {
  /**
   * Whose number: one person of one organisation, or as near as can be told. The number it
   * was sent to settles which organisation when it is one organisation's own reply phone.
   */
  async function sender(from: string, to: string | null): Promise<{ organisationId: string | null; personId: string | null }> {
    const found = await peopleByMobile(db, storedForms(from));
    const organisations = new Set(found.map((p) => p.organisationId));
    // Two people sharing a phone (a couple, a carer): staff work out who wrote.
    const personIn = (organisationId: string) => {
      const theirs = found.filter((p) => p.organisationId === organisationId);
      return { organisationId, personId: theirs.length === 1 ? theirs[0]!.personId : null };
    };
    if (organisations.size === 1) return personIn(found[0]!.organisationId);
    const addressed = to ? await repo.organisationsByReplyPhone(db, to) : [];
    if (addressed.length === 1 && (organisations.size === 0 || organisations.has(addressed[0]!))) return personIn(addressed[0]!);
    // A number held in two organisations belongs to neither: never guess across them.
    if (organisations.size > 1) return { organisationId: null, personId: null };
    // Nobody's number: the only organisation's, or unfiled for the instance's operator.
    return { organisationId: await repo.soleOrganisation(db), personId: null };
  }

  /** Stops texts to a person who sent STOP: "text" joins the channels they said no to. */
  async function stopTexts(organisationId: string, personId: string): Promise<void> {
    const person = await people.get(organisationId, personId);
    if (person.optedOut.includes('text')) return;
    const { id: _id, name: _name, ...current } = person;
    await people.update({ organisationId, personId }, personId, { ...current, optedOut: [...current.optedOut, 'text'] });
  }

  /**
   * A number answers the vote the person was asked most recently, through the same answerer
   * as their personal link, when that vote is still open to them and the number is one of
   * its options. False sends the text to staff instead.
   */
  async function voteByText(organisationId: string, personId: string, n: number): Promise<boolean> {
    if (!latestQuestion || !answerByNumber) return false;
    const action = await latestQuestion(organisationId, personId);
    if (!action || action.kind !== 'vote') return false;
    const answer = await answerByNumber(action, n);
    if (!answer) return false;
    // Not open yet, closed, already voted, or no longer one of those asked: staff decide.
    const page = await answer.answerer.page(action, null);
    if (!page || page.closedReason) return false;
    try {
      const saved = await answer.answerer.save(action, answer.body, null);
      if (!saved.ok) return false;
    } catch (e) {
      // A vote given another way in the moment between: one ballot each, so this one waits for staff.
      if (e instanceof Conflict) return false;
      throw e;
    }
    if (action.once) await claimUse(db, action.id, now().toISOString());
    // Who answered and how, never what: as for an answer by link.
    await writeAudit(db, {
      organisationId,
      actorPersonId: personId,
      onBehalfOfPersonId: null,
      subjectType: 'proposal',
      subjectId: action.aboutId,
      action: 'answer-by-text',
      changes: [{ field: 'how', to: 'text' }],
      at: now(),
    });
    return true;
  }

  /**
   * Words that answer the person's latest open question when it is not a vote (a time
   * poll: "1Y 2N 3M"), through the same answerer as their personal link. False sends the
   * text to staff instead.
   */
  async function answerLatestByText(organisationId: string, personId: string, body: string): Promise<boolean> {
    if (!latestQuestion || !answerByText) return false;
    const action = await latestQuestion(organisationId, personId);
    if (!action || action.kind === 'vote') return false;
    const answer = await answerByText(action, body);
    if (!answer) return false;
    const page = await answer.answerer.page(action, null);
    if (!page || page.closedReason) return false;
    const saved = await answer.answerer.save(action, answer.body, null);
    if (!saved.ok) return false;
    await writeAudit(db, {
      organisationId,
      actorPersonId: personId,
      onBehalfOfPersonId: null,
      subjectType: answer.subjectType,
      subjectId: action.aboutId,
      action: 'answer-by-text',
      changes: [{ field: 'how', to: 'text' }],
      at: now(),
    });
    return true;
  }

  async function receive(text: ReceivedText): Promise<Received> {
    const id = newId();
    const stored = await repo.insertOnce(db, {
      id,
      provider: text.provider,
      provider_id: text.providerId.slice(0, 100),
      organisation_id: null,
      from_number: (internationalNumber(text.from) ?? text.from).slice(0, 40),
      to_number: text.to ? (internationalNumber(text.to) ?? text.to).slice(0, 40) : null,
      // PostgreSQL refuses NUL in text; nobody types one.
      body: text.body.replaceAll(String.fromCharCode(0), '').slice(0, 5000),
      received_at: text.receivedAt,
      stored_at: now().toISOString(),
      person_id: null,
      // Until the app has worked it out, a text waits for staff: a failure below leaves it there.
      outcome: 'unread',
      meeting_id: null,
      reply: null,
      status: 'to-do',
      dealt_with_by: null,
      dealt_with_at: null,
      dealt_with_note: null,
    });
    if (!stored) return 'duplicate';
    const who = await sender(text.from, text.to ? internationalNumber(text.to) : null);
    const settle = (outcome: ReceivedTextOutcome, more: { meetingId?: string; reply?: string } = {}) =>
      repo.settle(db, id, {
        organisation_id: who.organisationId,
        person_id: who.personId,
        outcome,
        // STOP is done, but staff are told: it stays in the inbox until someone has read it.
        status: outcome === 'meeting-reply' || outcome === 'vote-reply' || outcome === 'time-poll-reply' ? 'done' : 'to-do',
        meeting_id: more.meetingId ?? null,
        reply: more.reply ?? null,
      });
    const read = readReply(text.body);
    if (!who.organisationId || !who.personId) {
      await settle('unmatched');
      return 'unmatched';
    }
    if (read.kind === 'stop') {
      await stopTexts(who.organisationId, who.personId);
      await settle('stopped');
      return 'stopped';
    }
    if (read.kind === 'yes' || read.kind === 'no' || read.kind === 'maybe') {
      const meetingId = await invitations.replyByText(who.organisationId, who.personId, read.kind);
      if (meetingId) {
        await settle('meeting-reply', { meetingId, reply: read.kind });
        return 'meeting-reply';
      }
    }
    if (read.kind === 'number' && (await voteByText(who.organisationId, who.personId, read.number))) {
      // The vote is recorded; the text kept with a name would say how they voted, and a vote may be secret.
      await repo.forgetBody(db, id);
      await settle('vote-reply');
      return 'vote-reply';
    }
    if (await answerLatestByText(who.organisationId, who.personId, text.body)) {
      await settle('time-poll-reply');
      return 'time-poll-reply';
    }
    await settle('unmatched');
    return 'unmatched';
  }

  let lastFetched = -Infinity;

  return {
    receive,

    /**
     * Reads new texts from Notify and deals with each, oldest first; at most once every
     * `everySeconds` (the job runs more often, for the outbox). Returns how many were new.
     */
    async fetchFromNotify(everySeconds = 0): Promise<number> {
      if (!notifyTexts) return 0;
      const at = now().getTime();
      if (at - lastFetched < everySeconds * 1000) return 0;
      lastFetched = at;
      const texts = await notifyTexts.newTexts((ids) => repo.storedIds(db, 'notify', ids));
      let done = 0;
      for (const text of texts.reverse()) if ((await receive(text)) !== 'duplicate') done++;
      return done;
    },

    /** How many texts wait for a person to deal with them: for the staff To do page, asked with its other counts. */
    toDealWithCount: (organisationId: string) => repo.countQuery(db, organisationId, { status: 'to-do' }),

    /** A page of the organisation's texts, newest first: those to deal with, or all. */
    async page(user: RoleActor, filter: repo.InboxFilter, p: Page): Promise<{ texts: InboxText[]; total: number }> {
      const [rows, total] = await Promise.all([repo.page(db, user.organisationId, filter, p), repo.count(db, user.organisationId, filter)]);
      const names = new Map(
        (
          await people.summaries(
            user.organisationId,
            rows.flatMap((r) => (r.person_id ? [r.person_id] : [])),
          )
        ).map((s) => [s.id, s.name]),
      );
      return { texts: rows.map((r) => inboxText(r, names)), total };
    },

    /** One text, with what the person was last asked when the app could not tell. */
    async get(user: RoleActor, id: string) {
      const row = await repo.find(db, user.organisationId, id);
      if (!row) throw new NotFound();
      const names = new Map((await people.summaries(user.organisationId, row.person_id ? [row.person_id] : [])).map((s) => [s.id, s.name]));
      const question =
        row.person_id && row.status === 'to-do' && latestQuestion ? await latestQuestion(user.organisationId, row.person_id) : null;
      return { text: inboxText(row, names), question };
    },

    /**
     * Texts from a number nobody has, on an instance of several organisations, sent to no
     * organisation's own number: no organisation's staff may read them (the text may be
     * about another organisation), so only the instance's operator sees them, by the
     * `npm run texts:unfiled` command. Newest first, a page at a time.
     */
    async unfiled(p: Page): Promise<{ texts: Array<InboxText & { to: string | null }>; total: number }> {
      const [rows, total] = await Promise.all([repo.unfiledPage(db, p), repo.unfiledCount(db)]);
      return { texts: rows.map((r) => ({ ...inboxText(r, new Map()), to: r.to_number })), total };
    },

    /** The organisations an unfiled text may be filed with, by name. */
    organisations: () => repo.organisationNames(db),

    /**
     * The operator files an unfiled text with the organisation it is for: it then waits in
     * that organisation's inbox, with the person whose number it is there when there is
     * exactly one. Audited under the organisation. False when it is not unfiled.
     */
    async fileWith(textId: string, organisationId: string): Promise<boolean> {
      const [known, fromNumber] = await Promise.all([repo.organisationExists(db, organisationId), repo.unfiledFromNumber(db, textId)]);
      if (!known) throw new NotFound();
      if (fromNumber === null) return false;
      const theirs = (await peopleByMobile(db, storedForms(fromNumber))).filter((p) => p.organisationId === organisationId);
      const personId = theirs.length === 1 ? theirs[0]!.personId : null;
      return db.transaction().execute(async (trx) => {
        if (!(await repo.fileWith(trx, textId, organisationId, personId))) return false;
        await writeAudit(trx, {
          organisationId,
          actorPersonId: null,
          subjectType: 'organisation',
          subjectId: organisationId,
          action: 'text-filed-by-operator',
          changes: [{ field: 'received-text', to: textId }],
          at: now(),
        });
        return true;
      });
    },

    async markDealtWith(user: RoleActor, id: string, note: string | null): Promise<boolean> {
      if (!(await repo.find(db, user.organisationId, id))) throw new NotFound();
      return repo.markDealtWith(db, user.organisationId, id, user.personId, now().toISOString(), note);
    },
  };
}

function inboxText(r: Awaited<ReturnType<typeof repo.find>> & object, names: Map<string, string>): InboxText {
  return {
    id: r.id,
    from: r.from_number,
    body: r.body,
    receivedAt: r.received_at,
    personId: r.person_id,
    personName: r.person_id ? (names.get(r.person_id) ?? null) : null,
    outcome: r.outcome,
    reply: r.reply,
    meetingId: r.meeting_id,
    status: r.status,
    dealtWithAt: r.dealt_with_at,
    dealtWithNote: r.dealt_with_note,
  };
}

export type TextService = ReturnType<typeof makeTextService>;
