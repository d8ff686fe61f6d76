import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { randomInt } from 'node:crypto';
import { newId } from '../../platform/ids.ts';
import { formatDateTime, londonToday, type Clock } from '../../platform/time.ts';
import { perspectiveGroupOf, perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService, Person } from '../people/service.ts';
import type { BallotBody } from './ballot-form.ts';
import * as repo from './repository.ts';
import { countingGroup } from './secret-groups.ts';
import type { Proposal, ProposalService } from './service.ts';
import { countProposal, resultsOfGroups, type StoredBallot } from './tally.ts';
import { statusAt } from './vocabulary.ts';
import type { Actor } from '../../platform/auth.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import { readJson } from '../../platform/json-column.ts';
import { storedBallot, storedGroups } from './stored.ts';
import type { Executor } from '../../db/connection.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Issued, ReplyActionService } from '../replies/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';

export type RecordedHow = 'phone' | 'letter' | 'in-person';
export type TakingPart = { invited: number; tookPart: number; byPerspective: Array<{ group: string; invited: number; tookPart: number }> };

/** Fisher-Yates with the system's secure random numbers: no order of votes survives it. */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const groupsOf = (perspectives: readonly string[]): PerspectiveGroup[] =>
  perspectiveGroups.filter((g) => perspectives.some((p) => perspectiveGroupOf(p) === g));

/** A database refusing a second row for the same key, on SQLite or PostgreSQL. */
const isDuplicate = (e: unknown) =>
  /unique|duplicate|primary key/i.test(String((e as Error)?.message)) || (e as { code?: string })?.code === '23505';

type Deps = {
  db: Db;
  now: Clock;
  config: Config;
  t: Translate;
  people: PeopleService;
  proposals: ProposalService;
  notices: Notices;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
};

/**
 * Voting on a proposal: one vote each, every vote the same weight, staff recording votes
 * given by phone or in person, who took part, reminders, and the results.
 */
