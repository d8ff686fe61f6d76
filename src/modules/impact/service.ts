import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { BudgetService } from '../claims/budget-service.ts';
import type { ClaimsService } from '../claims/service.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import type { TimebankService } from '../timebank/service.ts';
import { participation, type Presence } from './participation.ts';
import type { LearningPort, OutcomesPort, ReviewsPort } from './ports.ts';
import type { BudgetTotals, ImpactData } from './report-model.ts';
import { nhsDigitalRule, type SmallNumberRule } from './small-numbers.ts';

export type Period = { from: string; to: string };
/** 'organisation', or one project's id. */
export type Scope = { kind: 'organisation' } | { kind: 'project'; projectId: string };

type Deps = {
  db: Db;
  now: Clock;
  people: PeopleService;
  projects: ProjectService;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  claims: ClaimsService;
  budgets: BudgetService;
  timebank: TimebankService;
  /** Left out when that part of the app is not there: its section is left out too. */
  reviews?: ReviewsPort;
  learning?: LearningPort;
  outcomes?: OutcomesPort;
};

const londonDay = (iso: string) => londonToday(new Date(iso));
const within = (day: string, period: Period) => day >= period.from && day <= period.to;

/**
 * The organisation dashboard and the impact report (V1, V4): figures gathered from the
 * other parts' services, for staff only. The organisation always comes from the user.
 */
export function makeImpactService(deps: Deps) {
  const { db, now, people, projects, meetings, meetingRecords, claims, budgets, timebank, reviews, learning, outcomes } = deps;
  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  async function rule(organisationId: string): Promise<SmallNumberRule> {
    const row = await db
      .selectFrom('impact_settings')
      .select(['hide_below', 'round_to'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row ? { hideBelow: Number(row.hide_below), roundTo: Number(row.round_to) } : nhsDigitalRule;
  }

  /** Meetings held (not cancelled, already started) in the period and who was really there. */
  async function participationIn(user: CurrentUser, scope: Scope, period: Period) {
    const projectIds = scope.kind === 'project' ? [scope.projectId] : (await projects.titles(user.organisationId)).map((p) => p.id);
    const nowIso = now().toISOString();
    const held = (await Promise.all(projectIds.map((id) => meetings.forProject(user.organisationId, id))))
      .flat()
      .filter((m) => !m.cancelled && m.startsAt <= nowIso && within(londonDay(m.startsAt), period));
    const presences: Presence[] = [];
    for (const m of held) {
      const length = Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000);
      for (const [personId, a] of await meetingRecords.attendance(user.organisationId, m.id)) {
        if (a.status === 'present') presences.push({ meetingId: m.id, personId, minutes: a.minutesPresent ?? length });
      }
    }
    const summaries = await people.summaries(user.organisationId, [...new Set(presences.map((p) => p.personId))]);
    return participation(
      held.map((m) => m.id),
      presences,
      new Map(summaries.map((s) => [s.id, s.perspectives])),
    );
  }

  /** Payments and expenses approved in the period, and time credits given. */
  async function rewardsIn(user: CurrentUser, period: Period) {
    const settled = await claims.list(user, { statuses: ['approved', 'paid'], approvedFrom: period.from, approvedTo: period.to });
    const sum = (filter: (c: (typeof settled)[number]) => boolean) => settled.filter(filter).reduce((n, c) => n + c.amountPence, 0);
    const ledger = await timebank.statements.recent(user.organisationId, 100_000);
    const creditMinutes = ledger
      .filter((l) => (l.kind === 'attendance' || l.kind === 'credit') && !l.reversed && within(londonDay(l.at), period))
      .flatMap((l) => l.parties.filter((p) => p.kind === 'person' && p.minutes > 0))
      .reduce((n, p) => n + p.minutes, 0);
    return {
      paymentsApprovedPence: sum((c) => c.kind !== 'expense' && c.status === 'approved'),
      paymentsPaidPence: sum((c) => c.kind !== 'expense' && c.status === 'paid'),
      expensesPence: sum((c) => c.kind === 'expense'),
      creditMinutes,
    };
  }

  /**
   * For one project, or every project added together: the whole planned budget, what was
   * agreed and paid for work and costs dated in the period, and what is left of the whole
   * budget after everything agreed or paid so far.
   */
  async function budgetFor(user: CurrentUser, scope: Scope, period: Period): Promise<BudgetTotals | null> {
    const ids = scope.kind === 'project' ? [scope.projectId] : (await projects.titles(user.organisationId)).map((p) => p.id);
    const whole = await Promise.all(ids.map((id) => budgets.forProject(user, id)));
    const inPeriod = await Promise.all(ids.map((id) => budgets.forProject(user, id, period)));
    const withMoney = whole
      .map((b, i) => ({ whole: b, period: inPeriod[i]! }))
      .filter(({ whole: b }) => b.hasPlan || b.total.committedPence || b.total.paidPence);
    if (withMoney.length === 0) return null;
    const add = (which: 'whole' | 'period', k: 'plannedPence' | 'committedPence' | 'paidPence') =>
      withMoney.reduce((n, b) => n + b[which].total[k], 0);
    const leftPence = add('whole', 'plannedPence') - add('whole', 'committedPence') - add('whole', 'paidPence');
    return {
      plannedPence: add('whole', 'plannedPence'),
      committedPence: add('period', 'committedPence'),
      paidPence: add('period', 'paidPence'),
      leftPence,
      over: leftPence < 0,
    };
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
        participationIn(user, org, period),
        rewardsIn(user, period),
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
      const projectId = scope.kind === 'project' ? scope.projectId : undefined;
      const filter = { ...(projectId ? { projectId } : {}), from: period.from, to: period.to };
      const [taking, standing, outcomeList, stories, budget, smallNumbers] = await Promise.all([
        participationIn(user, scope, period),
        reviews
          ? reviews.standing(user.organisationId, { projectId: projectId ?? null, from: period.from, to: period.to })
          : Promise.resolve(undefined),
        outcomes ? outcomes.beforeAfter(user.organisationId, filter) : Promise.resolve(undefined),
        outcomes ? outcomes.reportableStories(user.organisationId, filter) : Promise.resolve(undefined),
        budgetFor(user, scope, period),
        rule(user.organisationId),
      ]);
      const data: ImpactData = { scopeName, period, participation: taking, budget };
      if (standing !== undefined) data.standing = standing;
      if (outcomeList !== undefined) data.outcomes = outcomeList;
      if (stories !== undefined) data.stories = stories;
      return { data, rule: smallNumbers };
    },
  };
}

export type ImpactService = ReturnType<typeof makeImpactService>;
