import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { AnswerWay, SurveyPhase } from '../../db/schema/outcomes.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { formatDate, londonToday, type Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import { londonToUtc } from '../meetings/meeting-time.ts';
import type { Notices, NoticeResult } from '../outbox/notices.ts';
import type { PeopleService, Person } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import type { ReplyActionService } from '../replies/service.ts';
import * as repo from './repository.ts';
import { toRound, type SurveyRound } from './service.ts';
import { readSurveyToken, surveyToken } from './survey-links.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import { datesInOrder } from './survey-window.ts';

export type Question = { outcomeId: string; title: string; question: string };
export type RoundInput = { phase: SurveyPhase; opensOn: string; closesOn: string };
/** Scores by outcome id, 1 to 5. */
export type Scores = Record<string, number>;

type Deps = {
  db: Db;
  now: Clock;
  config: Config;
  secret: string;
  t: Translate;
  notices: Notices;
  people: PeopleService;
  projects: ProjectService;
  /** Reply codes, so a survey by letter or text can be answered by phone to staff (issue 16). */
  replies: { actions: ReplyActionService; contact: (organisationId: string) => Promise<ReplyContact> };
};

/** The day after a date, as YYYY-MM-DD. */
const nextDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Short surveys (V4): a round sends a project's scale questions to its members by their
 * own channel; they answer signed in or by their link, or staff record what they said.
 */
