import type { Db } from '../../db/connection.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { countNow, countTogether, type Counted } from '../../platform/counts.ts';
import { outboxCount, type OutboxFilter } from '../../platform/outbox.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { ClaimsService } from '../claims/service.ts';
import type { MeetingList } from '../meetings/meeting-list.ts';
import type { ProjectService } from '../projects/service.ts';
import type { WaitingSwaps } from '../timebank/waiting-swaps.ts';

/** How far ahead staff look for invitations to chase and access to check: two weeks, today included. */
export const daysAhead = 14;

/** One line of the to-do list: what waits, how many, and where it is done. */
export type ToDoItem = { key: string; count: number; href: string };

type Deps = {
  db: Db;
  now: Clock;
  projects: Pick<ProjectService, 'projectIdsOf'>;
  meetingList: MeetingList;
  waitingSwaps: WaitingSwaps;
  claims: Pick<ClaimsService, 'waiting'>;
  /**
   * Kept by their own modules (access needs reviews, papers, received texts), read late by
   * services.ts. Null projects: the organisation's; else those of these projects.
   */
  // Counts are given as queries where they can be (platform/counts.ts): the page asks them
  // all in one query, one round trip, not twenty.
  waitingElsewhere: {
    overdueReviewsCount(organisationId: string, projectIds: readonly string[] | null): Counted;
    overdueReviewsPage(organisationId: string, projectIds: readonly string[] | null, page: number): Promise<OverdueReview[]>;
    papersWaitingCount(organisationId: string, projectIds: readonly string[] | null): Counted;
    papersWaitingPage(organisationId: string, projectIds: readonly string[] | null, page: number): Promise<PaperWaiting[]>;
    textsToDealWith(organisationId: string): Counted;
    /** Requests about people's data past their one-month deadline (data-rights module). */
    overdueDataRequests(organisationId: string): Counted;
    /** Supporters whose consent or legal basis is due for review (supporters module). */
    supporterReviewsDue(organisationId: string): Counted;
    /** Time polls with answers to chase, or past closing with a time to pick (time-polls module). */
    timePollsWaiting?(organisationId: string, projectIds: readonly string[] | null, kind: 'chase' | 'decide'): Counted;
    /** Safeguarding concerns nobody has picked up: counted for the named lead and deputy only. */
    concernsWaiting?(user: CurrentUser): Promise<number>;
    /** Outreach actions past their due date (community-groups module): the organisation's for admins, their own or their projects' for facilitators. */
    overdueOutreach?(user: CurrentUser, projectIds: readonly string[] | null): Promise<Counted>;
    /** Open risks past their date to look again (risks module): the organisation's for admins, a facilitator's own. */
    risksToLookAt?(user: CurrentUser, projectIds: readonly string[] | null): Promise<Counted>;
    /** Things projects' communication plans say to share that nobody was told about (communication-plans module, kept). */
    planNotMet?(user: CurrentUser): Promise<number>;
    /** Newcomers (first project in the last 90 days) with no active buddy (buddies module). */
    newcomersWithoutBuddy?(user: CurrentUser): Counted;
  };
};

type OverdueReview = { personId: string; name: string; dueOn: string; askedAt: string | null };
type PaperWaiting = { meetingId: string; meetingTitle: string; startsAt: string; personId: string; name: string };

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What waits for staff, each counted by the database in one query: letters, calls and kept
 * messages in the outbox, invitations not answered and access to check before the coming
 * meetings, claims to approve, swaps waiting for a yes, papers still to reach people and
 * access needs due their yearly check. Admins count the organisation's; facilitators the
 * projects they are in (for access needs: the members of those projects). Claims are the
 * organisation's for every member of staff, as the claims list is: any of them may approve
 * one that is not their own.
 */
