import { sql, type Insertable, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { CommunicationPlanChoicesTable, PlanTopic } from '../../db/schema/communication-plans.ts';
import type { Page } from '../../platform/pagination.ts';

// Every query names the organisation: one organisation never reaches another's plans.

export async function plan(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('communication_plans')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export async function choices(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('communication_plan_choices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .execute();
}

/** The whole plan at once: the old choices go and the new ones are written, in the caller's transaction. */
export async function savePlan(
  db: Executor,
  row: { organisation_id: string; project_id: string; agreed_how: string | null; updated_at: string; updated_by: string | null },
  rows: Insertable<CommunicationPlanChoicesTable>[],
) {
  const { organisation_id: _o, project_id: _p, ...change } = row;
  await db
    .insertInto('communication_plans')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'project_id']).doUpdateSet(change))
    .execute();
  await db
    .deleteFrom('communication_plan_choices')
    .where('organisation_id', '=', row.organisation_id)
    .where('project_id', '=', row.project_id)
    .execute();
  if (rows.length) await db.insertInto('communication_plan_choices').values(rows).execute();
}

/** The window "plan not met" looks at: things from the last year, old enough to have been shared. */
export type GapWindow = {
  /** Decisions made on or before this London date that nobody was told about. */
  decidedBy: string;
  decidedFrom: string;
  /** Meetings that started between these instants. */
  startedFrom: string;
  now: string;
  /** Meetings starting before this with no invitations sent. */
  invitedBy: string;
  /** Meetings that started before this (between startedFrom and it) should have had their summary shared. */
  summariesBy: string;
  /** Project reviews opening on or after decidedFrom and by this London date should have asked people to answer. */
  reviewsOpenBy: string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each topic reads its own table, under its own alias
type ItemsBuilder = (db: Executor, organisationId: string, w: GapWindow) => SelectQueryBuilder<any, any, { project_id: string | null }>;

/**
 * Each topic's things the plan says to share and the app did not, as a list of the projects
 * they belong to. Each is read once over the organisation's window (an index range) and counted
 * by project, not once for every project: a county has a thousand projects.
 */
const untoldDecisions: ItemsBuilder = (db, organisationId, w) =>
  db
    .selectFrom('decision_records as d')
    .select('d.project_id as project_id')
    .where('d.organisation_id', '=', organisationId)
    .where('d.project_id', 'is not', null)
    .where('d.decided_on', '>=', w.decidedFrom)
    .where('d.decided_on', '<=', w.decidedBy)
    .where((e) =>
      e.not(
        e.exists(
          e
            .selectFrom('outbox as o')
            .select(sql<number>`1`.as('one'))
            .whereRef('o.organisation_id', '=', 'd.organisation_id')
            .whereRef('o.about_id', '=', 'd.id'),
        ),
      ),
    );

/** Meetings of the organisation that went ahead and started inside [from, before). */
const meetingsBetween = (db: Executor, organisationId: string, from: string, before: string) =>
  db
    .selectFrom('meetings as m')
    .select('m.project_id as project_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', from)
    .where('m.starts_at', '<', before);

const papersToNoOne: ItemsBuilder = (db, organisationId, w) =>
  meetingsBetween(db, organisationId, w.startedFrom, w.now)
    .where((e) =>
      e.exists(
        e
          .selectFrom('meeting_papers as mp')
          .select(sql<number>`1`.as('one'))
          .whereRef('mp.organisation_id', '=', 'm.organisation_id')
          .whereRef('mp.meeting_id', '=', 'm.id'),
      ),
    )
    .where((e) =>
      e.not(
        e.exists(
          e
            .selectFrom('paper_sendings as ps')
            .select(sql<number>`1`.as('one'))
            .whereRef('ps.organisation_id', '=', 'm.organisation_id')
            .whereRef('ps.meeting_id', '=', 'm.id'),
        ),
      ),
    );

const uninvitedMeetings: ItemsBuilder = (db, organisationId, w) =>
  meetingsBetween(db, organisationId, w.startedFrom, w.invitedBy).where('m.invitations_sent_at', 'is', null);

const unsharedSummaries: ItemsBuilder = (db, organisationId, w) =>
  meetingsBetween(db, organisationId, w.startedFrom, w.summariesBy).where((e) =>
    e.not(
      e.exists(
        e
          .selectFrom('meeting_notes as mn')
          .select(sql<number>`1`.as('one'))
          .whereRef('mn.meeting_id', '=', 'm.id')
          .where('mn.summary_published_at', 'is not', null),
      ),
    ),
  );

const reviewsNobodyAsked: ItemsBuilder = (db, organisationId, w) =>
  db
    .selectFrom('review_cycles as r')
    .select('r.project_id as project_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.project_id', 'is not', null)
    .where('r.opens_on', '>=', w.decidedFrom)
    .where('r.opens_on', '<=', w.reviewsOpenBy)
    .where('r.invitations_sent_at', 'is', null);

/** Each topic's items the plan says to share and the app did not. */
const gapItems = {
  decisions: untoldDecisions,
  papers: papersToNoOne,
  meetings: uninvitedMeetings,
  news: unsharedSummaries,
  reviews: reviewsNobodyAsked,
} satisfies Record<PlanTopic, ItemsBuilder>;
const topics = Object.keys(gapItems) as Array<keyof typeof gapItems>;

/**
 * Projects where the plan is not being met, with each topic's count: every topic's things
 * listed in one pass and counted by project, then the counts of a topic the project's plan shares only outside the
 * app (meetings, word of mouth ...) left out, because the app cannot see those.
 */
function gapsQuery(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow) {
  // Each branch lists its things with no grouping of its own, so the database reads each table
  // by the window's index range (grouping there made SQLite walk every meeting by project).
  const [first, ...rest] = topics.map((topic) => gapItems[topic](db, organisationId, w).select(sql.lit(topic).as('topic')));
  const grouped = rest.reduce((q, next) => q.unionAll(next), first!);
  let q = db
    .selectFrom(grouped.as('g'))
    .innerJoin('projects', 'projects.id', 'g.project_id')
    .where('projects.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('communication_plan_choices as c')
            .select(sql<number>`1`.as('one'))
            .where('c.organisation_id', '=', organisationId)
            .whereRef('c.project_id', '=', 'g.project_id')
            .whereRef('c.topic', '=', 'g.topic')
            .where('c.by_email', '=', 0)
            .where('c.by_text', '=', 0)
            .where('c.by_letter', '=', 0)
            .where('c.by_phone', '=', 0),
        ),
      ),
    )
    .select((eb) => [
      'projects.id',
      'projects.title',
      ...topics.map((topic) => eb.fn.sum<number>(eb.case().when('g.topic', '=', topic).then(1).else(0).end()).as(topic)),
    ])
    .groupBy(['projects.id', 'projects.title']);
  if (projectIds) q = projectIds.length ? q.where('projects.id', 'in', projectIds) : q.where('projects.id', 'is', null);
  return q;
}

