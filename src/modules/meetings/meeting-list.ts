import { createHash } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { countNow } from '../../platform/counts.ts';
import { countEachTime, type KeepFigure } from '../../platform/kept-figures.ts';
import type { Page } from '../../platform/pagination.ts';
import type { ProjectService } from '../projects/service.ts';
import { someoneHasAnOpenGap } from './access-gap-query.ts';
import { londonToUtc } from './meeting-time.ts';

/**
 * Which meetings someone may list: the organisation's, or only those of some projects
 * (a member's own, or a facilitator's when they ask for theirs). Null means every project.
 */
export type MeetingScope = { organisationId: string; projectIds: readonly string[] | null };

export type MeetingListFilter = {
  projectId?: string | undefined;
  /** London dates (YYYY-MM-DD), both ends included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Someone invited has not answered an invitation that went. */
  unanswered?: boolean;
  /** The meeting's access check shows an open gap: someone invited has a need it does not meet yet. */
  accessGaps?: boolean;
  /**
   * With either of those and no 'from' date: only meetings starting from this instant. Past
   * meetings need no chasing, and a county's five years of them need not be read.
   */
  stillToComeFrom?: string | undefined;
};

export type MeetingListItem = {
  id: string;
  title: string;
  projectId: string;
  projectTitle: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  invited: number;
  notAnswered: number;
};

type Eb = ExpressionBuilder<Database & { m: Database['meetings'] }, 'm'>;

// "Not answered" is a set question over a meeting's invitees, answered from the invitees'
// key (meeting, person); access gaps are the access check's rules as set questions (see
// access-gap-query.ts): never the check run per meeting.
const someoneNotAnswered = (eb: Eb) =>
  eb.exists(
    eb
      .selectFrom('meeting_invitees as i')
      .select('i.person_id')
      .whereRef('i.meeting_id', '=', 'm.id')
      .where('i.reply', '=', 'none')
      .where('i.invited_at', 'is not', null),
  );

/** The UTC moment a London day starts (midnight always exists in London). */
const londonMidnight = (date: string) => {
  const start = londonToUtc(date, '00:00');
  return start.ok ? start.iso : `${date}T00:00:00.000Z`;
};
/** The day after a date, so "to" includes the whole of its day. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function scoped(db: Db, scope: MeetingScope, filter: MeetingListFilter) {
  let query = db.selectFrom('meetings as m').where('m.organisation_id', '=', scope.organisationId);
  if (scope.projectIds) {
    // "in ()" is not SQL: no projects means no meetings.
    query = scope.projectIds.length ? query.where('m.project_id', 'in', [...scope.projectIds]) : query.where('m.id', 'is', null);
  }
  if (filter.projectId) query = query.where('m.project_id', '=', filter.projectId);
  if (filter.from) query = query.where('m.starts_at', '>=', londonMidnight(filter.from));
  if (filter.to) query = query.where('m.starts_at', '<', londonMidnight(dayAfter(filter.to)));
  // Nobody chases answers or checks access for a meeting that is not going ahead.
  if (filter.unanswered || filter.accessGaps) query = query.where('m.cancelled_at', 'is', null);
  if ((filter.unanswered || filter.accessGaps) && !filter.from && filter.stillToComeFrom)
    query = query.where('m.starts_at', '>=', filter.stillToComeFrom);
  if (filter.unanswered) query = query.where(someoneNotAnswered);
  if (filter.accessGaps) query = query.where(someoneHasAnOpenGap);
  return query;
}

async function listMeetings(db: Db, scope: MeetingScope, filter: MeetingListFilter, page: Page): Promise<MeetingListItem[]> {
  const rows = await scoped(db, scope, filter)
    .select((eb) => [
      'm.id',
      'm.title',
      'm.project_id',
      'm.starts_at',
      'm.ends_at',
      'm.cancelled_at',
      eb.selectFrom('meeting_invitees as i').whereRef('i.meeting_id', '=', 'm.id').select(eb.fn.countAll().as('n')).as('invited'),
      eb
        .selectFrom('meeting_invitees as i')
        .whereRef('i.meeting_id', '=', 'm.id')
        .where('i.reply', '=', 'none')
        .where('i.invited_at', 'is not', null)
        .select(eb.fn.countAll().as('n'))
        .as('not_answered'),
    ])
    // Newest first: the organisation's (organisation, start, id) index gives the page in order.
    // The projects' titles come after, for this page only: joined here, SQLite's planner read
    // every project's meetings to sort them (30 ms at county size).
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const projectIds = [...new Set(rows.map((r) => r.project_id))];
  const titles = new Map(
    projectIds.length
      ? (
          await db
            .selectFrom('projects')
            .select(['id', 'title'])
            .where('organisation_id', '=', scope.organisationId)
            .where('id', 'in', projectIds)
            .execute()
        ).map((p) => [p.id, p.title])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    projectId: r.project_id,
    projectTitle: titles.get(r.project_id) ?? '',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    cancelled: r.cancelled_at !== null,
    invited: Number(r.invited ?? 0),
    notAnswered: Number(r.not_answered ?? 0),
  }));
}

async function countMeetings(db: Db, scope: MeetingScope, filter: MeetingListFilter): Promise<number> {
  const row = await scoped(db, scope, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every meeting someone may see, a page at a time, and what waits for staff before the coming ones. */