export function makeVotingService({ db, now, config, t, people, proposals, notices, replyActions, replyContact }: Deps) {
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  async function cast(
    actor: Actor,
    p: Proposal,
    voterId: string,
    body: BallotBody,
    recorded: { by: string; how: RecordedHow; actingFor?: ActingFor | null } | null,
  ) {
    const status = statusAt(p, now());
    if (status === 'coming') throw new Conflict('decisions:errors.notOpenYet');
    if (status === 'closed') throw new Conflict('decisions:errors.closed');
    const electorate = await proposals.electorate(actor.organisationId, p);
    const voter = electorate.find((m) => m.personId === voterId);
    if (!voter) throw new NotFound();
    if (await repo.hasVoted(db, actor.organisationId, p.id, voterId)) throw new Conflict('decisions:errors.alreadyVoted');
    const groups = groupsOf(voter.perspectives);
    const secretGroup = countingGroup(groups);
    try {
      await db.transaction().execute(async (trx) => {
        await repo.insertVote(
          trx,
          {
            organisation_id: actor.organisationId,
            proposal_id: p.id,
            person_id: voterId,
            voted_at: now().toISOString(),
            recorded_by: recorded?.by ?? null,
            recorded_how: recorded?.how ?? null,
          },
          {
            id: newId(),
            organisation_id: actor.organisationId,
            proposal_id: p.id,
            // A secret ballot keeps no person, and only the one group it is counted in.
            voter_person_id: p.secret ? null : voterId,
            perspective_groups: JSON.stringify(p.secret ? (secretGroup ? [secretGroup] : []) : groups),
            body: JSON.stringify(body),
          },
        );
        // The audit, and a supporter's act, say who recorded a vote for whom, never how they voted.
        if (recorded) await proposals.audit(actor, p.id, 'vote-recorded', [{ field: 'how', to: recorded.how }], voterId, trx);
        await keepAct(trx, recorded?.actingFor, 'vote', p.id);
      });
    } catch (e) {
      if (isDuplicate(e)) throw new Conflict('decisions:errors.alreadyVoted');
      throw e;
    }
  }

  function seal(organisationId: string, proposalId: string): Promise<boolean> {
    return db.transaction().execute((trx) => repo.sealBallots(trx, organisationId, proposalId, now().toISOString(), shuffled, newId));
  }

  async function storedBallots(organisationId: string, p: Proposal): Promise<StoredBallot[]> {
    return (await repo.ballots(db, organisationId, p.id)).map((b) => ({
      id: b.id,
      voterPersonId: b.voter_person_id,
      groups: readJson(storedGroups, b.perspective_groups, 'proposal_ballots.perspective_groups'),
      body: readJson(storedBallot, b.body, 'proposal_ballots.body'),
    }));
  }

  async function participation(organisationId: string, p: Proposal) {
    const [electorate, rows] = await Promise.all([proposals.electorate(organisationId, p), repo.participation(db, organisationId, p.id)]);
    const byPerson = new Map(rows.map((r) => [r.person_id, r]));
    const invited = electorate.map((m) => {
      const r = byPerson.get(m.personId);
      return {
        personId: m.personId,
        name: m.name,
        perspectives: m.perspectives,
        groups: groupsOf(m.perspectives),
        voted: Boolean(r),
        votedAt: r?.voted_at ?? null,
        recordedBy: r?.recorder_name ?? null,
        recordedHow: r?.recorded_how ?? null,
      };
    });
    const byGroup = perspectiveGroups.map((group) => {
      const inGroup = invited.filter((i) => i.groups.includes(group));
      return { group, invited: inGroup.length, tookPart: inGroup.filter((i) => i.voted).length };
    });
    return { invited, byGroup, invitedCount: invited.length, tookPartCount: invited.filter((i) => i.voted).length };
  }

  async function loadPeople(organisationId: string, ids: readonly string[]): Promise<Person[]> {
    const list: Person[] = [];
    for (const id of ids) list.push(await people.get(organisationId, id));
    return list;
  }

  const staffLink = (p: Proposal) => `${config.publicUrl}/proposals/${p.id}/vote`;
  /**
   * Each person's message carries their own ballot link, which works without signing in;
   * a letter carries their reply code, phone and address instead of any web address.
   */
  // One choice among options: a text back with the option's number is a vote (vote-by-number.ts).
  const byNumber = (p: Proposal) =>
    p.method === 'majority' && p.options.length > 1
      ? t('decisions:notice.byNumber', { options: p.options.map((o, i) => `${i + 1} ${o.title}`).join(', ') })
      : '';

  const compose =
    (kind: 'invitation' | 'reminder', p: Proposal, ask: { issued: Map<string, Issued>; contact: ReplyContact }) => (person: Person) => {
      const mine = ask.issued.get(person.id);
      const vars = {
        name: person.preferredName || person.fullName,
        question: p.question,
        project: p.projectTitle,
        closes: formatDateTime(p.closesAt),
        link: mine?.link ?? staffLink(p),
      };
      const letter = mine && chooseChannel(person, usable).channel === 'letter';
      return {
        subject: t(`decisions:notice.${kind}.subject`, vars),
        full: letter
          ? t(`replies:voteLetter.${kind}`, { ...vars, howToReply: letterHowToReply(t, mine.code, ask.contact) })
          : t(`decisions:notice.${kind}.full`, vars),
        text: [t(`decisions:notice.${kind}.text`, vars), byNumber(p), mine ? textCode(t, mine.code) : ''].filter(Boolean).join(' '),
        // Staff on the phone record the vote on the staff page.
        say: t(`decisions:notice.${kind}.say`, { ...vars, link: staffLink(p) }),
      };
    };

  /** Ballot links and codes for these people, in the messages' transaction: usable once, until voting closes. */
  const askVote = async (within: Executor, organisationId: string, p: Proposal, list: readonly Person[], contact: ReplyContact) => ({
    issued: await replyActions.issue(within, {
      organisationId,
      kind: 'vote',
      aboutId: p.id,
      personIds: list.map((x) => x.id),
      expiresAt: p.closesAt,
      once: true,
    }),
    contact,
  });

  return {
    participation,
    storedBallots,

    /** A signed-in person votes for themself. */
    vote: (actor: Actor & { personId: string }, p: Proposal, body: BallotBody) => cast(actor, p, actor.personId, body, null),

    /**
     * A vote given through a personal link (recorded null) or a reply code staff typed in
     * (recorded: which staff, and how the vote reached them), without anyone signing in as the voter.
     */
    castFor: (
      organisationId: string,
      p: Proposal,
      personId: string,
      body: BallotBody,
      recorded: { personId: string; how: RecordedHow } | null,
    ) =>
      cast(
        { organisationId, personId: recorded?.personId ?? personId },
        p,
        personId,
        body,
        recorded ? { by: recorded.personId, how: recorded.how } : null,
      ),

    /**
     * Staff record a vote someone gave by phone or in person, or a supporter gives it as the
     * person told them (`actingFor`): shown on the list and audited.
     */
    recordFor: (
      actor: Actor & { personId: string },
      p: Proposal,
      personId: string,
      body: BallotBody,
      how: RecordedHow,
      actingFor: ActingFor | null = null,
    ) => cast(actor, p, personId, body, { by: actor.personId, how, actingFor }),

    async myVote(organisationId: string, p: Proposal, personId: string) {
      const rows = await repo.participation(db, organisationId, p.id);
      const mine = rows.find((r) => r.person_id === personId);
      if (!mine) return null;
      const named = p.secret ? null : await repo.namedBallot(db, organisationId, p.id, personId);
      return {
        votedAt: mine.voted_at,
        recordedBy: mine.recorder_name,
        body: named ? readJson(storedBallot, named.body, 'proposal_ballots.body') : null,
      };
    },

    /** Seal a closed secret vote's ballots (once); the results wait for it. */
    seal,

    /** The background task: seal secret votes that have closed, a few at a time. */
    async sealClosed(limit = 50): Promise<number> {
      const due = await repo.unsealedClosedSecret(db, now().toISOString(), limit);
      let sealed = 0;
      for (const p of due) if (await seal(p.organisation_id, p.id)) sealed++;
      return sealed;
    },

    async results(organisationId: string, p: Proposal) {
      if (p.secret && statusAt(p, now()) === 'closed') await seal(organisationId, p.id);
      const [ballots, taking] = await Promise.all([storedBallots(organisationId, p), participation(organisationId, p)]);
      const counted = countProposal({ ...p, eligible: taking.invitedCount }, ballots);
      const groups = resultsOfGroups({ ...p, eligible: taking.invitedCount }, ballots, p.secret);
      // Named votes show who voted how; a secret vote never does.
      const names = p.secret
        ? new Map<string, string>()
        : new Map(
            (
              await people.summaries(
                organisationId,
                ballots.flatMap((b) => (b.voterPersonId ? [b.voterPersonId] : [])),
              )
            ).map((s) => [s.id, s.name]),
          );
      const named = p.secret
        ? []
        : ballots
            .map((b) => ({ ballotId: b.id, name: names.get(b.voterPersonId ?? '') ?? '', body: b.body }))
            .sort((a, b) => a.name.localeCompare(b.name));
      return { counted, groups, named, taking };
    },

    /** Numbers only, never names, for the decision log. */
    async takingPart(organisationId: string, p: Proposal): Promise<TakingPart> {
      const taking = await participation(organisationId, p);
      return {
        invited: taking.invitedCount,
        tookPart: taking.tookPartCount,
        byPerspective: taking.byGroup.map((g) => ({ group: g.group, invited: g.invited, tookPart: g.tookPart })),
      };
    },

    /** Tells everyone who may take part that the proposal is open, by their own channel, once each. */
    async sendInvitations(actor: Actor, p: Proposal) {
      const electorate = await proposals.electorate(actor.organisationId, p);
      const list = await loadPeople(
        actor.organisationId,
        electorate.map((m) => m.personId),
      );
      // Read before the transaction: SQLite has one connection.
      const contact = await replyContact(actor.organisationId);
      return db.transaction().execute(async (trx) => {
        const ask = await askVote(trx, actor.organisationId, p, list, contact);
        const result = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'vote-invitation',
            aboutId: p.id,
            projectId: p.projectId,
            dedupeKey: (person) => `vote-invitation:${p.id}:${person.id}`,
            compose: compose('invitation', p, ask),
          },
          list,
          trx,
        );
        await proposals.markInvited(actor.organisationId, p.id, trx);
        await proposals.audit(actor, p.id, 'invitations-sent', undefined, null, trx);
        return result;
      });
    },

    /** Reminds those who have not taken part yet; at most one reminder per person per day. */
    async sendReminders(actor: Actor, p: Proposal) {
      if (statusAt(p, now()) !== 'open') throw new Conflict('decisions:errors.remindOnlyOpen');
      const taking = await participation(actor.organisationId, p);
      const list = await loadPeople(
        actor.organisationId,
        taking.invited.filter((i) => !i.voted).map((i) => i.personId),
      );
      const day = londonToday(now());
      // Read before the transaction: SQLite has one connection.
      const contact = await replyContact(actor.organisationId);
      return db.transaction().execute(async (trx) => {
        const ask = await askVote(trx, actor.organisationId, p, list, contact);
        const result = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'vote-reminder',
            aboutId: p.id,
            projectId: p.projectId,
            dedupeKey: (person) => `vote-reminder:${p.id}:${person.id}:${day}`,
            compose: compose('reminder', p, ask),
          },
          list,
          trx,
        );
        await proposals.audit(actor, p.id, 'reminders-sent', undefined, null, trx);
        return result;
      });
    },
  };
}

export type VotingService = ReturnType<typeof makeVotingService>;
