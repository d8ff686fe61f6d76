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

/** Projects where the plan is not being met, each with its counts: one query, the counting done by the database. */
function gapsQuery(db: Executor, organisationId: string, projectIds: readonly string[] | null, w: GapWindow) {
  let q = db
    .selectFrom('projects')
    .select((eb) => [
      'projects.id',
      'projects.title',
      untoldDecisions(eb, w).as('decisions'),
      papersToNoOne(eb, w).as('papers'),
      uninvitedMeetings(eb, w).as('meetings'),
    ])
    .where('projects.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.exists(
          untoldDecisions(eb, w)
            .clearSelect()
            .select(sql<number>`1`.as('one')),
        ),
        eb.exists(
          papersToNoOne(eb, w)
            .clearSelect()
            .select(sql<number>`1`.as('one')),
        ),
        eb.exists(
          uninvitedMeetings(eb, w)
            .clearSelect()
            .select(sql<number>`1`.as('one')),
        ),
      ]),
    );
  if (projectIds) q = projectIds.length ? q.where('projects.id', 'in', projectIds) : q.where('projects.id', 'is', null);
  return q;
}

const counted = (r: { id: string; title: string; decisions: unknown; papers: unknown; meetings: unknown }) => ({
  projectId: r.id,
  title: r.title,
  decisions: Number(r.decisions ?? 0),
  papers: Number(r.papers ?? 0),
  meetings: Number(r.meetings ?? 0),
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
    .select((eb) => [
      eb.fn.countAll<number>().as('projects'),
      eb.fn.sum<number>('g.decisions').as('decisions'),
      eb.fn.sum<number>('g.papers').as('papers'),
      eb.fn.sum<number>('g.meetings').as('meetings'),
    ])
    .executeTakeFirstOrThrow();
  return {
    projects: Number(row.projects ?? 0),
    things: Number(row.decisions ?? 0) + Number(row.papers ?? 0) + Number(row.meetings ?? 0),
  };
}

/** One project's counts, whether or not anything is missing. */
export async function gapsFor(db: Executor, organisationId: string, projectId: string, w: GapWindow) {
  const row = await db
    .selectFrom('projects')
    .select((eb) => [
      'projects.id',
      'projects.title',
      untoldDecisions(eb, w).as('decisions'),
      papersToNoOne(eb, w).as('papers'),
      uninvitedMeetings(eb, w).as('meetings'),
    ])
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
