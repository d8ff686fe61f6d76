import type { Db } from '../../db/connection.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { countOutbox, type OutboxFilter } from '../../platform/outbox.ts';
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
  /** Kept by their own modules (access needs reviews, papers, received texts), read late by services.ts. */
  waitingElsewhere: {
    overdueReviews(organisationId: string): Promise<number>;
    papersWaiting(organisationId: string): Promise<number>;
    textsToDealWith(organisationId: string): Promise<number>;
  };
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What waits for staff, each counted by the database in one query: letters, calls and kept
 * messages in the outbox, invitations not answered and access to check before the coming
 * meetings, claims to approve and swaps waiting for a yes. Admins count the organisation's;
 * facilitators the projects they are in. Claims are the organisation's for every member of
 * staff, as the claims list is: any of them may approve one that is not their own.
 */
export function makeToDoService({ db, now, projects, meetingList, waitingSwaps, claims, waitingElsewhere }: Deps) {
  return {
    async forStaff(user: CurrentUser): Promise<{ items: ToDoItem[]; from: string; to: string }> {
      if (user.role !== 'admin' && user.role !== 'facilitator') throw new Forbidden();
      const projectIds = user.role === 'admin' ? null : await projects.projectIdsOf(user.organisationId, user.personId);
      const scope = { organisationId: user.organisationId, projectIds };
      const outboxScope: Pick<OutboxFilter, 'projectIds'> = projectIds ? { projectIds } : {};
      const outbox = (filter: OutboxFilter) => countOutbox(db, user.organisationId, { ...filter, ...outboxScope });
      const from = londonToday(now());
      const to = addDays(from, daysAhead - 1);
      // The meetings list shows a facilitator's own projects when asked, so the link shows what was counted.
      const meetingsLink = (only: string) =>
        `/meetings?${new URLSearchParams({ from, to, only, ...(projectIds ? { mine: 'yes' } : {}) }).toString()}`;
      // Access reviews and papers are counted for the whole organisation, so admins see them;
      // texts people sent back wait for any member of staff, as the inbox does.
      const admin = user.role === 'admin';
      const none = async () => 0;
      const [letters, calls, held, unanswered, toCheck, waiting, swaps, reviews, papers, texts] = await Promise.all([
        outbox({ status: 'to-print', channel: 'letter' }),
        outbox({ status: 'to-call' }),
        outbox({ status: 'held' }),
        meetingList.unansweredInvitations(scope, from, to),
        meetingList.meetingsToCheck(scope, from, to),
        claims.waiting(user),
        waitingSwaps.count(scope),
        admin ? waitingElsewhere.overdueReviews(user.organisationId) : none(),
        admin ? waitingElsewhere.papersWaiting(user.organisationId) : none(),
        waitingElsewhere.textsToDealWith(user.organisationId),
      ]);
      return {
        from,
        to,
        items: [
          { key: 'letters', count: letters, href: '/admin/messages/letters' },
          { key: 'calls', count: calls, href: '/admin/messages?status=to-call' },
          { key: 'held', count: held, href: '/admin/messages?status=held' },
          { key: 'unanswered', count: unanswered, href: meetingsLink('unanswered') },
          { key: 'accessToCheck', count: toCheck, href: meetingsLink('needs') },
          { key: 'claims', count: waiting.forApproval ?? 0, href: '/claims?status=submitted' },
          { key: 'swaps', count: swaps, href: '/timebank' },
          { key: 'texts', count: texts, href: '/admin/texts' },
          ...(admin
            ? [
                { key: 'papers', count: papers, href: '/to-do/papers' },
                { key: 'accessReviews', count: reviews, href: '/to-do/access-reviews' },
              ]
            : []),
        ],
      };
    },
  };
}

export type ToDoService = ReturnType<typeof makeToDoService>;