const counted = (r: { id: string; title: string } & Record<keyof typeof gapItems, unknown>) => ({
  projectId: r.id,
  title: r.title,
  ...(Object.fromEntries(topics.map((topic) => [topic, Number(r[topic] ?? 0)])) as Record<keyof typeof gapItems, number>),
});

/** A page of projects not meeting their plan, with how many such projects there are in all. */
export async function gapsPage(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow, page: Page) {
  // The total comes with the page (a window count over the grouped rows): the grouping is
  // the costly part, so it is done once, not again for a count.
  const rows = await gapsQuery(db, organisationId, projectIds, w)
    .select((eb) => eb.fn.countAll<number | string>().over().as('projects_in_all'))
    .orderBy('projects.title')
    .orderBy('projects.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // Past the last page there is no row to carry the total: count it apart.
  const total = rows.length
    ? Number(rows[0]!.projects_in_all)
    : page.offset > 0
      ? (await gapTotals(db, organisationId, projectIds, w)).projects
      : 0;
  return { rows: rows.map(counted), total };
}

/** How many projects are not meeting their plan, and how many things in all. */
export async function gapTotals(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow) {
  const row = await db
    .selectFrom(gapsQuery(db, organisationId, projectIds, w).as('g'))
    .select((eb) => [eb.fn.countAll<number>().as('projects'), ...topics.map((topic) => eb.fn.sum<number>(`g.${topic}`).as(topic))])
    .executeTakeFirstOrThrow();
  return {
    projects: Number(row.projects ?? 0),
    things: topics.reduce((sum, topic) => sum + Number(row[topic] ?? 0), 0),
  };
}

/**
 * The first instant after `at` when time alone could change what the window holds: a meeting
 * starts, becomes due its invitations or its summary, or falls out of the year, or a London
 * day ends (decisions and reviews are counted by date). Until then a count of the window stays
 * right unless the data changes.
 */
export async function windowChangesAt(db: Executor, organisationId: string, w: GapWindow, untoldAfterDays: number, at: Date) {
  const next = (from: string) =>
    db
      .selectFrom('meetings')
      .select((eb) => eb.fn.min('starts_at').as('s'))
      .where('organisation_id', '=', organisationId)
      .where('starts_at', '>=', from);
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom(next(w.startedFrom).as('a')).select('a.s').as('leaving'),
      eb.selectFrom(next(w.now).as('b')).select('b.s').as('starting'),
      eb.selectFrom(next(w.invitedBy).as('c')).select('c.s').as('inviting'),
      eb.selectFrom(next(w.summariesBy).as('d')).select('d.s').as('summarising'),
    ])
    .executeTakeFirstOrThrow();
  const day = 86_400_000;
  const shift = (iso: string | null | undefined, by: number) => (iso ? Date.parse(iso) + by : Infinity);
  // A London day ends at midnight GMT or at 23:00 UTC in summer: whichever comes first.
  const utcDay = Math.floor(at.getTime() / day) * day;
  const dayEnds = [utcDay + 23 * 3_600_000, utcDay + day].find((t) => t > at.getTime())!;
  const first = Math.min(
    dayEnds,
    shift(row.leaving, 365 * day),
    shift(row.starting, 0),
    shift(row.inviting, -7 * day),
    shift(row.summarising, untoldAfterDays * day),
  );
  return new Date(first).toISOString();
}