export function makeMeetingList({
  db,
  projects,
  keep = countEachTime,
}: {
  db: Db;
  projects: Pick<ProjectService, 'projectIdsOf'>;
  keep?: KeepFigure;
}) {
  const accessGapsCount = (scope: MeetingScope, from: string, to: string) =>
    scoped(db, scope, { from, to, accessGaps: true }).select((eb) => eb.fn.countAll<number>().as('n'));
  return {
    /** Staff see the organisation's meetings (or only their projects' when they ask); members those of their projects. */
    async scopeFor(user: CurrentUser, onlyMine = false): Promise<MeetingScope> {
      const mine = !isStaff(user) || onlyMine;
      return {
        organisationId: user.organisationId,
        projectIds: mine ? await projects.projectIdsOf(user.organisationId, user.personId) : null,
      };
    },

    async page(scope: MeetingScope, filter: MeetingListFilter, page: Page): Promise<{ meetings: MeetingListItem[]; total: number }> {
      const [meetings, total] = await Promise.all([listMeetings(db, scope, filter, page), countMeetings(db, scope, filter)]);
      return { meetings, total };
    },

    /**
     * How many invitations went and have no answer yet, for meetings going ahead between two
     * London dates; asked with other counts (platform/counts.ts).
     */
    unansweredCount(scope: MeetingScope, from: string, to: string) {
      return scoped(db, scope, { from, to })
        .where('m.cancelled_at', 'is', null)
        .innerJoin('meeting_invitees as i', 'i.meeting_id', 'm.id')
        .where('i.reply', '=', 'none')
        .where('i.invited_at', 'is not', null)
        .select((eb) => eb.fn.countAll<number>().as('n'));
    },

    /**
     * How many meetings going ahead between two London dates have an open gap in their access
     * check, kept (decision 0014): every table it reads moves the figure version on,
     * and the window is whole London days, so time alone changes it only when the dates do.
     * On PostgreSQL it was most of the To do's time: thirteen rules planned afresh each time.
     */
    keptAccessGaps(scope: MeetingScope, from: string, to: string): Promise<number> {
      const whose = scope.projectIds
        ? createHash('sha256')
            .update([...scope.projectIds].sort().join(','))
            .digest('hex')
        : 'all';
      return keep(scope.organisationId, `access-gaps|${whose}|${from}|${to}`, () => countNow(db, accessGapsCount(scope, from, to)));
    },
  };
}

export type MeetingList = ReturnType<typeof makeMeetingList>;
