import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import type { Clock } from '../../platform/time.ts';
import type { BudgetService } from '../claims/budget-service.ts';
import type { ClaimsService } from '../claims/service.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ProjectService } from '../projects/service.ts';
import type { TimebankService } from '../timebank/service.ts';
import type { Participation } from './participation.ts';
import { perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';
import { periodInstants } from './period.ts';
import type { LearningPort, OutcomesPort, ReviewsPort, Standing } from './ports.ts';
import type { KeptInternal } from './kept-internal.ts';
import type { BudgetTotals, ImpactData } from './report-model.ts';
import { nhsDigitalRule, type SmallNumberRule } from '../../platform/small-numbers.ts';

export type Period = { from: string; to: string };
/** 'organisation', or one project's id. */
export type Scope = { kind: 'organisation' } | { kind: 'project'; projectId: string };

type Deps = {
  db: Db;
  now: Clock;
  keep: KeepFigure;
  projects: ProjectService;
  meetings: MeetingService;
  claims: ClaimsService;
  budgets: BudgetService;
  timebank: TimebankService;
  /** Left out when that part of the app is not there: its section is left out too. */
  reviews?: ReviewsPort;
  learning?: LearningPort;
  outcomes?: OutcomesPort;
  /** Which reports staff keep from members (open by default). */
  keptInternal?: Pick<KeptInternal, 'isKept'>;
};

/**
 * The organisation dashboard and the impact report (V1, V4): figures gathered from the
 * other parts' services, for staff only. The organisation always comes from the user.
 */
export function makeImpactService(deps: Deps) {
  const { db, now, keep, projects, meetings, claims, budgets, timebank, reviews, learning, outcomes, keptInternal } = deps;
  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };
  // A county's year took 150 ms to count and fifty staff opening the dashboard timed out:
  // the figures are kept until the data under them changes or the next meeting starts.
  const keyOf = (kind: string, scope: Scope, period: Period) =>
    ['impact', kind, scope.kind === 'project' ? scope.projectId : 'organisation', period.from, period.to].join('|');
  const keptParticipation = (user: CurrentUser, scope: Scope, period: Period) =>
    keep(
      user.organisationId,
      keyOf('participation', scope, period),
      () => participationIn(user, scope, period),
      (p) => p.nextStart,
    ).then(({ nextStart: _, ...participation }) => participation);
  const keptRewards = (user: CurrentUser, period: Period) =>
    keep(user.organisationId, keyOf('rewards', { kind: 'organisation' }, period), () => rewardsIn(user, period));

  async function rule(organisationId: string): Promise<SmallNumberRule> {
    const row = await db
      .selectFrom('impact_settings')
      .select(['hide_below', 'round_to'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row ? { hideBelow: Number(row.hide_below), roundTo: Number(row.round_to) } : nhsDigitalRule;
  }

  /** Meetings held (not cancelled, already started) in the period and who was really there. */
  async function participationIn(user: CurrentUser, scope: Scope, period: Period): Promise<Participation & { nextStart: string | null }> {
    const figures = await meetings.participationFigures(user.organisationId, {
      ...(scope.kind === 'project' ? { projectId: scope.projectId } : {}),
      ...periodInstants(period),
      nowIso: now().toISOString(),
    });
    const taking = (group: PerspectiveGroup | 'everyone') => {
      const found = figures.taking.find((t) => t.group === group);
      return { people: found?.people ?? 0, minutes: found?.minutes ?? 0 };
    };
    return {
      meetings: figures.meetings,
      everyone: taking('everyone'),
      byGroup: Object.fromEntries(perspectiveGroups.map((g) => [g, taking(g)])) as Participation['byGroup'],
      nextStart: figures.nextStart,
    };
  }

  /** Payments and expenses approved in the period, and time credits given. */
  async function rewardsIn(user: CurrentUser, period: Period) {
    const { fromIso, toIso } = periodInstants(period);
    const [settled, creditMinutes] = await Promise.all([
      claims.settledTotals(user, period.from, period.to),
      timebank.creditMinutesBetween(user.organisationId, fromIso, toIso),
    ]);
    const sum = (filter: (c: (typeof settled)[number]) => boolean) => settled.filter(filter).reduce((n, c) => n + c.pence, 0);
    return {
      paymentsApprovedPence: sum((c) => c.kind !== 'expense' && c.status === 'approved'),
      paymentsPaidPence: sum((c) => c.kind !== 'expense' && c.status === 'paid'),
      expensesPence: sum((c) => c.kind === 'expense'),
      creditMinutes,
    };
  }

  /** The budget of one project, or every project together, for the period (see BudgetService.totals). */
  function budgetFor(user: CurrentUser, scope: Scope, period: Period): Promise<BudgetTotals | null> {
    return keep(user.organisationId, keyOf('budget', scope, period), () =>
      budgets.totals(user, scope.kind === 'project' ? scope.projectId : undefined, period),
    );
  }

  return {
    rule,

    async saveRule(user: CurrentUser, next: SmallNumberRule): Promise<void> {
      if (user.role !== 'admin') throw new Forbidden();
      const at = now().toISOString();
      const row = { hide_below: next.hideBelow, round_to: next.roundTo, updated_at: at, updated_by: user.personId };
      await db
        .insertInto('impact_settings')
        .values({ organisation_id: user.organisationId, ...row })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet(row))
        .execute();
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'organisation',
        subjectId: user.organisationId,
        action: 'small-number-rule-changed',
        changes: [
          { field: 'hideBelow', to: next.hideBelow },
          { field: 'roundTo', to: next.roundTo },
        ],
        at: now(),
      });
    },

    /** Which projects a report can be about: staff see every project of the organisation. */
    async scopes(user: CurrentUser) {
      staffOnly(user);
      return projects.titles(user.organisationId);
    },

    /** The organisation at a glance: the last year of taking part and rewards, the latest review, actions due. */
    async dashboard(user: CurrentUser, period: Period) {
      staffOnly(user);
      const org: Scope = { kind: 'organisation' };
      const [taking, rewards, standing, actions, smallNumbers] = await Promise.all([
        keptParticipation(user, org, period),
        keptRewards(user, period),
        reviews ? reviews.standing(user.organisationId) : Promise.resolve(undefined),
        learning ? learning.actionsDue(user.organisationId) : Promise.resolve(undefined),
        rule(user.organisationId),
      ]);
      return { participation: taking, rewards, standing, actions, rule: smallNumbers };
    },

    /** Everything a report on a project or the organisation shows for a period. */
    async report(user: CurrentUser, scope: Scope, period: Period): Promise<{ data: ImpactData; rule: SmallNumberRule }> {
      staffOnly(user);
      // A project of another organisation is "not found" here, before anything is read.
      const scopeName = scope.kind === 'project' ? (await projects.get(user, scope.projectId)).title : user.organisationName;
      return gather(user, scope, period, scopeName, 'everything');
    },

    /**
     * A project's report as its members read it (C1, V4: open by default): the same figures
     * under the same small-number rule, without the budget (staff's) or the stories (they
     * carry names). Staff see it too, to check what members see. Kept internal: no figures.
     */
    async forMembers(
      user: CurrentUser,
      projectId: string,
      period: Period,
    ): Promise<{ scopeName: string; keptInternal: boolean; report: { data: ImpactData; rule: SmallNumberRule } | null }> {
      // Someone not in the project (or of another organisation) gets "not found" from here.
      const project = await projects.get(user, projectId);
      const kept = keptInternal ? await keptInternal.isKept(user.organisationId, 'project-impact', projectId) : false;
      if (kept && !isStaff(user)) return { scopeName: project.title, keptInternal: true, report: null };
      const report = await gather(user, { kind: 'project', projectId }, period, project.title, 'members');
      return { scopeName: project.title, keptInternal: kept, report };
    },

    /**
     * The organisation's latest closed review, as members read it: averages by piece (none for
     * fewer than 3 people), never anyone's answers. Null when no review has closed yet.
     */
    async latestReviewForMembers(
      user: CurrentUser,
    ): Promise<{ keptInternal: boolean; standing: Standing | null; cycleTitle: string | null; rule: SmallNumberRule } | null> {
      if (!reviews) return null;
      const [standing, smallNumbers] = await Promise.all([
        reviews.standing(user.organisationId, { projectId: null }),
        rule(user.organisationId),
      ]);
      // An open review's figures move as people answer: members read them once it closes.
      if (!standing || standing.cycle.status !== 'closed') return null;
      const kept = keptInternal ? await keptInternal.isKept(user.organisationId, 'review-results', standing.cycle.id) : false;
      if (kept && !isStaff(user)) return { keptInternal: true, standing: null, cycleTitle: standing.cycle.title, rule: smallNumbers };
      return { keptInternal: kept, standing, cycleTitle: standing.cycle.title, rule: smallNumbers };
    },
  };

  /** The figures of a report; members' leaves out the budget and the stories. */
  async function gather(
    user: CurrentUser,
    scope: Scope,
    period: Period,
    scopeName: string,
    reader: 'everything' | 'members',
  ): Promise<{ data: ImpactData; rule: SmallNumberRule }> {
    const everything = reader === 'everything';
    const projectId = scope.kind === 'project' ? scope.projectId : undefined;
    const filter = { ...(projectId ? { projectId } : {}), from: period.from, to: period.to };
    const [taking, standing, outcomeList, stories, storiesTotal, budget, smallNumbers] = await Promise.all([
      keptParticipation(user, scope, period),
      reviews
        ? reviews.standing(user.organisationId, { projectId: projectId ?? null, from: period.from, to: period.to })
        : Promise.resolve(undefined),
      // Answers are times: those given on the period's last day count, as on the outcomes page.
      outcomes
        ? outcomes.beforeAfter(user.organisationId, { ...filter, answeredBefore: periodInstants(period).toIso })
        : Promise.resolve(undefined),
      outcomes && everything ? outcomes.reportableStories(user.organisationId, filter) : Promise.resolve(undefined),
      // The report shows the newest stories; the count is of them all, from the database.
      outcomes && everything ? outcomes.countReportableStories(user.organisationId, filter) : Promise.resolve(undefined),
      everything ? budgetFor(user, scope, period) : Promise.resolve(undefined),
      rule(user.organisationId),
    ]);
    const data: ImpactData = { scopeName, period, participation: taking };
    if (budget !== undefined) data.budget = budget;
    const shownStanding = everything || standing === undefined ? standing : await standingForMembers(user.organisationId, standing);
    if (shownStanding !== undefined) data.standing = shownStanding;
    if (outcomeList !== undefined) data.outcomes = outcomeList;
    if (stories !== undefined && storiesTotal !== undefined) {
      data.stories = stories;
      data.storiesTotal = storiesTotal;
      data.storiesHref = projectId ? `/outcomes/projects/${projectId}/stories` : '/outcomes';
    }
    return { data, rule: smallNumbers };
  }

  /** Members read a review's results once it has closed, unless staff keep them internal: else the section is left out. */
  async function standingForMembers(organisationId: string, standing: Standing | null): Promise<Standing | null | undefined> {
    if (!standing) return null;
    if (standing.cycle.status !== 'closed') return undefined;
    const kept = keptInternal ? await keptInternal.isKept(organisationId, 'review-results', standing.cycle.id) : false;
    return kept ? undefined : standing;
  }
}

export type ImpactService = ReturnType<typeof makeImpactService>;
