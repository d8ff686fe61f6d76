import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { CommissioningPolicyCommentsTable, CommissioningPolicyDraftsTable } from '../../db/schema/commissioning.ts';
import type { Page } from '../../platform/pagination.ts';

// Drafts of the commissioning policy and what members said about them. Every query names
// the organisation; names come by a join, never a lookup per row.

/** The draft being written now (at most one), or the one that became a version. */
export async function draft(db: Executor, organisationId: string, where: { open: true } | { version: number }) {
  let q = db.selectFrom('commissioning_policy_drafts').selectAll().where('organisation_id', '=', organisationId);
  q = 'open' in where ? q.where('published_version', 'is', null) : q.where('published_version', '=', where.version);
  return q.orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
}

export async function insertDraft(db: Executor, row: Insertable<CommissioningPolicyDraftsTable>) {
  await db.insertInto('commissioning_policy_drafts').values(row).execute();
}

/** Changes the open draft only: one that became a version stays as it was published. */
export async function updateDraft(db: Executor, organisationId: string, id: string, change: Updateable<CommissioningPolicyDraftsTable>) {
  const r = await db
    .updateTable('commissioning_policy_drafts')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('published_version', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function commentOf(db: Executor, organisationId: string, draftId: string, personId: string) {
  return db
    .selectFrom('commissioning_policy_comments')
    .select(['answer', 'words', 'how', 'commented_at'])
    .where('organisation_id', '=', organisationId)
    .where('draft_id', '=', draftId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** One comment per person and draft: commenting again replaces it. */
export async function replaceComment(db: Executor, row: Insertable<CommissioningPolicyCommentsTable>) {
  await db
    .deleteFrom('commissioning_policy_comments')
    .where('organisation_id', '=', row.organisation_id)
    .where('draft_id', '=', row.draft_id)
    .where('person_id', '=', row.person_id)
    .execute();
  await db.insertInto('commissioning_policy_comments').values(row).execute();
}

/** A draft's comments, newest first, one page, with who gave them and who wrote them down. */
export async function commentsPage(db: Executor, organisationId: string, draftId: string, page: Page) {
  return db
    .selectFrom('commissioning_policy_comments as c')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'c.person_id').onRef('p.organisation_id', '=', 'c.organisation_id'))
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'c.recorded_by').onRef('r.organisation_id', '=', 'c.organisation_id'))
    .select([
      'c.id',
      'c.answer',
      'c.words',
      'c.how',
      'c.commented_at',
      'p.full_name as name',
      'p.preferred_name',
      'r.full_name as recorderName',
    ])
    .where('c.organisation_id', '=', organisationId)
    .where('c.draft_id', '=', draftId)
    .orderBy('c.commented_at', 'desc')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many agreed and how many would change a draft. */
export async function commentCounts(db: Executor, organisationId: string, draftId: string) {
  const rows = await db
    .selectFrom('commissioning_policy_comments')
    .select(['answer', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('draft_id', '=', draftId)
    .groupBy('answer')
    .execute();
  const of = (a: string) => Number(rows.find((r) => r.answer === a)?.n ?? 0);
  return { agree: of('agree'), change: of('change') };
}
