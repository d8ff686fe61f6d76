import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
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

type Eb = ExpressionBuilder<Database, 'projects'>;

/** Whether the project's plan shares this topic only in ways the app cannot see (meetings, word of mouth ...). */
const sharedOutsideTheApp = (eb: Eb, topic: PlanTopic) =>
  eb.exists(
    eb
      .selectFrom('communication_plan_choices as c')
      .select(sql<number>`1`.as('one'))
      .whereRef('c.organisation_id', '=', 'projects.organisation_id')
      .whereRef('c.project_id', '=', 'projects.id')
      .where('c.topic', '=', topic)
      .where('c.by_email', '=', 0)
      .where('c.by_text', '=', 0)
      .where('c.by_letter', '=', 0)
      .where('c.by_phone', '=', 0),
  );

const untoldDecisions = (eb: Eb, w: GapWindow) =>
  eb
    .selectFrom('decision_records as d')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('d.organisation_id', '=', 'projects.organisation_id')
    .whereRef('d.project_id', '=', 'projects.id')
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
    )
    .where((e) => e.not(sharedOutsideTheApp(eb, 'decisions')));

const papersToNoOne = (eb: Eb, w: GapWindow) =>
  eb
    .selectFrom('meetings as m')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('m.organisation_id', '=', 'projects.organisation_id')
    .whereRef('m.project_id', '=', 'projects.id')
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', w.startedFrom)
    .where('m.starts_at', '<', w.now)
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
    )
    .where((e) => e.not(sharedOutsideTheApp(eb, 'papers')));

const uninvitedMeetings = (eb: Eb, w: GapWindow) =>
  eb
    .selectFrom('meetings as m')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('m.organisation_id', '=', 'projects.organisation_id')
    .whereRef('m.project_id', '=', 'projects.id')
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', w.startedFrom)
    .where('m.starts_at', '<', w.invitedBy)
    .where('m.invitations_sent_at', 'is', null)
    .where((e) => e.not(sharedOutsideTheApp(eb, 'meetings')));

const unsharedSummaries = (eb: Eb, w: GapWindow) =>
  eb
    .selectFrom('meetings as m')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('m.organisation_id', '=', 'projects.organisation_id')
    .whereRef('m.project_id', '=', 'projects.id')
    .where('m.cancelled_at', 'is', null)
    .where('m.starts_at', '>=', w.startedFrom)
    .where('m.starts_at', '<', w.summariesBy)
    .where((e) =>
      e.not(
        e.exists(
          e
            .selectFrom('meeting_notes as mn')
            .select(sql<number>`1`.as('one'))
            .whereRef('mn.meeting_id', '=', 'm.id')
            .where('mn.summary_published_at', 'is not', null),
        ),
      ),
    )
    .where((e) => e.not(sharedOutsideTheApp(eb, 'news')));

const reviewsNobodyAsked = (eb: Eb, w: GapWindow) =>
  eb
    .selectFrom('review_cycles as r')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('r.organisation_id', '=', 'projects.organisation_id')
    .whereRef('r.project_id', '=', 'projects.id')
    .where('r.opens_on', '>=', w.decidedFrom)
    .where('r.opens_on', '<=', w.reviewsOpenBy)
    .where('r.invitations_sent_at', 'is', null)
    .where((e) => e.not(sharedOutsideTheApp(eb, 'reviews')));

/** Each topic's count of things the plan says to share and the app did not. */
const gapCounters = {
  decisions: untoldDecisions,
  papers: papersToNoOne,
  meetings: uninvitedMeetings,
  news: unsharedSummaries,
  reviews: reviewsNobodyAsked,
};
const topics = Object.keys(gapCounters) as Array<keyof typeof gapCounters>;
const countsOf = (eb: Eb, w: GapWindow) => topics.map((topic) => gapCounters[topic](eb, w).as(topic));

/** Projects where the plan is not being met, each with its counts: one query, the counting done by the database. */
function gapsQuery(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow) {
  let q = db
    .selectFrom('projects')
    .select((eb) => ['projects.id', 'projects.title', ...countsOf(eb, w)])
    .where('projects.organisation_id', '=', organisationId)
    .where((eb) => {
      // Kysely cannot call clearSelect on a union of the five builders, so each is named.
      const one = sql<number>`1`.as('one');
      return eb.or([
        eb.exists(untoldDecisions(eb, w).clearSelect().select(one)),
        eb.exists(papersToNoOne(eb, w).clearSelect().select(one)),
        eb.exists(uninvitedMeetings(eb, w).clearSelect().select(one)),
        eb.exists(unsharedSummaries(eb, w).clearSelect().select(one)),
        eb.exists(reviewsNobodyAsked(eb, w).clearSelect().select(one)),
      ]);
    });
  if (projectIds) q = projectIds.length ? q.where('projects.id', 'in', projectIds) : q.where('projects.id', 'is', null);
  return q;
}

const counted = (r: { id: string; title: string } & Record<keyof typeof gapCounters, unknown>) => ({
  projectId: r.id,
  title: r.title,
  ...(Object.fromEntries(topics.map((topic) => [topic, Number(r[topic] ?? 0)])) as Record<keyof typeof gapCounters, number>),
});

export async function gapsPage(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow, page: Page) {
  const rows = await gapsQuery(db, organisationId, projectIds, w)
    .orderBy('projects.title')
    .orderBy('projects.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(counted);
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

/** One project's counts, whether or not anything is missing. */
export async function gapsFor(db: Executor, organisationId: string, projectId: string, w: GapWindow) {
  const row = await db
    .selectFrom('projects')
    .select((eb) => ['projects.id', 'projects.title', ...countsOf(eb, w)])
    .where('projects.organisation_id', '=', organisationId)
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  return row ? counted(row) : null;
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
