import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { TimePollAnswer, TimePollAnsweredHow } from '../../db/schema/time-polls.ts';
import { auditWriter, readsOfPeople } from '../../platform/audit.ts';
import { isStaff, type Actor, type CurrentUser, type RoleActor } from '../../platform/auth.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { ReadsLog } from '../../platform/audit.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import type { IdentityService } from '../identity/service.ts';
import type { InvitationService } from '../meetings/invitations.ts';
import type { MeetingService } from '../meetings/service.ts';
import { meetingFormats, type MeetingFormat } from '../meetings/vocabulary.ts';
import type { Notices } from '../outbox/notices.ts';
import type { AccessNeedsService } from '../people/access-needs.ts';
import type { PeopleService } from '../people/service.ts';
import { hasLivedExperience } from '../people/vocabulary.ts';
import type { ProjectService } from '../projects/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import type { ReplyContact } from '../replies/reply-words.ts';
import type { VenueService, Venue } from '../venues/service.ts';
import { makeTimePollChanges } from './changes.ts';
import { clashesFor, type Clash } from './clashes.ts';
import { pollNotice } from './poll-notice.ts';
import type { PollInput } from './poll-form.ts';
import { rankTimes, type RankedTime } from './ranking.ts';
import * as repo from './repository.ts';
import { timeLabel } from './time-words.ts';

export type PollTime = { id: string; position: number; startsAt: string; endsAt: string; label: string };

export type Poll = {
  id: string;
  organisationId: string;
  projectId: string;
  projectTitle: string;
  title: string;
  purpose: string;
  format: MeetingFormat;
  venue: Venue | null;
  joiningDetails: string | null;
  closesAt: string;
  status: 'open' | 'decided' | 'cancelled';
  chosenOptionId: string | null;
  meetingId: string | null;
  decidedAt: string | null;
  deciderName: string | null;
  cancelledAt: string | null;
  cancellerName: string | null;
  cancelReason: string | null;
  times: PollTime[];
};

/** Who gave an answer when it was not the person: staff, and how they heard it. */
export type AnsweredFor = { by: string; how: 'phone' | 'letter' | 'in-person' };

/** How an answer reached us, as `answer` takes it: the person themself, their supporter signed in, or staff. */
export type AnswerHow = 'self' | 'link' | 'text' | 'supporter' | AnsweredFor;

export type WaitingScope = { organisationId: string; projectIds: readonly string[] | null };

export type AnswersSaved = { ok: true } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

export const pollAnswers = ['yes', 'maybe', 'no'] as const satisfies readonly TimePollAnswer[];

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  config: Config;
  people: PeopleService;
  projects: ProjectService;
  venues: VenueService;
  meetings: MeetingService;
  invitations: InvitationService;
  identity: IdentityService;
  accessNeeds: AccessNeedsService;
  notices: Notices;
  readsLog: ReadsLog;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  organisationName: (organisationId: string) => Promise<string>;
};

const comesToAPlace = (format: MeetingFormat) => format === 'in-person' || format === 'hybrid';

/**
 * "When can everyone come?" (issue 17): staff offer two to eight times for a project's
 * meeting; each person asked says yes, if need be or no to each, however they reach us;
 * the times are ranked so that people who draw on care and carers come first
 * (docs/decisions/0017-time-poll-ranking.md); picking one makes the meeting through the
 * meetings service, so its invitations go as any meeting's do.
 */