/** One project's counts, whether or not anything is missing. */
export async function gapsFor(db: Executor, organisationId: string, projectId: string, w: GapWindow) {
  const project = await db
    .selectFrom('projects')
    .select(['id', 'title'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) return null;
  const row = await gapsQuery(db, organisationId, [projectId], w).executeTakeFirst();
  return counted(row ?? { ...project, decisions: 0, papers: 0, meetings: 0, news: 0, reviews: 0 });
}

// Digests ------------------------------------------------------------------

/** Notices whose digest time has come, a person's together. */
export async function heldDue(db: Executor, at: string, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'organisation_id', 'person_id', 'channel', 'recipient', 'held_until', 'expires_at', 'created_at'])
    .where('status', '=', 'digest')
    .where('digest_id', 'is', null)
    .where('held_until', '<=', at)
    .orderBy('organisation_id')
    .orderBy('person_id')
    .orderBy('channel')
    .orderBy('recipient')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The words of the notices going into digests, read once for the whole round. */
export async function noticeWords(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('outbox')
    .select(['id', 'project_id', 'recipient_name', 'subject', 'body_text', 'attachments'])
    .where('id', 'in', ids)
    .execute();
}

/** Marks notices as gone in a digest; only those still waiting, so none goes twice. */
export async function markGathered(db: Executor, ids: readonly string[], digestId: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ digest_id: digestId })
    .where('id', 'in', ids)
    .where('status', '=', 'digest')
    .where('digest_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markExpired(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'failed', failure: 'expired' })
    .where('id', 'in', ids)
    .where('status', '=', 'digest')
    .where('digest_id', 'is', null)
    .execute();
}
