import type { Config } from '../../config.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import type { Db } from '../../db/connection.ts';
import { isStaff as isStaffUser, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { formatDate, londonToday, type Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService, Person, PersonSummary } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import type { IdentityService } from '../identity/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import { letterHowToReply, textCode, type ReplyContact } from '../replies/reply-words.ts';
import { inPeriod, latestStanding, toCycle, type CycleSummary, type ReviewScope } from './cycles.ts';
import { estimateLevel, type LevelEstimate } from './level.ts';
import { describeReasons } from './presenting.ts';
import * as repo from './repository.ts';
import { nextCycleDates } from './schedule.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import { evidenceCodes, type CultureEvidence, type CultureEvidenceSource } from './culture-evidence.ts';
import type { Page } from '../../platform/pagination.ts';
import type { SmallNumberRule } from '../../platform/small-numbers.ts';
import { scoreCycle, scoreTallies, type Answer, type PersonTally, type Respondent, type Results } from './scoring.ts';
import { statementsIn, type AnswerWay, type FormSection, type Rating, type Schedule, type StatementCode } from './vocabulary.ts';

export type { CycleSummary, ReviewScope } from './cycles.ts';
export type ReviewStanding = Omit<Results, 'gapThresholdTenths'> & { cycle: CycleSummary; level: LevelEstimate; levelReasons: string[] };
export type CycleHistoryEntry = Pick<ReviewStanding, 'cycle' | 'overall' | 'pieces' | 'level' | 'respondents'>;
export type CycleInput = {
  title: string;
  projectId: string | null;
  opensOn: string;
  closesOn: string;
  schedule: Schedule;
  gapThresholdTenths: number;
};
/** One statement on a form page: a rating, "don't know", or not answered yet. */
export type StatementAnswer = { code: StatementCode; answer: Rating | 'dont-know' | null; comment: string | null };
export type SectionProgress = { section: FormSection; answered: number; of: number };
type Result = { ok: true; id: string } | { ok: false; errors: FieldErrors };

type Deps = {
  db: Db;
  now: Clock;
  /** Keeps results between requests until the answers change. */
  keep: KeepFigure;
  t: Translate;
  config: Config;
  people: PeopleService;
  projects: ProjectService;
  notices: Notices;
  identity: Pick<IdentityService, 'activeAccounts'>;
  /** Personal links and reply codes for people who do not sign in (issue 16). */
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  /** The facts other modules hold about culture (C1..C3), shown beside those statements. */
  evidence?: readonly CultureEvidenceSource[];
  /** The organisation's small-number rule, given to the evidence sources for counts of people. */
  smallNumberRule?: (organisationId: string) => Promise<SmallNumberRule>;
  /** Whether staff keep a review's results from members (open by default, issue 21). */
  keptFromMembers?: (organisationId: string, cycleId: string) => Promise<boolean>;
  /** Whether a project had an independent facilitator: its review then asks if one was useful (issue 22). */
  hadIndependentFacilitator?: (organisationId: string, projectId: string) => Promise<boolean>;
};

/** Evidence by statement, for the templates: C1, C2, C3 each with their lines (maybe none). */
export type CultureEvidenceByCode = Record<CultureEvidence['code'], CultureEvidence[]>;

/**
 * Reviews (V1, V2): self-assessment against the jigsaw, done together. Staff open a cycle
 * for the organisation or a project; everyone taking part rates each statement; the results
 * put the gap between staff and people with lived experience first.
 */
export function makeReviewService(deps: Deps) {
  const { db, now, keep, t, config, people, projects, notices, identity, replyActions, replyContact } = deps;
  const today = () => londonToday(now());
  const usable = usableChannels(config.delivery.kind, config.sms !== null);

  async function load(organisationId: string, id: string): Promise<CycleSummary> {
    const row = await repo.findCycle(db, organisationId, id);
    if (!row) throw new NotFound();
    const projectTitle = row.project_id ? await repo.projectTitle(db, organisationId, row.project_id) : null;
    const independentFacilitator = row.project_id
      ? ((await deps.hadIndependentFacilitator?.(organisationId, row.project_id)) ?? false)
      : false;
    return { ...toCycle({ ...row, project_title: projectTitle }, today()), asks: { independentFacilitator } };
  }

  /** Who may take part: everyone in the organisation for its own review, members for a project's. */
  async function mayTakePart(organisationId: string, cycle: CycleSummary, personId: string): Promise<boolean> {
    if (!cycle.projectId) return (await people.summaries(organisationId, [personId])).length === 1;
    return projects.isMember(organisationId, cycle.projectId, personId);
  }

  /** A cycle this user may see: staff see all of their organisation's; members only those they take part in. */
  async function visible(user: CurrentUser, id: string, actingFor?: ActingFor): Promise<CycleSummary> {
    const cycle = await load(user.organisationId, id);
    // A supporter filling it in with the person sees it as the person does (decision 0018).
    const who = actingFor?.supporterPersonId === user.personId ? actingFor.personId : user.personId;
    if (!isStaffUser(user) && !(await mayTakePart(user.organisationId, cycle, who))) throw new NotFound();
    return cycle;
  }

  /** Saves answers for one person: refused unless they take part and the review is open. */
  async function store(
    organisationId: string,
    cycle: CycleSummary,
    personId: string,
    answers: readonly StatementAnswer[],
    way: AnswerWay,
    recordedBy: string | null,
    actingFor: ActingFor | null = null,
  ): Promise<void> {
    if (!(await mayTakePart(organisationId, cycle, personId))) throw new NotFound();
    if (!cycle.answerable)
      throw new Conflict(
        cycle.status === 'upcoming'
          ? 'reviews:refused.notYet'
          : cycle.status === 'closed'
            ? 'reviews:refused.closed'
            : 'reviews:refused.pastClosing',
      );
    const at = now();
    const given = answers.filter((a) => a.answer !== null || a.comment);
    await db.transaction().execute(async (trx) => {
      for (const a of given) {
        await repo.saveAnswer(trx, {
          organisation_id: organisationId,
          cycle_id: cycle.id,
          person_id: personId,
          statement: a.code,
          rating: typeof a.answer === 'number' ? a.answer : null,
          dont_know: a.answer === 'dont-know' ? 1 : 0,
          comment: a.comment,
          way,
          recorded_by: recordedBy,
          updated_at: at.toISOString(),
        });
      }
      if (recordedBy && given.length > 0) {
        await writeAudit(trx, {
          organisationId,
          actorPersonId: recordedBy,
          onBehalfOfPersonId: personId,
          subjectType: 'review',
          subjectId: cycle.id,
          action: `answers-recorded-${way}`,
          changes: given.map((a) => ({ field: a.code })),
          at,
        });
      }
      if (given.length > 0) await keepAct(trx, actingFor, 'review', cycle.id);
    });
  }

  async function participants(organisationId: string, cycle: CycleSummary): Promise<PersonSummary[]> {
    if (!cycle.projectId) return people.directory(organisationId);
    const members = await projects.members(organisationId, cycle.projectId);
    return members.map((m) => ({ id: m.personId, name: m.name, fullName: m.name, perspectives: m.perspectives }));
  }

  async function respondents(organisationId: string, personIds: readonly string[]): Promise<Respondent[]> {
    const staffRoles = new Set(
      (await identity.activeAccounts(organisationId)).filter((a) => a.role === 'admin' || a.role === 'facilitator').map((a) => a.personId),
    );
    return (await people.summaries(organisationId, [...new Set(personIds)])).map((p) => ({
      personId: p.id,
      perspectives: p.perspectives,
      staff: staffRoles.has(p.id),
    }));
  }

  const toAnswer = (r: repo.AnswerRow): Answer | null =>
    r.rating !== null
      ? { personId: r.person_id, code: r.statement as StatementCode, rating: r.rating as Rating }
      : r.dont_know
        ? { personId: r.person_id, code: r.statement as StatementCode, rating: null }
        : null;

  // A review's results are kept until an answer (or anything they are counted from) changes;
  // the cycle's status is in the key, as the day alone can close a cycle.
  async function scoreOne(organisationId: string, cycle: CycleSummary): Promise<ReviewStanding | undefined> {
    const key = `review-results|${cycle.id}|${cycle.status}`;
    return keep(organisationId, key, async () => (await score(organisationId, [cycle])).get(cycle.id));
  }

  async function score(organisationId: string, cycles: readonly CycleSummary[]): Promise<Map<string, ReviewStanding>> {
    const rows = await repo.answersIn(
      db,
      organisationId,
      cycles.map((c) => c.id),
    );
    const who = await respondents(
      organisationId,
      rows.map((r) => r.person_id),
    );
    const out = new Map<string, ReviewStanding>();
    for (const cycle of cycles) {
      const answers = rows
        .filter((r) => r.cycle_id === cycle.id)
        .map(toAnswer)
        .filter((a): a is Answer => a !== null);
      const { gapThresholdTenths: _g, ...results } = scoreCycle(answers, who, cycle.gapThresholdTenths);
      const level = estimateLevel(results.pieces);
      out.set(cycle.id, { cycle, ...results, level, levelReasons: describeReasons(t, level) });
    }
    return out;
  }

  async function cyclesIn(organisationId: string, scope: ReviewScope): Promise<CycleSummary[]> {
    const rows = await repo.listCycles(db, organisationId, scope.projectId ?? null);
    return rows.map((r) => toCycle(r, today())).filter((c) => inPeriod(c, scope));
  }

  /** The next cycle of a scheduled series, made once however often this is called. */
  async function startNext(actor: Actor, id: string): Promise<string | null> {
    const cycle = await load(actor.organisationId, id);
    const dates = nextCycleDates(cycle);
    if (!dates) return null;
    const existing = await repo.findFollower(db, actor.organisationId, id);
    if (existing) return existing.id;
    await repo.insertNextCycle(db, {
      id: newId(),
      organisation_id: actor.organisationId,
      project_id: cycle.projectId,
      title: cycle.title,
      opens_on: dates.opensOn,
      closes_on: dates.closesOn,
      schedule: cycle.schedule,
      gap_threshold_tenths: cycle.gapThresholdTenths,
      follows_cycle_id: id,
      invitations_sent_at: null,
      closed_at: null,
      closed_by: null,
      created_at: now().toISOString(),
      created_by: actor.personId,
    });
    const made = await repo.findFollower(db, actor.organisationId, id);
    if (!made) throw new Conflict();
    return made.id;
  }

  return {
    load,
    visible,
    participants,

    /** The organisation's own reviews open for answers now, newest first (a provider's check is made in one). */
    async openOrganisationReviews(organisationId: string): Promise<CycleSummary[]> {
      return (await repo.listCycles(db, organisationId, null))
        .map((r) => toCycle(r, today()))
        .filter((c) => c.answerable)
        .reverse();
    },

    /**
     * What the app holds about each culture statement, today, from every source given. Each
     * source reads a fixed number of counts, so this costs the same whatever the size.
     */
    async cultureEvidence(organisationId: string): Promise<CultureEvidenceByCode> {
      const rule = deps.smallNumberRule ? await deps.smallNumberRule(organisationId) : undefined;
      const found = await Promise.all((deps.evidence ?? []).map((source) => source(db, organisationId, now(), t, keep, rule)));
      const byCode = Object.fromEntries(evidenceCodes.map((c) => [c, []])) as unknown as CultureEvidenceByCode;
      for (const line of found.flat()) byCode[line.code].push(line);
      return byCode;
    },

    /** The review, when a member may take part in it but staff keep its results inside the team; null otherwise. */
    async keptFromMembers(user: CurrentUser, id: string): Promise<CycleSummary | null> {
      const cycle = await visible(user, id);
      // Members read results only once a review has closed; before that it is "not found" anyway.
      if (isStaffUser(user) || !deps.keptFromMembers || cycle.status !== 'closed') return null;
      return (await deps.keptFromMembers(user.organisationId, id)) ? cycle : null;
    },

    /** The reviews list, newest first, a page at a time: staff see all; members those they take part in, once open. */
    async list(user: CurrentUser, page: Page): Promise<{ cycles: CycleSummary[]; total: number }> {
      const day = today();
      // A member takes part in the organisation's reviews and their projects' (as mayTakePart says), found in one go.
      const forMember = isStaffUser(user)
        ? null
        : { projectIds: await projects.projectIdsOf(user.organisationId, user.personId), today: day };
      const { rows, total } = await repo.cyclesPage(db, user.organisationId, forMember, page);
      return { cycles: rows.map((r) => toCycle(r, day)), total };
    },

    /** A project's reviews, newest first, for its page: members see those open or closed, not upcoming ones. */
    async forProject(user: CurrentUser, projectId: string): Promise<CycleSummary[]> {
      const cycles = (await repo.listCycles(db, user.organisationId, projectId)).map((r) => toCycle(r, today())).reverse();
      if (isStaffUser(user)) return cycles;
      if (!(await projects.isMember(user.organisationId, projectId, user.personId))) return [];
      return cycles.filter((c) => c.status !== 'upcoming');
    },

    /**
     * Open reviews this person has already answered and can still change, for their home
     * page: at most `limit`, and how many in all.
     */
    async answeredOpenFor(
      user: CurrentUser,
      limit: number,
    ): Promise<{ cycles: Array<{ id: string; title: string; closesOn: string }>; total: number }> {
      const { rows, total } = await repo.answeredOpenCycles(db, user.organisationId, user.personId, today(), limit);
      return { cycles: rows.map((r) => ({ id: r.id, title: r.title, closesOn: r.closes_on })), total };
    },

    /** Of these reviews, the ones this person has answered. */
    answeredAmong(user: CurrentUser, cycleIds: readonly string[]): Promise<Set<string>> {
      return repo.cyclesAnswered(db, user.organisationId, user.personId, cycleIds);
    },

    /** Reviews this person can answer now: for their home page ("Have your say"). `known`: their projects, when the caller has asked already. */
    async openFor(user: CurrentUser, known: { projectIds?: Promise<string[]> } = {}): Promise<CycleSummary[]> {
      const day = today();
      // The organisation's reviews and their projects' (as mayTakePart says), with the projects read once.
      const [open, projectIds] = await Promise.all([
        repo.answerableCycles(db, user.organisationId, day),
        known.projectIds ?? projects.projectIdsOf(user.organisationId, user.personId),
      ]);
      const theirs = new Set(projectIds);
      return open
        .map((r) => toCycle(r, day))
        .filter((c) => c.answerable && (!c.projectId || theirs.has(c.projectId)))
        .reverse();
    },

    async create(actor: Actor, input: CycleInput): Promise<Result> {
      const errors: FieldErrors = {};
      if (input.closesOn < input.opensOn) errors.closesOn = 'reviews:errors.closesBeforeOpens';
      if (input.projectId && !(await repo.projectTitle(db, actor.organisationId, input.projectId)))
        errors.projectId = 'reviews:errors.projectRequired';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertCycle(trx, {
          id,
          organisation_id: actor.organisationId,
          project_id: input.projectId,
          title: input.title,
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          schedule: input.schedule,
          gap_threshold_tenths: input.gapThresholdTenths,
          follows_cycle_id: null,
          invitations_sent_at: null,
          closed_at: null,
          closed_by: null,
          created_at: now().toISOString(),
          created_by: actor.personId,
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'review',
          subjectId: id,
          action: 'opened',
          at: now(),
        });
      });
      return { ok: true, id };
    },

    /** Closes the cycle; a scheduled one gets its next cycle at the same moment. */
    async close(actor: Actor, id: string): Promise<{ nextId: string | null }> {
      const cycle = await load(actor.organisationId, id);
      if (await repo.closeCycle(db, actor.organisationId, cycle.id, now().toISOString(), actor.personId)) {
        await writeAudit(db, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'review',
          subjectId: id,
          action: 'closed',
          at: now(),
        });
      }
      return { nextId: await startNext(actor, id) };
    },

    startNext,

    /**
     * The background job: a cycle still open after its closing day closes by itself (nobody
     * can answer then anyway), and a scheduled one gets its next cycle, so a quarterly review
     * keeps coming round even when nobody presses Close. Returns how many it closed.
     */
    async closeDue(): Promise<number> {
      let closed = 0;
      for (const due of await repo.dueToClose(db, today())) {
        const system = { organisationId: due.organisation_id, personId: null };
        if (await repo.closeCycle(db, due.organisation_id, due.id, now().toISOString(), null)) {
          await writeAudit(db, {
            organisationId: due.organisation_id,
            actorPersonId: null,
            subjectType: 'review',
            subjectId: due.id,
            action: 'closed',
            changes: [{ field: 'by', to: 'closing date' }],
            at: now(),
          });
          closed += 1;
        }
        await startNext(system, due.id);
      }
      return closed;
    },

    async follower(organisationId: string, id: string): Promise<string | null> {
      return (await repo.findFollower(db, organisationId, id))?.id ?? null;
    },

    /** How far a person has got, answers per form page, in a review already loaded (visible or load): it is not read again. */
    async progress(
      organisationId: string,
      { id: cycleId, asks }: Pick<CycleSummary, 'id' | 'asks'>,
      personId: string,
    ): Promise<SectionProgress[]> {
      const answered = new Set(
        (await repo.answersOf(db, organisationId, cycleId, personId))
          .filter((r) => r.rating !== null || r.dont_know)
          .map((r) => r.statement),
      );
      return (['culture', 'structure', 'practice', 'review', 'principles'] as const).map((section) => {
        const codes = statementsIn(section, asks);
        return { section, answered: codes.filter((c) => answered.has(c)).length, of: codes.length };
      });
    },

    /** A person's answers on some pages of a review already loaded, in one read however many pages. */
    async answersFor(
      organisationId: string,
      { id: cycleId, asks }: Pick<CycleSummary, 'id' | 'asks'>,
      personId: string,
      sections: readonly FormSection[],
    ): Promise<StatementAnswer[]> {
      const rows = new Map((await repo.answersOf(db, organisationId, cycleId, personId)).map((r) => [r.statement, r]));
      return sections
        .flatMap((section) => statementsIn(section, asks))
        .map((code) => {
          const r = rows.get(code);
          return { code, answer: r?.rating ? (r.rating as Rating) : r?.dont_know ? 'dont-know' : null, comment: r?.comment ?? null };
        });
    },

    /**
     * Saves one form page. A person saves only their own answers; staff may record answers
     * a person gave them in person or by phone, marked so and written to the history.
     */
    async saveSection(
      user: CurrentUser,
      cycleId: string,
      personId: string,
      answers: readonly StatementAnswer[],
      way: AnswerWay,
      actingFor?: ActingFor,
    ): Promise<void> {
      const supporting = actingFor?.supporterPersonId === user.personId && actingFor.personId === personId;
      const cycle = await visible(user, cycleId, supporting ? actingFor : undefined);
      const forSomeoneElse = personId !== user.personId;
      if (forSomeoneElse && (!(isStaffUser(user) || supporting) || way === 'self')) throw new NotFound();
      if (!forSomeoneElse && way !== 'self') throw new NotFound();
      const forThem = actingFor?.personId === personId ? actingFor : null;
      await store(user.organisationId, cycle, personId, answers, way, forSomeoneElse ? user.personId : null, forThem);
    },

    /**
     * Answers through a personal link (recordedBy null), or given to staff who typed the
     * person's reply code: the same rules as the pages, for the one person the action is for.
     */
    async saveForAction(
      organisationId: string,
      cycleId: string,
      personId: string,
      answers: readonly StatementAnswer[],
      recorded: { personId: string; how: Exclude<AnswerWay, 'self'> } | null,
    ): Promise<void> {
      const cycle = await load(organisationId, cycleId);
      await store(organisationId, cycle, personId, answers, recorded?.how ?? 'self', recorded?.personId ?? null);
    },

    /** A person's review through their personal link: the cycle, if they take part in it. */
    async forAction(organisationId: string, cycleId: string, personId: string): Promise<CycleSummary | null> {
      const cycle = await load(organisationId, cycleId);
      return (await mayTakePart(organisationId, cycle, personId)) ? cycle : null;
    },

    /** Who among some people (a page of the list) has answered how much, and how: for the staff page of a cycle. */
    async answerCounts(
      organisationId: string,
      cycleId: string,
      personIds: readonly string[],
    ): Promise<Map<string, { answered: number; recordedBy: 'self' | 'staff' }>> {
      const rows = await repo.answerCounts(db, organisationId, cycleId, personIds);
      return new Map(rows.map((r) => [r.personId, { answered: r.answered, recordedBy: r.byStaff ? 'staff' : 'self' }]));
    },

    /** How many people have answered anything so far. */
    countAnswering(organisationId: string, cycleId: string): Promise<number> {
      return keep(organisationId, `review-answering|${cycleId}`, () => repo.countAnswering(db, organisationId, cycleId));
    },

    /** One page of the people taking part, and how many there are in all. */
    async participantsPage(organisationId: string, cycle: CycleSummary, page: Page): Promise<{ people: PersonSummary[]; total: number }> {
      if (!cycle.projectId) {
        const [list, total] = await Promise.all([
          people.directory(organisationId, { limit: page.limit, offset: page.offset }),
          people.count(organisationId),
        ]);
        return { people: list, total };
      }
      // A project's members are a few dozen: one read, then the page.
      const all = await participants(organisationId, cycle);
      return { people: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },

    /** Someone taking part in this review, or null: for staff recording answers for them. */
    async participant(organisationId: string, cycle: CycleSummary, personId: string): Promise<PersonSummary | null> {
      if (!(await mayTakePart(organisationId, cycle, personId))) return null;
      return (await people.summaries(organisationId, [personId]))[0] ?? null;
    },

    /** Results of one cycle. Members see them once the cycle has closed. */
    async results(user: CurrentUser, id: string): Promise<ReviewStanding> {
      const cycle = await visible(user, id);
      if (!isStaffUser(user) && cycle.status !== 'closed') throw new NotFound();
      const scored = await scoreOne(user.organisationId, cycle);
      if (!scored) throw new NotFound();
      return scored;
    },

    /** Where the organisation (or a project) stands: the latest closed cycle, or else the open one. */
    async standing(organisationId: string, scope: ReviewScope = {}): Promise<ReviewStanding | null> {
      const chosen = latestStanding(await cyclesIn(organisationId, scope));
      return chosen ? ((await scoreOne(organisationId, chosen)) ?? null) : null;
    },

    /** Every cycle in scope, oldest first, for comparing over time. */
    cycleHistory(organisationId: string, scope: ReviewScope = {}): Promise<CycleHistoryEntry[]> {
      // Years of answers, kept until they change; which cycles are open depends on the day.
      const key = `review-history|${scope.projectId ?? ''}|${scope.from ?? ''}|${scope.to ?? ''}|${today()}`;
      return keep(organisationId, key, async () => {
        const cycles = (await cyclesIn(organisationId, scope)).filter((c) => c.status !== 'upcoming');
        const tallies = await repo.sectionTallies(
          db,
          organisationId,
          cycles.map((c) => c.id),
        );
        const who = await respondents(
          organisationId,
          tallies.map((r) => r.personId),
        );
        const byCycle = new Map<string, Map<FormSection, PersonTally[]>>();
        for (const r of tallies) {
          const sections = byCycle.get(r.cycleId) ?? new Map<FormSection, PersonTally[]>();
          byCycle.set(r.cycleId, sections);
          const list = sections.get(r.section) ?? [];
          sections.set(r.section, list);
          list.push(r);
        }
        return cycles.map((cycle) => {
          const bySection = byCycle.get(cycle.id) ?? new Map<FormSection, PersonTally[]>();
          const { overall, pieces, respondents: counted } = scoreTallies(bySection, who, cycle.gapThresholdTenths);
          return { cycle, overall, pieces, level: estimateLevel(pieces), respondents: counted };
        });
      });
    },

    /**
     * Invites everyone taking part by their own channel (S4). People who cannot sign in are
     * told staff will ask them. Sending again invites only people not invited before.
     */
    async sendInvitations(actor: Actor, id: string): Promise<{ sent: number; unreachable: string[] }> {
      const cycle = await load(actor.organisationId, id);
      if (cycle.status === 'closed') throw new Conflict();
      const canSignIn = new Set((await identity.activeAccounts(actor.organisationId)).map((a) => a.personId));
      const already = await repo.invitedPeople(db, actor.organisationId, id);
      // The organisation's own review goes to everyone who signs in (however many: not a
      // list capped for a page); staff ask the others. A project's goes to its members.
      const everyone = cycle.projectId ? (await participants(actor.organisationId, cycle)).map((p) => p.id) : [...canSignIn];
      const invite = everyone.filter((personId) => !already.has(personId));
      const loaded: Person[] = [];
      for (let i = 0; i < invite.length; i += 1000) loaded.push(...(await people.getMany(actor.organisationId, invite.slice(i, i + 1000))));
      loaded.sort((a, b) => a.fullName.localeCompare(b.fullName) || a.id.localeCompare(b.id));
      const link = `${config.publicUrl}/reviews/${id}/answer`;
      const closes = cycle.closesOn;
      const at = now().toISOString();
      // Read before the transaction: SQLite has one connection.
      const contact = await replyContact(actor.organisationId);
      return db.transaction().execute(async (trx) => {
        // Everyone gets their own link that works without signing in, and a reply code on paper or by text.
        const personal = await replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'review',
          aboutId: id,
          personIds: loaded.map((p) => p.id),
          expiresAt: `${closes}T23:59:59.000Z`,
          once: false,
        });
        const result = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'survey',
            aboutId: id,
            projectId: cycle.projectId,
            dedupeKey: (person) => `review-invitation:${id}:${person.id}`,
            compose: (person) => {
              const mine = personal.get(person.id);
              const vars = { name: person.name, title: cycle.title, link: mine?.link ?? link, closes: formatDate(closes) };
              if (!mine)
                return {
                  subject: t('reviews:invitation.subject', vars),
                  full: t(`reviews:invitation.${canSignIn.has(person.id) ? 'online' : 'staff'}.full`, vars),
                  text: t(`reviews:invitation.${canSignIn.has(person.id) ? 'online' : 'staff'}.text`, vars),
                  say: t('reviews:invitation.say', vars),
                };
              // A letter gives the code, phone and address; email and text the personal link.
              const letter = chooseChannel(person, usable).channel === 'letter';
              return {
                subject: t('reviews:invitation.subject', vars),
                full: letter
                  ? t('replies:reviewLetter', { ...vars, howToReply: letterHowToReply(t, mine.code, contact) })
                  : t('reviews:invitation.online.full', vars),
                text: `${t('reviews:invitation.online.text', vars)} ${textCode(t, mine.code)}`,
                say: t('reviews:invitation.say', vars),
              };
            },
          },
          loaded,
          trx,
        );
        // Someone with no way to reach them is asked again once staff add one.
        for (const p of loaded)
          if (chooseChannel(p, usable).channel)
            await repo.recordInvitation(trx, { organisation_id: actor.organisationId, cycle_id: id, person_id: p.id, invited_at: at });
        await repo.markInvitationsSent(trx, actor.organisationId, id, at);
        return result;
      });
    },

    async invited(organisationId: string, id: string, among?: readonly string[]): Promise<Set<string>> {
      return repo.invitedPeople(db, organisationId, id, among);
    },

    async canSignIn(organisationId: string, among?: readonly string[]): Promise<Set<string>> {
      return new Set((await identity.activeAccounts(organisationId, among)).map((a) => a.personId));
    },
  };
}

export type ReviewService = ReturnType<typeof makeReviewService>;