export function makeSurveys({ db, now, config, secret, t, notices, people, projects, replies }: Deps) {
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  const today = () => londonToday(now());
  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  async function questionsOf(organisationId: string, projectId: string): Promise<Question[]> {
    return (await repo.listOutcomes(db, organisationId, projectId))
      .filter((o) => o.measure === 'scale')
      .map((o) => ({ outcomeId: o.id, title: o.title, question: o.question ?? o.title }));
  }

  /** The round, if this user may see it: staff, or a member of its project. */
  async function loadRound(user: CurrentUser, roundId: string) {
    const row = await repo.findRound(db, user.organisationId, roundId);
    if (!row) throw new NotFound();
    const project = await projects.get(user, row.project_id);
    return { round: toRound(row, today()), project };
  }

  /** A link works until the end of the closing day, London time. */
  const linkExpiry = (closesOn: string) => {
    const end = londonToUtc(nextDay(closesOn), '00:00');
    return end.ok ? end.iso : `${nextDay(closesOn)}T00:00:00.000Z`;
  };
  const linkFor = (round: SurveyRound, personId: string) =>
    `${config.publicUrl}/survey/${surveyToken(secret, { roundId: round.id, personId, expiresAt: linkExpiry(round.closesOn) })}`;

  /** Every question needs a score of 1 to 5; each problem is named by its question. */
  function checkScores(questions: readonly Question[], scores: Scores): FieldErrors {
    const errors: FieldErrors = {};
    for (const q of questions) {
      const s = scores[q.outcomeId];
      if (!Number.isInteger(s) || s! < 1 || s! > 5) errors[`score-${q.outcomeId}`] = 'outcomes:errors.scoreRequired';
    }
    return errors;
  }

  async function save(
    organisationId: string,
    round: SurveyRound,
    personId: string,
    questions: readonly Question[],
    scores: Scores,
    way: AnswerWay,
    recordedBy: string | null,
    actingFor: ActingFor | null = null,
  ) {
    const at = now().toISOString();
    await db.transaction().execute(async (trx) => {
      await repo.replaceAnswers(
        trx,
        organisationId,
        round.id,
        personId,
        questions.map((q) => ({
          organisation_id: organisationId,
          round_id: round.id,
          outcome_id: q.outcomeId,
          person_id: personId,
          score: scores[q.outcomeId]!,
          way,
          recorded_by: recordedBy,
          answered_at: at,
        })),
      );
      await keepAct(trx, actingFor, 'survey', round.id);
    });
  }

  return {
    questionsOf,
    linkFor,

    async addRound(
      user: CurrentUser,
      projectId: string,
      input: RoundInput,
    ): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
      staffOnly(user);
      const project = await projects.get(user, projectId);
      const errors: FieldErrors = {};
      if (!datesInOrder(input.opensOn, input.closesOn)) errors.closesOn = 'outcomes:errors.closesBeforeOpens';
      if ((await questionsOf(user.organisationId, project.id)).length === 0) errors.phase = 'outcomes:errors.noQuestions';
      if (Object.keys(errors).length) return { ok: false, errors };
      const id = newId();
      await repo.insertRound(db, {
        id,
        organisation_id: user.organisationId,
        project_id: project.id,
        phase: input.phase,
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        created_at: now().toISOString(),
        created_by: user.personId,
      });
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'survey',
        subjectId: id,
        action: 'created',
        changes: [{ field: 'phase', to: input.phase }],
        at: now(),
      });
      return { ok: true, id };
    },

    /**
     * A round's page. Staff see who has answered (never what each person said); a
     * member sees the questions and their own answers.
     */
    async round(user: CurrentUser, roundId: string) {
      const { round, project } = await loadRound(user, roundId);
      const questions = await questionsOf(user.organisationId, project.id);
      const answers = await repo.listAnswers(db, user.organisationId, [round.id], isStaff(user) ? undefined : user.personId);
      const mine: Record<string, string> = {};
      for (const a of answers) if (a.person_id === user.personId) mine[a.outcome_id] = String(a.score);
      if (!isStaff(user)) return { round, project, questions, mine, members: [] };
      const answered = new Map<string, AnswerWay>();
      for (const a of answers) answered.set(a.person_id, a.way);
      const members = (await projects.members(user.organisationId, project.id)).map((m) => ({
        personId: m.personId,
        name: m.name,
        way: answered.get(m.personId) ?? null,
      }));
      return { round, project, questions, mine, members };
    },

    /** Sends the questions to every member by their own channel, once each. */
    async send(user: CurrentUser, roundId: string): Promise<NoticeResult> {
      staffOnly(user);
      const { round, project } = await loadRound(user, roundId);
      if (round.state === 'closed') throw new Conflict('outcomes:errors.roundClosed');
      const members = await projects.members(user.organisationId, project.id);
      const persons: Person[] = [];
      for (const m of members) persons.push(await people.get(user.organisationId, m.personId));
      const vars = { project: project.title, closes: formatDate(round.closesOn) };
      // Read before the transaction: SQLite has one connection.
      const contact = await replies.contact(user.organisationId);
      return db.transaction().execute(async (trx) => {
        // A letter carries the reply code, phone and address instead of any web address; a
        // text carries a personal link and the code, so staff can take the answers on the phone.
        const issued = await replies.actions.issue(trx, {
          organisationId: user.organisationId,
          kind: 'survey',
          aboutId: round.id,
          personIds: persons.map((p) => p.id),
          expiresAt: linkExpiry(round.closesOn),
          once: false,
        });
        const result = await notices.send(
          {
            organisationId: user.organisationId,
            kind: 'survey',
            aboutId: round.id,
            projectId: project.id,
            dedupeKey: (person) => `survey:${round.id}:${person.id}`,
            compose: (person) => {
              const v = { ...vars, name: person.name, link: linkFor(round, person.id) };
              const mine = issued.get(person.id)!;
              const letter = chooseChannel(person, usable).channel === 'letter';
              return {
                subject: t('outcomes:message.subject', v),
                full: letter
                  ? t('replies:surveyLetter', { ...v, howToReply: letterHowToReply(t, mine.code, contact) })
                  : t('outcomes:message.full', v),
                // The shorter personal link keeps a text to about one message.
                text: `${t('outcomes:message.text', { ...v, link: mine.link })} ${textCode(t, mine.code)}`,
                say: t('outcomes:message.say', v),
              };
            },
          },
          persons,
          trx,
        );
        await repo.updateRound(trx, user.organisationId, round.id, { sent_at: round.sentAt ?? now().toISOString() });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'survey',
          subjectId: round.id,
          action: 'sent',
          changes: [{ field: 'sent', to: result.sent }],
          at: now(),
        });
        return result;
      });
    },

    /** A signed-in member answers for themself while the round is open. */
    async answer(user: CurrentUser, roundId: string, scores: Scores): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const { round, project } = await loadRound(user, roundId);
      if (!(await projects.isMember(user.organisationId, project.id, user.personId))) throw new NotFound();
      if (round.state !== 'open') throw new Conflict('outcomes:errors.roundNotOpen');
      const questions = await questionsOf(user.organisationId, project.id);
      const errors = checkScores(questions, scores);
      if (Object.keys(errors).length) return { ok: false, errors };
      await save(user.organisationId, round, user.personId, questions, scores, 'signed-in', null);
      return { ok: true };
    },

    /** Staff record answers given by phone or in person; marked as such, and in the history. */
    async record(
      user: CurrentUser,
      roundId: string,
      personId: string,
      scores: Scores,
    ): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      staffOnly(user);
      const { round, project } = await loadRound(user, roundId);
      const questions = await questionsOf(user.organisationId, project.id);
      const errors = checkScores(questions, scores);
      if (!(await projects.isMember(user.organisationId, project.id, personId))) errors.personId = 'outcomes:errors.personRequired';
      if (Object.keys(errors).length) return { ok: false, errors };
      await save(user.organisationId, round, personId, questions, scores, 'staff', user.personId);
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        onBehalfOfPersonId: personId,
        subjectType: 'survey',
        subjectId: round.id,
        action: 'answers-recorded',
        changes: questions.map((q) => ({ field: q.outcomeId })),
        at: now(),
      });
      return { ok: true };
    },

    /** What a signed link opens: the round, its questions and the person's answers so far. */
    async openLink(token: string) {
      const check = readSurveyToken(secret, token, now());
      if (!check.ok) return { ok: false as const, reason: check.reason };
      const row = await repo.findRoundById(db, check.link.roundId);
      if (!row) return { ok: false as const, reason: 'invalid' as const };
      const organisationId = row.organisation_id;
      const round = toRound(row, today());
      if (round.state === 'not-open') return { ok: false as const, reason: 'not-open' as const };
      if (round.state === 'closed') return { ok: false as const, reason: 'expired' as const };
      if (!(await projects.isMember(organisationId, row.project_id, check.link.personId)))
        return { ok: false as const, reason: 'invalid' as const };
      const projectTitle = await projects.titleOf(organisationId, row.project_id);
      const questions = await questionsOf(organisationId, row.project_id);
      const mine: Record<string, string> = {};
      for (const a of await repo.listAnswers(db, organisationId, [round.id], check.link.personId)) mine[a.outcome_id] = String(a.score);
      return {
        ok: true as const,
        organisationId,
        personId: check.link.personId,
        round,
        projectTitle: projectTitle ?? '',
        questions,
        mine,
      };
    },

    async answerByLink(
      token: string,
      scores: Scores,
    ): Promise<{ ok: true } | { ok: false; errors: FieldErrors } | { ok: false; reason: string }> {
      const opened = await this.openLink(token);
      if (!opened.ok) return opened;
      const errors = checkScores(opened.questions, scores);
      if (Object.keys(errors).length) return { ok: false, errors };
      await save(opened.organisationId, opened.round, opened.personId, opened.questions, scores, 'link', null);
      return { ok: true };
    },

    /**
     * What a reply code opens for staff (or an action link): the round, its questions and this
     * member's answers so far; null when they are not in the project.
     */
    async forAction(organisationId: string, roundId: string, personId: string) {
      const row = await repo.findRound(db, organisationId, roundId);
      if (!row || !(await projects.isMember(organisationId, row.project_id, personId))) return null;
      const questions = await questionsOf(organisationId, row.project_id);
      const mine: Record<string, string> = {};
      for (const a of await repo.listAnswers(db, organisationId, [row.id], personId)) mine[a.outcome_id] = String(a.score);
      return {
        round: toRound(row, today()),
        projectTitle: (await projects.titleOf(organisationId, row.project_id)) ?? '',
        questions,
        mine,
      };
    },

    /**
     * Answers given by code: by the person's own link, or to staff who typed their code; or
     * by one of the person's supporters (`actingFor`), kept with the answers.
     */
    async answerForAction(
      organisationId: string,
      roundId: string,
      personId: string,
      scores: Scores,
      recordedBy: string | null,
      actingFor: ActingFor | null = null,
    ): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const opened = await this.forAction(organisationId, roundId, personId);
      if (!opened) throw new NotFound();
      if (opened.round.state !== 'open') throw new Conflict('outcomes:errors.roundNotOpen');
      const errors = checkScores(opened.questions, scores);
      if (Object.keys(errors).length) return { ok: false, errors };
      await save(organisationId, opened.round, personId, opened.questions, scores, recordedBy ? 'staff' : 'link', recordedBy, actingFor);
      return { ok: true };
    },

    /**
     * Open rounds of a member's projects that they have already answered, so their home page
     * can say so and offer to change the answer: at most `limit`, and how many in all.
     */
    async answeredOpenFor(
      user: CurrentUser,
      limit: number,
    ): Promise<{ rounds: Array<{ id: string; projectTitle: string; closesOn: string }>; total: number }> {
      if (isStaff(user)) return { rounds: [], total: 0 };
      const { rows, total } = await repo.answeredOpenRounds(db, user.organisationId, user.personId, today(), limit);
      return { rounds: rows.map((r) => ({ id: r.id, projectTitle: r.project_title, closesOn: r.closes_on })), total };
    },

    /** Of these rounds, the ones this person has answered. */
    answeredAmong(user: CurrentUser, roundIds: readonly string[]): Promise<Set<string>> {
      return repo.roundsAnswered(db, user.organisationId, user.personId, roundIds);
    },

    /** Rounds open today for a member's projects: shown on their home page. */
    async openFor(user: CurrentUser) {
      if (isStaff(user)) return [];
      const mine = await projects.list(user);
      const day = today();
      const rounds = (await repo.listRounds(db, user.organisationId))
        .map((r) => toRound(r, day))
        .filter((r) => r.state === 'open' && mine.some((p) => p.id === r.projectId));
      return rounds.map((r) => ({ ...r, projectTitle: mine.find((p) => p.id === r.projectId)?.title ?? '' }));
    },
  };
}

export type Surveys = ReturnType<typeof makeSurveys>;