export function makeTimePollService(deps: Deps) {
  const { db, now, t } = deps;
  const audit = auditWriter(db, now, 'time-poll');

  async function load(organisationId: string, id: string): Promise<Poll> {
    const row = await repo.findPoll(db, organisationId, id);
    if (!row) throw new NotFound();
    const [options, venue] = await Promise.all([
      repo.options(db, organisationId, id),
      row.venue_id ? deps.venues.get(organisationId, row.venue_id).catch(() => null) : Promise.resolve(null),
    ]);
    return {
      id: row.id,
      organisationId: row.organisation_id,
      projectId: row.project_id,
      projectTitle: row.project_title,
      title: row.title,
      purpose: row.purpose,
      format: (meetingFormats as readonly string[]).includes(row.format) ? (row.format as MeetingFormat) : 'in-person',
      venue,
      joiningDetails: row.joining_details,
      closesAt: row.closes_at,
      status: row.status === 'decided' || row.status === 'cancelled' ? row.status : 'open',
      chosenOptionId: row.chosen_option_id,
      meetingId: row.meeting_id,
      decidedAt: row.decided_at,
      deciderName: row.decider_name,
      cancelledAt: row.cancelled_at,
      cancellerName: row.canceller_name,
      cancelReason: row.cancel_reason,
      times: options.map((o) => ({
        id: o.id,
        position: Number(o.position),
        startsAt: o.starts_at,
        endsAt: o.ends_at,
        label: timeLabel(t, o.starts_at, o.ends_at),
      })),
    };
  }

  /** Still taking answers: not decided and not past its closing time. */
  const isOpen = (poll: Poll) => poll.status === 'open' && poll.closesAt > now().toISOString();

  /** Sends the poll to everyone asked, each by their own channel, with a personal link and reply code. */
  async function send(actor: Actor, poll: Poll, personIds: readonly string[]) {
    const list = await deps.people.getMany(actor.organisationId, personIds);
    const [contact, organisationName] = await Promise.all([
      deps.replyContact(actor.organisationId),
      deps.organisationName(actor.organisationId),
    ]);
    return db.transaction().execute(async (trx) => {
      const issued = await deps.replyActions.issue(trx, {
        organisationId: actor.organisationId,
        kind: 'time-poll',
        aboutId: poll.id,
        personIds: list.map((p) => p.id),
        expiresAt: poll.closesAt,
        once: false,
      });
      const result = await deps.notices.send(pollNotice({ t, config: deps.config, poll, issued, contact, organisationName }), list, trx);
      await repo.markSent(trx, actor.organisationId, poll.id, now().toISOString());
      return result;
    });
  }

  /** The people asked, with names, their answers, and who recorded them. */
  async function inviteesOf(organisationId: string, pollId: string) {
    const [rows, given] = await Promise.all([repo.invitees(db, organisationId, pollId), repo.answers(db, organisationId, pollId)]);
    const byPerson = new Map<string, Map<string, TimePollAnswer>>();
    for (const a of given) {
      if (!byPerson.has(a.person_id)) byPerson.set(a.person_id, new Map());
      byPerson.get(a.person_id)!.set(a.option_id, a.answer);
    }
    return {
      answers: byPerson,
      people: rows.map((r) => ({
        personId: r.person_id,
        name: r.preferred_name || r.full_name,
        answeredAt: r.answered_at,
        answeredHow: r.answered_how,
        recorderName: r.recorder_preferred || r.recorder_name,
        supporterName: r.answered_supporter_id ? (r.supporter_full_name ?? r.supporter_contact_name ?? '') : null,
      })),
    };
  }

  /** Checks an answer form: one of yes, if need be or no for every time. */
  function readAnswers(
    poll: Poll,
    body: unknown,
  ): { ok: true; given: Array<{ optionId: string; answer: TimePollAnswer }> } | { ok: false; errors: FieldErrors } {
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const errors: FieldErrors = {};
    const given: Array<{ optionId: string; answer: TimePollAnswer }> = [];
    for (const time of poll.times) {
      const value = fields[`time${time.position}`];
      if (typeof value === 'string' && (pollAnswers as readonly string[]).includes(value))
        given.push({ optionId: time.id, answer: value as TimePollAnswer });
      else errors[`time${time.position}`] = `time-polls:errors.answer${time.position}`;
    }
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, given };
  }

  return {
    load,
    isOpen,
    ...makeTimePollChanges({ ...deps, load }),

    /** A poll this user may see: staff see every poll of their organisation; members only polls they were asked in. */
    async getForUser(user: CurrentUser, id: string): Promise<Poll> {
      const poll = await load(user.organisationId, id);
      if (!isStaff(user) && !(await repo.isInvited(db, user.organisationId, id, user.personId))) throw new NotFound();
      return poll;
    },

    /** A new poll, sent at once to everyone asked. Only members of the project can be asked; times are numbered earliest first. */
    async create(actor: Actor, projectId: string, input: PollInput) {
      if (input.venueId) await deps.venues.get(actor.organisationId, input.venueId);
      const members = new Set((await deps.projects.members(actor.organisationId, projectId)).map((m) => m.personId));
      const personIds = input.personIds.filter((p) => members.has(p));
      if (!personIds.length) throw new NotFound();
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPoll(
          trx,
          {
            id,
            organisation_id: actor.organisationId,
            project_id: projectId,
            title: input.title,
            purpose: input.purpose,
            format: input.format,
            venue_id: input.venueId,
            joining_details: input.joiningDetails,
            closes_at: input.closesAt,
            status: 'open',
            chosen_option_id: null,
            meeting_id: null,
            decided_by: null,
            decided_at: null,
            sent_at: null,
            created_by: actor.personId,
            created_at: at,
            cancelled_at: null,
            cancelled_by: null,
            cancel_reason: null,
          },
          [...input.times]
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            .map((time, i) => ({
              id: newId(),
              organisation_id: actor.organisationId,
              poll_id: id,
              position: i + 1,
              starts_at: time.startsAt,
              ends_at: time.endsAt,
            })),
          personIds,
        );
      });
      await audit(actor, id, 'created', [{ field: 'times', to: input.times.length }]);
      const sent = await send(actor, await load(actor.organisationId, id), personIds);
      return { id, ...sent };
    },

    /** A project's polls, newest first, a page at a time. */
    async forProject(organisationId: string, projectId: string, page: Page) {
      const { rows, total } = await repo.projectPage(db, organisationId, projectId, page.limit, page.offset);
      const at = now().toISOString();
      return {
        total,
        polls: rows.map((r) => ({
          id: r.id,
          title: r.title,
          closesAt: r.closes_at,
          meetingId: r.meeting_id,
          state: r.status === 'decided' || r.status === 'cancelled' ? r.status : r.closes_at > at ? 'open' : 'closed',
          invited: r.invited,
          answered: r.answered,
        })),
      };
    },

    inviteesOf,

    /** For a project's page: the open polls this person was asked in, to answer or change. */
    async openFor(user: CurrentUser, projectId: string) {
      const rows = await repo.openForPerson(db, user.organisationId, projectId, user.personId, now().toISOString());
      return rows.map((r) => ({ id: r.id, title: r.title, closesAt: r.closes_at, answered: r.answered_at !== null }));
    },

    /** For a supporter: the open polls the person they support was asked in, in every project. */
    async openForSupported(acting: ActingFor) {
      const rows = await repo.openForPerson(db, acting.organisationId, null, acting.personId, now().toISOString());
      return rows.map((r) => ({ id: r.id, title: r.title, closesAt: r.closes_at, answered: r.answered_at !== null }));
    },

    /** The times with this person's answers so far, for their answer form. */
    async answersOf(organisationId: string, pollId: string, personId: string): Promise<Record<string, string>> {
      const given = await repo.answers(db, organisationId, pollId, personId);
      const poll = await load(organisationId, pollId);
      const position = new Map(poll.times.map((x) => [x.id, x.position]));
      return Object.fromEntries(given.map((g) => [`time${position.get(g.option_id)}`, g.answer]));
    },

    /**
     * Saves a person's answers: by themself (signed in, by link or by text), by one of their
     * supporters allowed to reply for them (`acting`: signed in, or through staff), or
     * recorded by staff (by phone, letter or in person, with their name). The answers are
     * the person's, counted in their perspective; the supporter's act is kept beside them
     * in the same transaction. Only while the poll is open, and only for someone asked.
     */
    async answer(
      organisationId: string,
      pollId: string,
      personId: string,
      body: unknown,
      how: AnswerHow,
      acting: ActingFor | null = null,
    ): Promise<AnswersSaved> {
      if (acting && (acting.personId !== personId || acting.organisationId !== organisationId)) throw new Forbidden();
      if (how === 'supporter' && !acting) throw new Forbidden();
      const poll = await load(organisationId, pollId);
      const values = (body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {}) as Record<string, unknown>;
      if (!isOpen(poll)) throw new Conflict('time-polls:errors.closed');
      if (!(await repo.isInvited(db, organisationId, pollId, personId))) throw new NotFound();
      const read = readAnswers(poll, body);
      if (!read.ok) return { ok: false, errors: read.errors, values };
      const recorded = typeof how === 'string' ? null : how;
      const answeredHow: TimePollAnsweredHow = typeof how === 'string' ? how : how.how;
      // Who the history names as acting: staff who recorded it, else the supporter signed in, else the person.
      const actorId = recorded?.by ?? (acting?.supporterPersonId || personId);
      await db.transaction().execute(async (trx) => {
        await repo.saveAnswers(
          trx,
          {
            organisationId,
            pollId,
            personId,
            at: now().toISOString(),
            how: answeredHow,
            by: recorded?.by ?? null,
            supporterId: acting?.supporterId ?? null,
          },
          read.given,
        );
        await audit(
          { organisationId, personId: actorId },
          pollId,
          recorded ? 'answer-recorded' : acting ? 'answered-by-supporter' : 'answered',
          [{ field: 'how', to: answeredHow }, ...(acting ? [{ field: 'supporter', to: acting.supporterId }] : [])],
          actorId === personId ? null : personId,
          trx,
        );
        await keepAct(trx, acting, 'time-poll', pollId);
      });
      return { ok: true };
    },

    /**
     * Each time ranked, with who can come, who cannot, who has not said, and what clashes
     * with what people told us. Reading needs for travel help is a read of access needs:
     * each person whose need is shown is written to the audit log.
     */
    async results(user: RoleActor, poll: Poll) {
      const { people: asked, answers } = await inviteesOf(user.organisationId, poll.id);
      const ids = asked.map((p) => p.personId);
      const [records, needs, accounts] = await Promise.all([
        deps.people.getMany(user.organisationId, ids),
        deps.accessNeeds.readMany(user.organisationId, ids),
        deps.identity.activeAccounts(user.organisationId, ids),
      ]);
      const byId = new Map(records.map((p) => [p.id, p]));
      const staffIds = new Set(accounts.filter((a) => a.role === 'admin' || a.role === 'facilitator').map((a) => a.personId));
      const clashes = new Map<string, Array<{ personId: string; name: string; clash: Clash }>>();
      const travelShown = new Set<string>();
      for (const time of poll.times) {
        const found: Array<{ personId: string; name: string; clash: Clash }> = [];
        for (const person of asked) {
          const record = byId.get(person.personId);
          const needsTravel = needs.get(person.personId)?.support.includes('travel-help') ?? false;
          for (const clash of clashesFor({ unsuitableTimes: record?.unsuitableTimes ?? null, needsTravelHelp: needsTravel }, time, {
            comesToAPlace: comesToAPlace(poll.format),
            closesAt: poll.closesAt,
          })) {
            found.push({ personId: person.personId, name: person.name, clash });
            if (clash.kind === 'travel') travelShown.add(person.personId);
          }
        }
        clashes.set(time.id, found);
      }
      const ranked = rankTimes({
        options: poll.times,
        people: asked.map((p) => ({
          personId: p.personId,
          livedExperience: hasLivedExperience(byId.get(p.personId)?.perspectives ?? []),
          facilitator: staffIds.has(p.personId),
        })),
        answers,
        clashes: new Map([...clashes].map(([id, list]) => [id, list.length])),
      });
      await deps.readsLog.record(user, readsOfPeople(user, 'access-needs', 'viewed-in-time-poll', travelShown));
      const timeOf = new Map(poll.times.map((x) => [x.id, x]));
      const group = (p: { personId: string }) =>
        hasLivedExperience(byId.get(p.personId)?.perspectives ?? []) ? 'lived' : staffIds.has(p.personId) ? 'staff' : 'other';
      return {
        asked: asked.map((p) => ({ ...p, group: group(p) })),
        staffAsked: staffIds.size,
        ranked: ranked.map((r: RankedTime) => {
          const time = timeOf.get(r.optionId)!;
          const say = (answer: TimePollAnswer | undefined) =>
            asked.filter((p) => answers.get(p.personId)?.get(r.optionId) === answer).map((p) => p.name);
          return {
            ...r,
            time,
            canCome: say('yes'),
            ifNeedBe: say('maybe'),
            cannot: say('no'),
            notSaid: say(undefined),
            clashes: clashes.get(r.optionId) ?? [],
          };
        }),
      };
    },

    /**
     * Picks a time: the poll closes and links to a new meeting at that time, made through
     * the meetings service with everyone asked invited, and the invitations sent as usual.
     */
    async pick(actor: Actor & { personId: string }, pollId: string, optionId: string): Promise<string> {
      const poll = await load(actor.organisationId, pollId);
      const time = poll.times.find((x) => x.id === optionId);
      if (!time) throw new NotFound();
      if (!(await repo.claimDecision(db, actor.organisationId, pollId, { optionId, by: actor.personId, at: now().toISOString() })))
        throw new Conflict('time-polls:errors.alreadyDecided');
      let meetingId: string;
      try {
        meetingId = await deps.meetings.create(actor, poll.projectId, {
          title: poll.title,
          purpose: poll.purpose,
          startsAt: time.startsAt,
          endsAt: time.endsAt,
          format: poll.format,
          venueId: poll.venue?.id ?? null,
          joiningDetails: poll.joiningDetails,
          membersOnly: false,
          arrangements: [],
          interpreterLanguages: [],
        });
      } catch (e) {
        await repo.reopen(db, actor.organisationId, pollId);
        throw e;
      }
      await repo.setMeeting(db, actor.organisationId, pollId, meetingId);
      const asked = (await repo.invitees(db, actor.organisationId, pollId)).map((r) => r.person_id);
      await deps.meetings.setInvitees(actor, meetingId, asked);
      // The poll's links and codes stop working now: it has closed.
      await deps.replyActions.issue(db, {
        organisationId: actor.organisationId,
        kind: 'time-poll',
        aboutId: pollId,
        personIds: [],
        expiresAt: now().toISOString(),
        once: false,
      });
      await audit(actor, pollId, 'time-picked', [{ field: 'meeting', to: meetingId }]);
      await deps.invitations.sendInvitations(actor, meetingId);
      return meetingId;
    },

    /** For the To do page, asked with its other counts: open polls with answers to chase, or past closing with a time to pick. */
    waitingCount: (scope: WaitingScope, kind: repo.WaitingKind) => repo.waitingCount(db, scope, kind, now().toISOString()),

    /** The polls behind a To do line, a page at a time: the organisation's for admins, their projects' for facilitators. */
    async waiting(user: RoleActor, kind: repo.WaitingKind, page: Page) {
      const scope: WaitingScope = {
        organisationId: user.organisationId,
        projectIds: user.role === 'admin' ? null : await deps.projects.projectIdsOf(user.organisationId, user.personId),
      };
      const at = now().toISOString();
      const [rows, total] = await Promise.all([
        repo.waitingPage(db, scope, kind, at, page.limit, page.offset),
        repo.countWaiting(db, scope, kind, at),
      ]);
      return {
        total,
        polls: rows.map((r) => ({
          id: r.id,
          title: r.title,
          closesAt: r.closes_at,
          projectTitle: r.project_title,
          invited: Number(r.invited ?? 0),
          answered: Number(r.answered ?? 0),
        })),
      };
    },
  };
}

export type TimePollService = ReturnType<typeof makeTimePollService>;