export function makeToDoService({ db, now, projects, meetingList, waitingSwaps, claims, waitingElsewhere }: Deps) {
  /** Admins see the organisation's; facilitators the projects they are in. */
  async function projectsOf(user: CurrentUser): Promise<string[] | null> {
    if (user.role !== 'admin' && user.role !== 'facilitator') throw new Forbidden();
    return user.role === 'admin' ? null : projects.projectIdsOf(user.organisationId, user.personId);
  }

  return {
    /** `known`: what the caller has already asked for, so the home page does not ask twice. */
    async forStaff(
      user: CurrentUser,
      known: { claimsWaiting?: ReturnType<Deps['claims']['waiting']> } = {},
    ): Promise<{ items: ToDoItem[]; from: string; to: string }> {
      const projectIds = await projectsOf(user);
      const scope = { organisationId: user.organisationId, projectIds };
      const outboxScope: Pick<OutboxFilter, 'projectIds'> = projectIds ? { projectIds } : {};
      const outbox = (filter: OutboxFilter) => outboxCount(db, user.organisationId, { ...filter, ...outboxScope });
      const from = londonToday(now());
      const to = addDays(from, daysAhead - 1);
      // The meetings list shows a facilitator's own projects when asked, so the link shows what was counted.
      const meetingsLink = (only: string) =>
        `/meetings?${new URLSearchParams({ from, to, only, ...(projectIds ? { mine: 'yes' } : {}) }).toString()}`;
      // Access reviews and papers: the organisation's for admins, their projects' for facilitators.
      // Texts people sent back wait for any member of staff, as the inbox does.
      const admin = user.role === 'admin';
      const org = user.organisationId;
      const polls = (kind: 'chase' | 'decide') => waitingElsewhere.timePollsWaiting?.(org, projectIds, kind) ?? 0;
      // These two only need the projects, known already: they are queries to count with the rest.
      const [outreach, risksDue] = await Promise.all([
        waitingElsewhere.overdueOutreach?.(user, projectIds) ?? 0,
        waitingElsewhere.risksToLookAt?.(user, projectIds) ?? 0,
      ]);
      // Counts that need more than one query (or are kept) are made alongside the one query of the rest.
      const [waiting, concerns, planNotMet, gaps, n] = await Promise.all([
        known.claimsWaiting ?? claims.waiting(user),
        waitingElsewhere.concernsWaiting?.(user) ?? 0,
        waitingElsewhere.planNotMet?.(user) ?? 0,
        meetingList.keptAccessGaps(scope, from, to),
        countTogether(db, {
          letters: outbox({ status: 'to-print', channel: 'letter' }),
          calls: outbox({ status: 'to-call' }),
          held: outbox({ status: 'held' }),
          unanswered: meetingList.unansweredCount(scope, from, to),
          swaps: waitingSwaps.countQuery(scope),
          reviews: waitingElsewhere.overdueReviewsCount(org, projectIds),
          papers: waitingElsewhere.papersWaitingCount(org, projectIds),
          texts: waitingElsewhere.textsToDealWith(org),
          dataRequests: admin ? waitingElsewhere.overdueDataRequests(org) : 0,
          supporterReviews: waitingElsewhere.supporterReviewsDue(org),
          pollsToChase: polls('chase'),
          pollsToDecide: polls('decide'),
          outreach,
          risksDue,
          newcomers: waitingElsewhere.newcomersWithoutBuddy?.(user) ?? 0,
        }),
      ]);
      return {
        from,
        to,
        items: [
          { key: 'letters', count: n.letters, href: '/admin/messages/letters' },
          { key: 'calls', count: n.calls, href: '/admin/messages?status=to-call' },
          { key: 'held', count: n.held, href: '/admin/messages?status=held' },
          { key: 'unanswered', count: n.unanswered, href: meetingsLink('unanswered') },
          { key: 'accessToCheck', count: gaps, href: meetingsLink('needs') },
          { key: 'claims', count: waiting.forApproval ?? 0, href: '/claims?status=submitted' },
          { key: 'swaps', count: n.swaps, href: '/timebank' },
          { key: 'texts', count: n.texts, href: '/admin/texts' },
          { key: 'papers', count: n.papers, href: '/to-do/papers' },
          { key: 'accessReviews', count: n.reviews, href: '/to-do/access-reviews' },
          ...(admin ? [{ key: 'dataRequests', count: n.dataRequests, href: '/data-requests?status=overdue' }] : []),
          { key: 'supporterReviews', count: n.supporterReviews, href: '/people/supporters-due' },
          { key: 'timePollsToChase', count: n.pollsToChase, href: '/time-polls?only=chase' },
          { key: 'timePollsToDecide', count: n.pollsToDecide, href: '/time-polls?only=decide' },
          // Only the lead and deputy can open them, so only they see the line.
          ...(concerns > 0 ? [{ key: 'concerns', count: concerns, href: '/safeguarding' }] : []),
          { key: 'overdueOutreach', count: n.outreach, href: `/community-groups/outreach?show=overdue${admin ? '' : '&mine=yes'}` },
          { key: 'risks', count: n.risksDue, href: admin ? '/risks?log=all&show=due' : '/risks?log=mine&show=due' },
          { key: 'planNotMet', count: planNotMet, href: '/communication-plans/not-met' },
          { key: 'newcomersWithoutBuddy', count: n.newcomers, href: '/buddies?show=needs' },
        ],
      };
    },

    /** Who is still waiting for papers for a meeting to come, 50 a page, with how many in all. */
    async papersWaiting(user: CurrentUser, page: number): Promise<{ rows: PaperWaiting[]; total: number }> {
      const projectIds = await projectsOf(user);
      const [rows, total] = await Promise.all([
        waitingElsewhere.papersWaitingPage(user.organisationId, projectIds, page),
        countNow(db, waitingElsewhere.papersWaitingCount(user.organisationId, projectIds)),
      ]);
      return { rows, total };
    },

    /** Whose access needs are due their yearly check (for facilitators: members of their projects), 50 a page. */
    async overdueReviews(user: CurrentUser, page: number): Promise<{ rows: OverdueReview[]; total: number }> {
      const projectIds = await projectsOf(user);
      const [rows, total] = await Promise.all([
        waitingElsewhere.overdueReviewsPage(user.organisationId, projectIds, page),
        countNow(db, waitingElsewhere.overdueReviewsCount(user.organisationId, projectIds)),
      ]);
      return { rows, total };
    },
  };
}

export type ToDoService = ReturnType<typeof makeToDoService>;
